package io.lcompress.codec.model.bilevel;

import io.lcompress.codec.mixture.FixedSigmoid;

/**
 * Online logistic mixing of bit predictions given as logits (the "context mixing" idea): weight set
 * {@code s} (chosen per bit by a small context) gives {@code t = sum_i w[s][i] * x[i]} (double, i
 * increasing) and {@code P(bit = 1) = FixedSigmoid.apply(t)} in units of {@code 2^-23}; after the bit y is
 * known, every weight moves along the gradient of the code length:
 * {@code w[s][i] += rate * (y - P) * x[i]} with {@code P = apply(t) / 2^23} (double, i increasing).
 * Every operation is a plain IEEE double operation in this order, so the encoder and decoder agree on
 * every JVM.
 */
final class LogisticMixer {
    private final int inputs;
    private final double[] w;
    private final double rate;
    private int set;
    private int p;

    /** {@code sets} weight sets of {@code inputs} weights, each starting as {@code initial}. */
    LogisticMixer(int inputs, int sets, double[] initial, double rate) {
        if (initial.length != inputs) {
            throw new IllegalArgumentException("initial weights");
        }
        this.inputs = inputs;
        this.rate = rate;
        this.w = new double[inputs * sets];
        for (int s = 0; s < sets; s++) {
            System.arraycopy(initial, 0, w, s * inputs, inputs);
        }
    }

    /** P(bit = 1), units of 2^-23, mixing logits {@code x} with weight set {@code s}; remembered for update. */
    int mix(double[] x, int s) {
        set = s * inputs;
        double t = 0;
        for (int i = 0; i < inputs; i++) {
            t += w[set + i] * x[i];
        }
        p = FixedSigmoid.apply(t);
        return p;
    }

    /** Learns bit y (0 or 1) for the inputs of the last {@link #mix}. */
    void update(double[] x, int y) {
        double err = (y - (double) p / FixedSigmoid.ONE) * rate;
        for (int i = 0; i < inputs; i++) {
            w[set + i] += err * x[i];
        }
    }
}
