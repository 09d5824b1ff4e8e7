package io.lcompress.model;

import io.lcompress.codec.model.neural.WeightFile;

import java.util.Locale;

/**
 * The likelihood family of a trained network: its output head, its loss and the weight-file head id.
 * The trunk (features, hidden layers) is the same for every family.
 */
public enum Likelihood {
    /** Discretized logistic mixture (PixelCNN++), {@link MixtureLoss}, head 1. */
    DMOL(WeightFile.HEAD_LOGISTIC_MIXTURE_COUPLED),
    /** 256-way categorical per channel with a variance-normalized tilt, {@link CategoricalLoss}, head 2. */
    CATEGORICAL(WeightFile.HEAD_CATEGORICAL),
    /**
     * Bernoulli: one logit per pixel of a two-level image over the binary template (feature spec 2),
     * binary cross-entropy, head 3; trained by {@link BernoulliTrainer}, not {@link Trainer}.
     */
    BERNOULLI(WeightFile.HEAD_BERNOULLI);

    /** The weight-file head id ({@link WeightFile#head()}). */
    public final int head;

    Likelihood(int head) {
        this.head = head;
    }

    /** The option spelling: "dmol", "categorical" or "bernoulli". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "dmol", "categorical" or "bernoulli" (case-insensitive); IllegalArgumentException otherwise. */
    public static Likelihood parse(String s) {
        for (Likelihood l : values()) {
            if (l.id().equalsIgnoreCase(s.trim())) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown likelihood '" + s + "' (dmol, categorical or bernoulli)");
    }

    /** Mixture components stored in the weight file: K for dmol, 0 for categorical, 1 for Bernoulli. */
    public int storedComponents(int components) {
        return this == DMOL ? components : this == BERNOULLI ? 1 : 0;
    }

    /** Head outputs for the channels (and K, for dmol); 1 for Bernoulli. */
    public int outputs(int channels, int components) {
        if (this == BERNOULLI) {
            return 1;
        }
        return WeightFile.headOutputs(head, channels, storedComponents(components));
    }
}
