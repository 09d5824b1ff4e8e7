package io.lcompress.codec.coding.stage;

import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.ColourSet;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.model.PixelPredictor;

/**
 * The coding stages of a model plane, built from its stage bits ({@link ModelPlane#stages()}), innermost
 * first:
 * <ol>
 *   <li>{@link ModelPlane#STAGE_COLOUR_COPY} (bit 1): {@link ColourCopyPredictor}, version 1; only on a
 *       plane with a colour set;</li>
 *   <li>{@link ModelPlane#STAGE_CHROMA_REPEAT} (bit 0): {@link ChromaRepeatPredictor}, version 1; only on
 *       planes of 3 or 4 channels ({@link ChromaRepeatPredictor#appliesTo}).</li>
 * </ol>
 * A new stage, or a new version of one, is a new bit and a new class here; the order above is part of
 * the format. Two more act on the coded frequencies rather than on the mixture, both applied by
 * {@code StripeCoder}: {@link ModelPlane#STAGE_CDF_CALIBRATION} (bit 7, {@link CdfCalibration} version 1) or
 * {@link ModelPlane#STAGE_CDF_CALIBRATION_2} (bit 11, version 2), installed
 * on the plane's {@code QuantizedMixture} after the two above, and then
 * {@link ModelPlane#STAGE_COLOUR_HISTOGRAM} (bit 8, {@link ColourHistogram}, planes with a colour set),
 * which blends the frequencies that gives with the counts of the colours around the pixel.
 */
public final class Stages {
    private Stages() {
    }

    /**
     * {@code base} wrapped by the stages {@code stages} names (a set of {@code ModelPlane.STAGE_*} bits)
     * that apply to this plane, each computing with {@code fn} (the model's elementary functions).
     */
    public static PixelPredictor wrap(int stages, PixelPredictor base, Raster raster, Alphabet[] alphabets,
                                      ColourSet colours, Elementary fn) {
        // planes with a colour set also get the neighbour-colour copy components (tried for single grey
        // channels with few levels too: it cost 1-4 % there)
        PixelPredictor p = base;
        if ((stages & ColourCopyPredictor.STAGE_BIT) != 0 && colours != null) {
            p = new ColourCopyPredictor(p, raster, fn);
        }
        if ((stages & ChromaRepeatPredictor.STAGE_BIT) != 0 && ChromaRepeatPredictor.appliesTo(raster.channels())) {
            p = new ChromaRepeatPredictor(p, raster, alphabets, fn);
        }
        return p;
    }
}
