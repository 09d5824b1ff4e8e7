package io.lcompress.codec.model.neural;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenseKernelTest {
    /** The tests run with jdk.incubator.vector (see the surefire argLine), so the vector kernel is in use. */
    @Test
    void vectorKernelIsSelectedWhenTheModuleIsPresent() {
        assertTrue(NeuralPixelModel.kernelName().startsWith("vector"), NeuralPixelModel.kernelName());
    }

    /**
     * Bit-identical to the scalar loop, and to the order in which shipped files were made (input groups
     * outermost, each adding to the stored outputs), for every width (vector tails included), every
     * input count (group remainders included), both activations and awkward values.
     */
    @Test
    void vectorScalarAndGroupOuterOrderAgreeExactly() {
        DenseKernel scalar = DenseKernel.scalar();
        DenseKernel used = DenseKernel.INSTANCE;
        SplittableRandom r = new SplittableRandom(20261129);
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-38f, 3.4e38f, -3.4e38f, 1f, -1f, Float.NaN};
        for (int n = 1; n <= 140; n++) {
            for (int count : new int[]{0, 1, 3, 4, 5, 11, 24}) {
                int rows = count + 3;
                float[] w = new float[rows * n + 5];
                for (int i = 0; i < w.length; i++) {
                    w[i] = r.nextInt(8) == 0 ? special[r.nextInt(special.length)] : (float) (r.nextGaussian() * 3);
                }
                float[] bias = new float[n];
                for (int j = 0; j < n; j++) {
                    bias[j] = r.nextInt(10) == 0 ? special[r.nextInt(special.length)] : (float) (r.nextGaussian() * 100);
                }
                int[] off = new int[count];
                float[] val = new float[count];
                for (int t = 0; t < count; t++) {
                    off[t] = r.nextInt(rows) * n + r.nextInt(5);
                    val[t] = r.nextInt(6) == 0 ? special[r.nextInt(special.length - 1)] : (float) r.nextGaussian();
                }
                for (boolean relu : new boolean[]{false, true}) {
                    float[] a = new float[n];
                    float[] b = new float[n];
                    used.layer(a, bias, w, off, val, count, n, relu);
                    scalar.layer(b, bias, w, off, val, count, n, relu);
                    assertArrayEquals(b, a, "n = " + n + ", count = " + count);
                    assertArrayEquals(groupOuter(bias, w, off, val, count, n, relu), b, "n = " + n + ", count = " + count);
                    float[] c = new float[n];
                    DenseKernel.outputs(c, bias, w, off, val, count, 0, n, relu);
                    assertArrayEquals(b, c, "output by output: n = " + n + ", count = " + count);
                }
            }
        }
    }

    /** The kernel checks its loads before making them (the CLI runs the Vector API without its own checks). */
    @Test
    void aLoadOutsideTheWeightsIsRefused() {
        float[] w = new float[4 * 40];
        float[] bias = new float[40];
        float[] dst = new float[40];
        float[] val = {1f, 2f, 3f, 4f};
        assertThrows(IndexOutOfBoundsException.class,
                () -> DenseKernel.INSTANCE.layer(dst, bias, w, new int[]{0, 40, 80, 121}, val, 4, 40, true));
        assertThrows(IndexOutOfBoundsException.class,
                () -> DenseKernel.INSTANCE.layer(dst, bias, w, new int[]{0, 40, 80, -1}, val, 4, 40, true));
        assertThrows(IndexOutOfBoundsException.class,
                () -> DenseKernel.INSTANCE.layer(new float[39], bias, w, new int[]{0, 40, 80, 120}, val, 4, 40, true));
        DenseKernel.INSTANCE.layer(dst, bias, w, new int[]{0, 40, 80, 120}, val, 4, 40, true);
    }

    /** The loop of the files' makers: groups of four inputs outermost, each added to the stored outputs. */
    private static float[] groupOuter(float[] bias, float[] w, int[] off, float[] val, int count, int n, boolean relu) {
        float[] dst = bias.clone();
        int t = 0;
        for (; t + 4 <= count; t += 4) {
            for (int j = 0; j < n; j++) {
                dst[j] = dst[j] + ((w[off[t] + j] * val[t] + w[off[t + 1] + j] * val[t + 1])
                        + (w[off[t + 2] + j] * val[t + 2] + w[off[t + 3] + j] * val[t + 3]));
            }
        }
        for (; t < count; t++) {
            for (int j = 0; j < n; j++) {
                dst[j] = dst[j] + w[off[t] + j] * val[t];
            }
        }
        if (relu) {
            for (int j = 0; j < n; j++) {
                dst[j] = dst[j] > 0f ? dst[j] : 0f;
            }
        }
        return dst;
    }
}
