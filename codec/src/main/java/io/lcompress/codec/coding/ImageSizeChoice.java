package io.lcompress.codec.coding;

import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.PixelPredictor;

/**
 * An effort level's model that depends on the image's size: RGB images of at most {@link #maxSmallPixels()}
 * pixels get the model trained for small images, others the level's usual model. The encoder
 * resolves it per image before it plans the planes ({@link #resolve}), so a file always names the
 * concrete model that coded it and decoding needs nothing of this choice. Anything that uses it without
 * resolving it (it is a {@link PixelModel} so that a level's model can be passed around as any other)
 * gets the large images' model.
 */
public final class ImageSizeChoice implements PixelModel {
    private final PixelModel small;
    private final PixelModel large;
    private final long maxSmallPixels;

    public ImageSizeChoice(PixelModel small, PixelModel large, long maxSmallPixels) {
        if (maxSmallPixels < 1) {
            throw new IllegalArgumentException("maxSmallPixels must be positive: " + maxSmallPixels);
        }
        this.small = small;
        this.large = large;
        this.maxSmallPixels = maxSmallPixels;
    }

    /**
     * {@code model} itself, or for a size choice the model of an image of {@code width x height} pixels and
     * PNG colour type {@code colorType}: the small images' model for RGB images (without alpha: the
     * networks code three channels, and the large model's fallbacks for other planes are the better ones)
     * of at most {@link #maxSmallPixels()} pixels, else the large images' model.
     */
    public static PixelModel resolve(PixelModel model, int width, int height, int colorType) {
        if (model instanceof ImageSizeChoice c) {
            return colorType == PngImage.RGB && (long) width * height <= c.maxSmallPixels ? c.small : c.large;
        }
        return model;
    }

    public PixelModel small() {
        return small;
    }

    public PixelModel large() {
        return large;
    }

    public long maxSmallPixels() {
        return maxSmallPixels;
    }

    @Override
    public String name() {
        return large.name();
    }

    @Override
    public long fingerprint() {
        return large.fingerprint();
    }

    @Override
    public boolean supportsChannels(int channels) {
        return large.supportsChannels(channels);
    }

    @Override
    public PixelPredictor newPredictor(Raster raster) {
        return large.newPredictor(raster);
    }

    @Override
    public Elementary elementary() {
        return large.elementary();
    }

    @Override
    public int maxComponents() {
        return large.maxComponents();
    }

    @Override
    public String toString() {
        return large.name() + " (" + small.name() + " up to " + maxSmallPixels + " pixels)";
    }
}
