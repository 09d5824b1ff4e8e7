package io.lcompress.codec.model.neural;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernel} with the Vector API: the same float operations as the scalar loop, lane by lane
 * (separate multiply and add, never fused), so the results are bit-identical. Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorDenseKernel extends DenseKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    void accumulate4(float[] dst, float[] w, int b0, int b1, int b2, int b3,
                     float v0, float v1, float v2, float v3, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        for (; j < bound; j += S.length()) {
            FloatVector p = FloatVector.fromArray(S, w, b0 + j).mul(v0)
                    .add(FloatVector.fromArray(S, w, b1 + j).mul(v1));
            FloatVector q = FloatVector.fromArray(S, w, b2 + j).mul(v2)
                    .add(FloatVector.fromArray(S, w, b3 + j).mul(v3));
            FloatVector.fromArray(S, dst, j).add(p.add(q)).intoArray(dst, j);
        }
        for (; j < n; j++) {
            dst[j] = dst[j] + ((w[b0 + j] * v0 + w[b1 + j] * v1) + (w[b2 + j] * v2 + w[b3 + j] * v3));
        }
    }

    @Override
    String name() {
        return "vector " + S.vectorBitSize() + "-bit";
    }
}
