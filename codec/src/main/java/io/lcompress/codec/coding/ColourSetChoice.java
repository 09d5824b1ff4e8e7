package io.lcompress.codec.coding;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.PixelPredictor;

/**
 * An effort level's model that depends on whether the image's colour plane has a colour set (few colours,
 * coded with the colour histogram stage): planes with one get {@link #withColourSet()}, others
 * {@link #otherwise()}. The planner resolves it when it plans the colour plane ({@link #resolve}), so a
 * file always names the concrete model that coded it and decoding needs nothing of this choice. Anything
 * that uses it without resolving it gets {@link #otherwise()}.
 */
public final class ColourSetChoice implements PixelModel {
    private final PixelModel withColourSet;
    private final PixelModel otherwise;

    public ColourSetChoice(PixelModel withColourSet, PixelModel otherwise) {
        this.withColourSet = withColourSet;
        this.otherwise = otherwise;
    }

    /** {@code model} itself, or for a colour-set choice the model of a plane with ({@code colourSet}) or without one. */
    public static PixelModel resolve(PixelModel model, boolean colourSet) {
        if (model instanceof ColourSetChoice c) {
            return colourSet ? c.withColourSet : c.otherwise;
        }
        return model;
    }

    public PixelModel withColourSet() {
        return withColourSet;
    }

    public PixelModel otherwise() {
        return otherwise;
    }

    @Override
    public String name() {
        return otherwise.name();
    }

    @Override
    public long fingerprint() {
        return otherwise.fingerprint();
    }

    @Override
    public boolean supportsChannels(int channels) {
        return otherwise.supportsChannels(channels);
    }

    @Override
    public PixelPredictor newPredictor(Raster raster) {
        return otherwise.newPredictor(raster);
    }

    @Override
    public Elementary elementary() {
        return otherwise.elementary();
    }

    @Override
    public int maxComponents() {
        return otherwise.maxComponents();
    }

    @Override
    public String toString() {
        return otherwise.name() + " (" + withColourSet.name() + " with a colour set)";
    }
}
