package io.lcompress.codec.coding;

import io.lcompress.codec.arith.RangeDecoder;
import io.lcompress.codec.arith.RangeEncoder;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.PixelPredictor;

/**
 * Codes one stripe (a raster of whole rows) as an independent arithmetic-coded stream: every
 * subpixel in raster order, each with the {@link QuantizedMixture} built from the model's prediction.
 * The encoder and the decoder below make exactly the same sequence of model calls.
 */
public final class StripeCoder {
    private StripeCoder() {
    }

    /** The coded bytes of a stripe and the model's ideal code length for it. */
    public record Encoded(byte[] payload, double modelBits) {
    }

    public static Encoded encode(Raster raster, PixelModel model) {
        return encode(raster, model, null);
    }

    /**
     * Encodes {@code raster}; when {@code bitsPerPixel} is given (width*height entries) it receives the
     * code length of every pixel, summed over channels.
     */
    public static Encoded encode(Raster raster, PixelModel model, float[] bitsPerPixel) {
        PixelPredictor predictor = model.newPredictor(raster);
        LogisticMixture mixture = new LogisticMixture();
        QuantizedMixture q = new QuantizedMixture();
        RangeEncoder encoder = new RangeEncoder();
        int width = raster.width();
        int height = raster.height();
        int channels = raster.channels();
        byte[] samples = raster.samples();
        double total = 0;
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                predictor.beginPixel(x, y);
                double pixelBits = 0;
                for (int c = 0; c < channels; c++) {
                    int s = samples[i++] & 0xFF;
                    predictor.predict(c, mixture);
                    q.set(mixture);
                    int lo = q.cumulative(s);
                    int hi = q.cumulative(s + 1);
                    encoder.encode(lo, hi - lo, QuantizedMixture.TOTAL_BITS);
                    pixelBits += QuantizedMixture.bitsOfFrequency(hi - lo);
                    predictor.observe(c, s);
                }
                total += pixelBits;
                if (bitsPerPixel != null) {
                    bitsPerPixel[y * width + x] = (float) pixelBits;
                }
            }
        }
        return new Encoded(encoder.finish(), total);
    }

    /** Decodes a stripe of the given shape from {@code payload[offset, offset+length)}. */
    public static Raster decode(byte[] payload, int offset, int length, int width, int height, int channels,
                                PixelModel model) {
        Raster raster = new Raster(width, height, channels);
        PixelPredictor predictor = model.newPredictor(raster);
        LogisticMixture mixture = new LogisticMixture();
        QuantizedMixture q = new QuantizedMixture();
        RangeDecoder decoder = new RangeDecoder(payload, offset, length);
        byte[] samples = raster.samples();
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                predictor.beginPixel(x, y);
                for (int c = 0; c < channels; c++) {
                    predictor.predict(c, mixture);
                    q.set(mixture);
                    int target = decoder.target(QuantizedMixture.TOTAL_BITS);
                    int s = q.symbolFor(target);
                    decoder.consume(q.foundLow(), q.foundHigh() - q.foundLow());
                    samples[i++] = (byte) s;
                    predictor.observe(c, s);
                }
            }
        }
        return raster;
    }
}
