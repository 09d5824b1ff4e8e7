package io.lcompress.codec.model;

import io.lcompress.codec.image.Raster;

/**
 * A causal model whose predictors give the coder integer frequencies directly instead of a logistic
 * mixture: the categorical (256-way softmax) and Bernoulli likelihood families. The coder uses the
 * frequencies exactly as given ({@link FrequencyPredictor}), so {@code -log2} of them is the model's code
 * length; the coding stages, which rework mixtures, do not apply, and the mixing models cannot take such
 * a model as an expert.
 *
 * <p>The same rules as for every {@link PixelModel} hold: a predictor reads only already-coded samples
 * and computes with a fixed order of IEEE operations and the model's {@link #elementary()} functions.
 */
public interface FrequencyModel extends PixelModel {
    /** A predictor for one raster (per-image adaptive state lives in it). */
    FrequencyPredictor newFrequencyPredictor(Raster raster);

    /**
     * Whether this model can code a plane whose channels have these alphabets (the encoder's planner asks
     * before choosing it; e.g. the Bernoulli model needs exactly two levels). Any plane of a channel
     * count it supports, unless overridden.
     */
    default boolean supportsAlphabets(io.lcompress.codec.mixture.Alphabet[] alphabets) {
        return supportsChannels(alphabets.length);
    }

    /**
     * Refuses, for the mixer {@code mixer}, every expert that is a frequency model: an
     * IllegalArgumentException with a one-line message naming the model. Mixers combine logistic
     * mixtures and cannot take one.
     */
    static void requireMixtures(String mixer, PixelModel... experts) {
        for (PixelModel m : experts) {
            if (m instanceof FrequencyModel) {
                throw new IllegalArgumentException("model '" + m.name() + "' gives frequencies (a categorical "
                        + "or Bernoulli network), not logistic mixtures: " + mixer + " cannot mix it");
            }
        }
    }

    /** 0: this model writes no mixtures, so it never counts against the {@link io.lcompress.codec.mixture.ComponentBudget}. */
    @Override
    default int maxComponents() {
        return 0;
    }

    /** Refused: this model writes frequencies, not mixtures (see {@link #newFrequencyPredictor}). */
    @Override
    default PixelPredictor newPredictor(Raster raster) {
        throw new UnsupportedOperationException("model '" + name() + "' gives frequencies, not logistic mixtures");
    }
}
