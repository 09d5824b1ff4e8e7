package io.lcompress.codec.model;

import io.lcompress.codec.mixture.Alphabet;

/**
 * Per-raster state of a {@link FrequencyModel}. Calls arrive in raster order, as for
 * {@link PixelPredictor}: {@code beginPixel}, then per channel {@code frequencies} and {@code observe}.
 */
public interface FrequencyPredictor {
    /** Total of every frequency table: the coder's {@code 2^20}. */
    int TOTAL_BITS = io.lcompress.codec.mixture.QuantizedMixture.TOTAL_BITS;
    int TOTAL = 1 << TOTAL_BITS;

    /** Starts pixel (x, y); every pixel before it in raster order is complete in the raster. */
    void beginPixel(int x, int y);

    /**
     * Writes the cumulative frequencies of channel {@code c}'s symbols over {@code alphabet} (its
     * {@code n = alphabet.size()} levels, symbol j meaning {@code alphabet.level(j)}) into
     * {@code cumulative[0..n]}: {@code cumulative[0] = 0}, {@code cumulative[n] = }{@link #TOTAL}, strictly
     * increasing (every symbol has frequency at least 1, whatever the model computed). The coder checks
     * this and refuses a table that breaks it. Called only when {@code n > 1}.
     */
    void frequencies(int c, Alphabet alphabet, int[] cumulative);

    /** The value just coded for channel {@code c} (also in the raster). */
    default void observe(int c, int value) {
    }
}
