package io.lcompress.codec.model;

import io.lcompress.codec.mixture.LogisticMixture;

/**
 * Per-raster state of a {@link PixelModel}. Calls arrive strictly in raster order:
 * {@code beginPixel(0,0), predict(0), predict(1), ..., beginPixel(1,0), ...}; before
 * {@code predict(c)} the samples of channels {@code < c} of the current pixel are already in the
 * raster. Implementations may keep (deterministic) adaptive state across calls.
 */
public interface PixelPredictor {
    /** Starts pixel (x, y); every pixel before it in raster order is complete in the raster. */
    void beginPixel(int x, int y);

    /** Writes the mixture for channel {@code c} of the current pixel into {@code out}. */
    void predict(int c, LogisticMixture out);

    /**
     * Tells the predictor the value just coded for channel {@code c} of the current pixel (the same
     * value is in the raster). Adaptive models update here; encoder and decoder call it identically.
     */
    default void observe(int c, int value) {
    }
}
