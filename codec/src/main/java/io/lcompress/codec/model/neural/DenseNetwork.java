package io.lcompress.codec.model.neural;

/**
 * The dense layers of a {@link WeightFile}, evaluated in plain Java float arithmetic with a fixed
 * operation order: the forward pass shared by the heads of feature spec 1 ({@link NeuralPixelModel},
 * {@link CategoricalPixelModel}). The Bernoulli network of two-level planes has its own, with another
 * summation order fixed by its shipped files ({@code bilevel.BilevelNetwork}).
 *
 * <p>Layer l, in float: {@code acc = b_l}; let {@code i_0 < i_1 < ...} be the indices of the non-zero
 * inputs; for each group of four {@code (i_t .. i_t+3)}:
 * {@code acc[j] = acc[j] + ((W[i_t][j]*v_t + W[i_t+1][j]*v_t+1) + (W[i_t+2][j]*v_t+2 + W[i_t+3][j]*v_t+3))},
 * then for the remaining (fewer than four) inputs {@code acc[j] = acc[j] + W[i][j]*v}; then ReLU
 * ({@code acc > 0 ? acc : 0}) on hidden layers. The operation order is fixed by the inputs alone, so
 * results are identical everywhere (Java float arithmetic is IEEE, without implicit FMA; the vector
 * kernel keeps the same per-lane order). {@link DenseKernel} evaluates it output by output with the
 * accumulators in registers; the files were made walking the groups outermost, which gives every
 * output exactly the same operations ({@code DenseKernelTest} checks both orders agree).
 *
 * <p>Immutable and shared by all predictors; each predictor owns a {@link Scratch}.
 */
final class DenseNetwork {
    private static final DenseKernel KERNEL = DenseKernel.INSTANCE;

    private final int layers;
    private final int[] widths;
    private final float[][] w;
    private final float[][] b;
    private final int maxWidth;

    DenseNetwork(WeightFile weights) {
        this.layers = weights.layers();
        this.widths = weights.widths();
        this.w = new float[layers][];
        this.b = new float[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = weights.weightsShared(l);
            b[l] = weights.biasesShared(l);
        }
        int mw = 0;
        for (int width : widths) {
            mw = Math.max(mw, width);
        }
        this.maxWidth = mw;
    }

    /** The dense-layer kernel in use ("scalar" or "vector N-bit"); results are identical either way. */
    static String kernelName() {
        return KERNEL.name();
    }

    int inputs() {
        return widths[0];
    }

    int outputs() {
        return widths[layers];
    }

    /** Per-predictor work arrays of one network. */
    final class Scratch {
        final float[] s0 = new float[maxWidth];
        final float[] s1 = new float[maxWidth];
        final int[] off = new int[maxWidth];
        final float[] val = new float[maxWidth];
    }

    Scratch newScratch() {
        return new Scratch();
    }

    /** Evaluates the network on {@code in} (length {@link #inputs()}) into {@code out} (length {@link #outputs()}). */
    void forward(float[] in, float[] out, Scratch scratch) {
        forward(in, out, scratch.s0, scratch.s1, scratch.off, scratch.val);
    }

    void forward(float[] in, float[] out, float[] s0, float[] s1, int[] off, float[] val) {
        float[] src = in;
        for (int l = 0; l < layers; l++) {
            int nIn = widths[l];
            int nOut = widths[l + 1];
            float[] dst = l == layers - 1 ? out : ((l & 1) == 0 ? s0 : s1);
            int count = 0;
            for (int i = 0; i < nIn; i++) {
                float v = src[i];
                if (v != 0f) {
                    off[count] = i * nOut;
                    val[count++] = v;
                }
            }
            KERNEL.layer(dst, b[l], w[l], off, val, count, nOut, l < layers - 1);
            src = dst;
        }
    }

    /** Forward pass with fresh work arrays, for tools and tests. */
    float[] forward(float[] in) {
        if (in.length != widths[0]) {
            throw new IllegalArgumentException("expected " + widths[0] + " inputs, got " + in.length);
        }
        float[] out = new float[widths[layers]];
        forward(in, out, newScratch());
        return out;
    }
}
