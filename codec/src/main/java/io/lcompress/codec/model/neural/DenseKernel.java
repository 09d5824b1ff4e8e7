package io.lcompress.codec.model.neural;

/**
 * The inner step of the network's dense layers: for {@code j < n},
 * <pre>
 *   dst[j] = dst[j] + ((w[b0 + j] * v0 + w[b1 + j] * v1) + (w[b2 + j] * v2 + w[b3 + j] * v3))
 * </pre>
 * in float arithmetic, each operation rounded as written (no fused multiply-add). Every output j is
 * computed on its own with exactly these operations in this order, so an implementation that does
 * several j at once (SIMD) gives bit-identical results to the scalar loop on every machine.
 *
 * <p>{@link #INSTANCE} is the vectorized kernel when the JVM has the incubating
 * {@code jdk.incubator.vector} module (the {@code lcompress} launcher adds it; it roughly halves the
 * network's time on AVX2), otherwise the scalar loop.
 */
abstract class DenseKernel {
    static final DenseKernel INSTANCE = select();

    abstract void accumulate4(float[] dst, float[] w, int b0, int b1, int b2, int b3,
                              float v0, float v1, float v2, float v3, int n);

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
        float[] w = new float[4 * n];
        long s = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < w.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            w[i] = (float) ((s >> 40) - (1L << 23)) / (1 << 20);
        }
        float[] a = new float[n];
        float[] b = new float[n];
        for (int j = 0; j < n; j++) {
            a[j] = b[j] = j * 0.37f - 7f;
        }
        accumulate4(a, w, 0, n, 2 * n, 3 * n, 0.3f, -1.7f, 2.9f, 1e-3f, n);
        new Scalar().accumulate4(b, w, 0, n, 2 * n, 3 * n, 0.3f, -1.7f, 2.9f, 1e-3f, n);
        return java.util.Arrays.equals(a, b);
    }

    static final class Scalar extends DenseKernel {
        @Override
        void accumulate4(float[] dst, float[] w, int b0, int b1, int b2, int b3,
                         float v0, float v1, float v2, float v3, int n) {
            for (int j = 0; j < n; j++) {
                dst[j] = dst[j] + ((w[b0 + j] * v0 + w[b1 + j] * v1) + (w[b2 + j] * v2 + w[b3 + j] * v3));
            }
        }

        @Override
        String name() {
            return "scalar";
        }
    }
}
