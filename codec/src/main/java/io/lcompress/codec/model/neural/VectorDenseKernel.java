package io.lcompress.codec.model.neural;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link DenseKernel} with the Vector API: the same float operations as the scalar loop, lane by lane
 * (separate multiply and add, never fused; ReLU as a compare and blend, so NaN and -0 become +0 as in
 * {@code acc > 0 ? acc : 0}), so the results are bit-identical. Two vectors of outputs are accumulated at
 * once, in registers, over all the inputs. Loaded only when the {@code jdk.incubator.vector} module is
 * present.
 */
final class VectorDenseKernel extends DenseKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Override
    void layer(float[] dst, float[] bias, float[] w, int[] off, float[] val, int count, int n, boolean relu) {
        inBounds(dst, bias, w, off, val, count, n);
        int lanes = S.length();
        int j = 0;
        for (; j + 2 * lanes <= n; j += 2 * lanes) {
            twoVectors(dst, bias, w, off, val, count, j, relu);
        }
        for (; j + lanes <= n; j += lanes) {
            oneVector(dst, bias, w, off, val, count, j, relu);
        }
        outputs(dst, bias, w, off, val, count, j, n, relu);
    }

    /**
     * Checks every load the kernel will make, once per layer: the vector loads may then run without the
     * Vector API's own check per load (the CLI turns it off: {@code Main}).
     */
    private static void inBounds(float[] dst, float[] bias, float[] w, int[] off, float[] val, int count, int n) {
        if (n < 0 || n > dst.length || n > bias.length || count < 0 || count > off.length || count > val.length) {
            throw new IndexOutOfBoundsException("dense layer of " + n + " outputs and " + count + " inputs");
        }
        for (int t = 0; t < count; t++) {
            if (off[t] < 0 || off[t] > w.length - n) {
                throw new IndexOutOfBoundsException("weight row at " + off[t] + " of " + w.length);
            }
        }
    }

    /** Outputs {@code [j, j + 2 lanes)}. (Small methods: the JIT compiles them early, Vector API code runs slowly before.) */
    private static void twoVectors(float[] dst, float[] bias, float[] w, int[] off, float[] val, int count, int j,
                                   boolean relu) {
        int k = j + S.length();
        int groups = count & ~3;
        FloatVector a = FloatVector.fromArray(S, bias, j);
        FloatVector b = FloatVector.fromArray(S, bias, k);
        int t = 0;
        for (; t < groups; t += 4) {
            int o0 = off[t];
            int o1 = off[t + 1];
            int o2 = off[t + 2];
            int o3 = off[t + 3];
            float v0 = val[t];
            float v1 = val[t + 1];
            float v2 = val[t + 2];
            float v3 = val[t + 3];
            a = a.add(FloatVector.fromArray(S, w, o0 + j).mul(v0).add(FloatVector.fromArray(S, w, o1 + j).mul(v1))
                    .add(FloatVector.fromArray(S, w, o2 + j).mul(v2).add(FloatVector.fromArray(S, w, o3 + j).mul(v3))));
            b = b.add(FloatVector.fromArray(S, w, o0 + k).mul(v0).add(FloatVector.fromArray(S, w, o1 + k).mul(v1))
                    .add(FloatVector.fromArray(S, w, o2 + k).mul(v2).add(FloatVector.fromArray(S, w, o3 + k).mul(v3))));
        }
        for (; t < count; t++) {
            a = a.add(FloatVector.fromArray(S, w, off[t] + j).mul(val[t]));
            b = b.add(FloatVector.fromArray(S, w, off[t] + k).mul(val[t]));
        }
        if (relu) {
            a = FloatVector.zero(S).blend(a, a.compare(VectorOperators.GT, 0f));
            b = FloatVector.zero(S).blend(b, b.compare(VectorOperators.GT, 0f));
        }
        a.intoArray(dst, j);
        b.intoArray(dst, k);
    }

    /** Outputs {@code [j, j + lanes)}. */
    private static void oneVector(float[] dst, float[] bias, float[] w, int[] off, float[] val, int count, int j,
                                  boolean relu) {
        int groups = count & ~3;
        FloatVector a = FloatVector.fromArray(S, bias, j);
        int t = 0;
        for (; t < groups; t += 4) {
            a = a.add(FloatVector.fromArray(S, w, off[t] + j).mul(val[t])
                    .add(FloatVector.fromArray(S, w, off[t + 1] + j).mul(val[t + 1]))
                    .add(FloatVector.fromArray(S, w, off[t + 2] + j).mul(val[t + 2])
                            .add(FloatVector.fromArray(S, w, off[t + 3] + j).mul(val[t + 3]))));
        }
        for (; t < count; t++) {
            a = a.add(FloatVector.fromArray(S, w, off[t] + j).mul(val[t]));
        }
        if (relu) {
            a = FloatVector.zero(S).blend(a, a.compare(VectorOperators.GT, 0f));
        }
        a.intoArray(dst, j);
    }

    @Override
    String name() {
        return "vector " + S.vectorBitSize() + "-bit";
    }
}
