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
 * kernel keeps the same per-lane order).
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
        final int[] idx = new int[maxWidth];
    }

    Scratch newScratch() {
        return new Scratch();
    }

    /** Evaluates the network on {@code in} (length {@link #inputs()}) into {@code out} (length {@link #outputs()}). */
    void forward(float[] in, float[] out, Scratch scratch) {
        forward(in, out, scratch.s0, scratch.s1, scratch.idx);
    }

    void forward(float[] in, float[] out, float[] s0, float[] s1, int[] idx) {
        float[] src = in;
        for (int l = 0; l < layers; l++) {
            int nIn = widths[l];
            int nOut = widths[l + 1];
            float[] dst = l == layers - 1 ? out : ((l & 1) == 0 ? s0 : s1);
            float[] wl = w[l];
            System.arraycopy(b[l], 0, dst, 0, nOut);
            int nnz = 0;
            for (int i = 0; i < nIn; i++) {
                if (src[i] != 0f) {
                    idx[nnz++] = i;
                }
            }
            int t = 0;
            for (; t + 4 <= nnz; t += 4) {
                int i0 = idx[t];
                int i1 = idx[t + 1];
                int i2 = idx[t + 2];
                int i3 = idx[t + 3];
                float v0 = src[i0];
                float v1 = src[i1];
                float v2 = src[i2];
                float v3 = src[i3];
                int b0 = i0 * nOut;
                int b1 = i1 * nOut;
                int b2 = i2 * nOut;
                int b3 = i3 * nOut;
                KERNEL.accumulate4(dst, wl, b0, b1, b2, b3, v0, v1, v2, v3, nOut);
            }
            for (; t < nnz; t++) {
                int i0 = idx[t];
                float v0 = src[i0];
                int b0 = i0 * nOut;
                for (int j = 0; j < nOut; j++) {
                    dst[j] = dst[j] + wl[b0 + j] * v0;
                }
            }
            if (l < layers - 1) {
                for (int j = 0; j < nOut; j++) {
                    dst[j] = dst[j] > 0f ? dst[j] : 0f;
                }
            }
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
