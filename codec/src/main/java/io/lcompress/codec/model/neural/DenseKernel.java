package io.lcompress.codec.model.neural;

/**
 * One dense layer of {@link DenseNetwork}, given its non-zero inputs as {@code count} pairs (row offset
 * {@code off[t]} into the row-major weights, value {@code val[t]}): for every output {@code j < n}, in
 * float arithmetic, each operation rounded as written (no fused multiply-add),
 * <pre>
 *   acc = bias[j]
 *   for each group of four t = 4g .. 4g+3 (4g + 3 &lt; count):
 *       acc = acc + ((w[off[t]+j] * val[t] + w[off[t+1]+j] * val[t+1]) + (w[off[t+2]+j] * val[t+2] + w[off[t+3]+j] * val[t+3]))
 *   for each remaining t:  acc = acc + w[off[t]+j] * val[t]
 *   dst[j] = relu ? (acc &gt; 0 ? acc : 0) : acc
 * </pre>
 * Every output is computed on its own with exactly these operations in this order, so an implementation
 * that does several outputs at once (SIMD), or walks the weights in another order, gives bit-identical
 * results to the scalar loop on every machine. The vector kernel keeps {@code acc} in registers across
 * all the inputs (outputs outermost): the accumulators are loaded and stored once per layer, not once per
 * group.
 *
 * <p>{@link #INSTANCE} is the vectorized kernel when the JVM has the incubating
 * {@code jdk.incubator.vector} module (the {@code lcompress} launcher adds it; it roughly halves the
 * network's time on AVX2), otherwise the scalar loop.
 */
abstract class DenseKernel {
    static final DenseKernel INSTANCE = select();

    /** The layer of the class comment, into {@code dst[0..n)}. */
    abstract void layer(float[] dst, float[] bias, float[] w, int[] off, float[] val, int count, int n, boolean relu);

    /** Name of the implementation, for diagnostics. */
    abstract String name();

    static DenseKernel scalar() {
        return new Scalar();
    }

    private static DenseKernel select() {
        if (Boolean.getBoolean("lcompress.scalar")) {
            return new Scalar();
        }
        try {
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                return new Scalar();
            }
            DenseKernel k = (DenseKernel) Class.forName("io.lcompress.codec.model.neural.VectorDenseKernel")
                    .getDeclaredConstructor().newInstance();
            return k.selfTest() ? k : new Scalar();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return new Scalar();
        }
    }

    /** Compares with the scalar loop on a fixed pseudo-random case before use. */
    private boolean selfTest() {
        int n = 61;
        int count = 7;
        float[] w = new float[count * n];
        long s = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < w.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            w[i] = (float) ((s >> 40) - (1L << 23)) / (1 << 20);
        }
        float[] bias = new float[n];
        for (int j = 0; j < n; j++) {
            bias[j] = j * 0.37f - 7f;
        }
        int[] off = new int[count];
        float[] val = {0.3f, -1.7f, 2.9f, 1e-3f, 5f, -0.25f, 1.5f};
        for (int t = 0; t < count; t++) {
            off[t] = t * n;
        }
        float[] a = new float[n];
        float[] b = new float[n];
        layer(a, bias, w, off, val, count, n, true);
        new Scalar().layer(b, bias, w, off, val, count, n, true);
        return java.util.Arrays.equals(a, b);
    }

    /**
     * The scalar kernel walks the groups outermost (each adding to every output in {@code dst}): the same
     * operations per output as {@link #outputs}, in a loop over contiguous outputs that the JIT can
     * vectorize on its own, where the output-by-output loop gathers its weights one by one.
     */
    static final class Scalar extends DenseKernel {
        @Override
        void layer(float[] dst, float[] bias, float[] w, int[] off, float[] val, int count, int n, boolean relu) {
            System.arraycopy(bias, 0, dst, 0, n);
            int t = 0;
            for (; t + 4 <= count; t += 4) {
                int b0 = off[t];
                int b1 = off[t + 1];
                int b2 = off[t + 2];
                int b3 = off[t + 3];
                float v0 = val[t];
                float v1 = val[t + 1];
                float v2 = val[t + 2];
                float v3 = val[t + 3];
                for (int j = 0; j < n; j++) {
                    dst[j] = dst[j] + ((w[b0 + j] * v0 + w[b1 + j] * v1) + (w[b2 + j] * v2 + w[b3 + j] * v3));
                }
            }
            for (; t < count; t++) {
                int b0 = off[t];
                float v0 = val[t];
                for (int j = 0; j < n; j++) {
                    dst[j] = dst[j] + w[b0 + j] * v0;
                }
            }
            if (relu) {
                for (int j = 0; j < n; j++) {
                    dst[j] = dst[j] > 0f ? dst[j] : 0f;
                }
            }
        }

        @Override
        String name() {
            return "scalar";
        }
    }

    /** The loop over outputs {@code [from, to)} as the class comment defines it: the vector kernel's tail. */
    static void outputs(float[] dst, float[] bias, float[] w, int[] off, float[] val, int count, int from, int to,
                        boolean relu) {
        int groups = count & ~3;
        for (int j = from; j < to; j++) {
            float acc = bias[j];
            int t = 0;
            for (; t < groups; t += 4) {
                acc = acc + ((w[off[t] + j] * val[t] + w[off[t + 1] + j] * val[t + 1])
                        + (w[off[t + 2] + j] * val[t + 2] + w[off[t + 3] + j] * val[t + 3]));
            }
            for (; t < count; t++) {
                acc = acc + w[off[t] + j] * val[t];
            }
            dst[j] = relu ? (acc > 0f ? acc : 0f) : acc;
        }
    }
}
