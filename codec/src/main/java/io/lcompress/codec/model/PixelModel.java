package io.lcompress.codec.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.ComponentBudget;
import io.lcompress.codec.mixture.Elementary;

/**
 * A causal probability model for 8-bit images: the source of every probability the coder uses.
 *
 * <p>Coding visits the subpixels of a raster in raster order (rows top to bottom, pixels left to right,
 * channels in order). For each pixel the coder calls {@link PixelPredictor#beginPixel}, then for each
 * channel {@link PixelPredictor#predict} followed by coding that sample. The encoder and the decoder
 * make exactly the same calls in the same order on rasters that agree on every sample already coded,
 * so a model that (1) reads only already-coded samples and (2) computes with a fixed order of
 * IEEE operations and {@link #elementary()} functions produces identical mixtures on both sides, on any JVM/CPU.
 *
 * <p>Implementations are immutable and thread-safe; per-image state lives in the predictor.
 */
public interface PixelModel {
    /** Short name used on the command line and in messages (e.g. {@code fast}, {@code default}). */
    String name();

    /**
     * A fingerprint of exactly what decoding needs (algorithm version and all parameters/weights):
     * two models with the same fingerprint produce the same probabilities. 8 bytes, stored in every
     * {@code .lc} file.
     */
    long fingerprint();

    /** Whether this model can code rasters with {@code channels} channels. */
    boolean supportsChannels(int channels);

    /**
     * A predictor for one raster. The predictor may read any sample of {@code raster} that precedes
     * the current subpixel in raster order, and nothing else.
     */
    PixelPredictor newPredictor(Raster raster);

    /**
     * The elementary functions everything that codes with this model uses: the model itself, the
     * coding stages on top of it and the quantizer ({@link Elementary}). Part of the fingerprint.
     */
    default Elementary elementary() {
        return Elementary.STRICT;
    }

    /**
     * The most components of the mixtures this model's predictors write. A model fits the component
     * budget when this is at most {@link ComponentBudget#MODEL}: the coding stages then keep all of them.
     * Defaults to {@link ComponentBudget#TOTAL}, all a mixture holds.
     */
    default int maxComponents() {
        return ComponentBudget.TOTAL;
    }
}
