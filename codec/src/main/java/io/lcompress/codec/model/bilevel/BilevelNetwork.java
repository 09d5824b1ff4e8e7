package io.lcompress.codec.model.bilevel;

import io.lcompress.codec.model.neural.WeightFile;

/**
 * The network of a Bernoulli-head weight file (head 3, feature spec 2): ReLU dense layers over the
 * {@link BinaryTemplate}, one output, the logit of P(ink).
 *
 * <p>Computation (float, this exact order, identical on every JVM): layer 1 starts from its biases and
 * adds, for every input that is 1 in increasing input order, that input's weight row (inputs are 0 or 1,
 * so this is the dense product without the zero terms); each later layer computes
 * {@code a[j] = b[j]}, then {@code a[j] += h[i] * W[i][j]} for i increasing; ReLU ({@code v > 0 ? v : 0})
 * after every layer but the last.
 */
public final class BilevelNetwork {
    private final WeightFile weights;
    private final int[] widths;
    private final float[][] w;
    private final float[][] b;
    private final int maxWidth;

    /** @throws IllegalArgumentException if the weights are not a Bernoulli head over spec 2 */
    public BilevelNetwork(WeightFile weights) {
        if (weights.head() != WeightFile.HEAD_BERNOULLI
                || weights.featureSpec() != BinaryTemplate.SPEC_BINARY_TEMPLATE) {
            throw new IllegalArgumentException("weight file has head " + weights.head() + " and feature spec "
                    + weights.featureSpec() + "; the bilevel model needs head " + WeightFile.HEAD_BERNOULLI
                    + " (Bernoulli) and spec " + BinaryTemplate.SPEC_BINARY_TEMPLATE);
        }
        this.weights = weights;
        this.widths = weights.widths();
        int layers = widths.length - 1;
        this.w = new float[layers][];
        this.b = new float[layers][];
        int mw = 0;
        for (int l = 0; l < layers; l++) {
            w[l] = weights.weights(l);
            b[l] = weights.biases(l);
        }
        for (int width : widths) {
            mw = Math.max(mw, width);
        }
        this.maxWidth = mw;
    }

    public WeightFile weights() {
        return weights;
    }

    /** Scratch space for {@link #logit}: two activation buffers. */
    public float[][] newScratch() {
        return new float[][]{new float[maxWidth], new float[maxWidth]};
    }

    /** Multiply-adds of a dense forward pass. */
    public long multiplyAdds() {
        return weights.multiplyAdds();
    }

    /**
     * The logit of P(ink) for the inputs whose indices (increasing) are {@code set[0 .. count)}, all other
     * inputs being 0. May be any float, infinities and NaN included, if the weights are extreme; callers
     * sanitize.
     */
    public float logit(int[] set, int count, float[][] scratch) {
        float[] in = scratch[0];
        float[] out = scratch[1];
        int n1 = widths[1];
        float[] w0 = w[0];
        System.arraycopy(b[0], 0, in, 0, n1);
        for (int k = 0; k < count; k++) {
            int row = set[k] * n1;
            for (int j = 0; j < n1; j++) {
                in[j] += w0[row + j];
            }
        }
        int layers = widths.length - 1;
        for (int l = 1; l < layers; l++) {
            int nIn = widths[l];
            for (int i = 0; i < nIn; i++) {         // ReLU of the previous layer
                float v = in[i];
                in[i] = v > 0f ? v : 0f;
            }
            int nOut = widths[l + 1];
            float[] wl = w[l];
            System.arraycopy(b[l], 0, out, 0, nOut);
            for (int i = 0; i < nIn; i++) {
                float h = in[i];
                if (h == 0f) {
                    continue;                       // adds h * W = +-0, which leaves every sum unchanged
                }
                int row = i * nOut;
                for (int j = 0; j < nOut; j++) {
                    out[j] += h * wl[row + j];
                }
            }
            float[] t = in;
            in = out;
            out = t;
        }
        return in[0];
    }

    /** The logit for a dense 0/1 input vector (training's validation and tests): same arithmetic. */
    public float logit(float[] inputs, int offset, int[] setScratch, float[][] scratch) {
        int n = 0;
        for (int k = 0; k < BinaryTemplate.SIZE; k++) {
            if (inputs[offset + k] != 0f) {
                setScratch[n++] = k;
            }
        }
        return logit(setScratch, n, scratch);
    }
}
