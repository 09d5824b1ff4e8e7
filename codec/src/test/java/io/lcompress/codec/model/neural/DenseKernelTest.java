package io.lcompress.codec.model.neural;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenseKernelTest {
    /** The tests run with jdk.incubator.vector (see the surefire argLine), so the vector kernel is in use. */
    @Test
    void vectorKernelIsSelectedWhenTheModuleIsPresent() {
        assertTrue(NeuralPixelModel.kernelName().startsWith("vector"), NeuralPixelModel.kernelName());
    }

    /** Bit-identical to the scalar loop, for every length (tails included) and awkward values. */
    @Test
    void vectorAndScalarAgreeExactly() {
        DenseKernel scalar = DenseKernel.scalar();
        DenseKernel used = DenseKernel.INSTANCE;
        SplittableRandom r = new SplittableRandom(20261129);
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-38f, 3.4e38f, -3.4e38f, 1f, -1f};
        for (int n = 1; n <= 200; n++) {
            float[] w = new float[4 * n + 7];
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : (float) (r.nextGaussian() * 3);
            }
            float[] a = new float[n];
            for (int j = 0; j < n; j++) {
                a[j] = (float) (r.nextGaussian() * 100);
            }
            float[] b = a.clone();
            float v0 = (float) r.nextGaussian();
            float v1 = (float) r.nextGaussian();
            float v2 = special[r.nextInt(special.length)];
            float v3 = (float) (r.nextGaussian() * 1e-3);
            int b0 = r.nextInt(8);
            used.accumulate4(a, w, b0, b0 + n, 2 * n + 3, 3 * n + 7, v0, v1, v2, v3, n);
            scalar.accumulate4(b, w, b0, b0 + n, 2 * n + 3, 3 * n + 7, v0, v1, v2, v3, n);
            assertArrayEquals(b, a, "n = " + n);
        }
    }
}
