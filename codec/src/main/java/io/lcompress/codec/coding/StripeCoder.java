package io.lcompress.codec.coding;

import io.lcompress.codec.arith.RangeDecoder;
import io.lcompress.codec.arith.RangeEncoder;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.arith.CorruptStreamException;
import io.lcompress.codec.coding.stage.CdfCalibration;
import io.lcompress.codec.coding.stage.ChromaSpikes;
import io.lcompress.codec.coding.stage.ColourHistogram;
import io.lcompress.codec.coding.stage.Stages;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.CodeLength;
import io.lcompress.codec.mixture.ColourSet;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.PixelPredictor;

/**
 * Codes one stripe (a raster of whole rows) as an independent arithmetic-coded stream: every
 * subpixel in raster order, each with the {@link QuantizedMixture} built from the model's prediction
 * (or, for a {@link FrequencyModel}, the frequencies it gives: {@link FrequencyStripeCoder}).
 * The encoder and the decoder below make exactly the same sequence of model calls.
 */
public final class StripeCoder {
    private StripeCoder() {
    }

    /** The coded bytes of a stripe and the model's ideal code length for it. */
    public record Encoded(byte[] payload, double modelBits) {
    }

    public static Encoded encode(Raster raster, PixelModel model) {
        return encode(raster, model, null, null);
    }

    static Alphabet[] fullAlphabets(int channels) {
        Alphabet[] a = new Alphabet[channels];
        java.util.Arrays.fill(a, Alphabet.FULL);
        return a;
    }

    /**
     * Encodes {@code raster}; when {@code bitsPerPixel} is given (width*height entries) it receives the
     * code length of every pixel, summed over channels (added to what is there). {@code alphabets}
     * (one per channel, or null for all 256 values) restricts the values each channel can take.
     */
    public static Encoded encode(Raster raster, PixelModel model, Alphabet[] alphabets, float[] bitsPerPixel) {
        return encode(raster, model, alphabets, null, 0, bitsPerPixel);
    }

    /**
     * The predictor a plane is coded with: the model's, wrapped by the coding stages {@code stages} names
     * ({@link Stages#wrap}).
     */
    static PixelPredictor predictorFor(PixelModel model, Raster raster, Alphabet[] alphabets, ColourSet colours,
                                       int stages) {
        return Stages.wrap(stages, model.newPredictor(raster), raster, alphabets, colours, model.elementary());
    }

    /**
     * As above; with a {@link ColourSet}, each channel is restricted to the values the colours allow
     * given the pixel's earlier channels (then {@code alphabets} is ignored).
     */
    public static Encoded encode(Raster raster, PixelModel model, Alphabet[] alphabets, ColourSet colours,
                                 int stages, float[] bitsPerPixel) {
        if (alphabets == null) {
            alphabets = fullAlphabets(raster.channels());
        }
        if (model instanceof FrequencyModel frequencies) {
            if (stages != 0) {
                throw new IllegalArgumentException("coding stages rework mixtures; model '" + model.name()
                        + "' gives frequencies");
            }
            return FrequencyStripeCoder.encode(raster, frequencies, alphabets, colours, bitsPerPixel);
        }
        PixelPredictor predictor = predictorFor(model, raster, alphabets, colours, stages);
        LogisticMixture mixture = new LogisticMixture();
        QuantizedMixture q = new QuantizedMixture(model.elementary());
        CdfCalibration calibration = calibration(stages, raster.channels(), raster.width(), q);
        ColourHistogram histogram = histogram(stages, colours, raster.width(), raster.height());
        ChromaSpikes spikes = spikes(stages, raster, q);
        RangeEncoder encoder = new RangeEncoder();
        int width = raster.width();
        int height = raster.height();
        int channels = raster.channels();
        byte[] samples = raster.samples();
        CodeLength length = new CodeLength();    // the model's size; per pixel too only for bitsPerPixel
        boolean perPixel = bitsPerPixel != null;
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                predictor.beginPixel(x, y);
                if (histogram != null) {
                    histogram.beginPixel(x, y);
                }
                double pixelBits = 0;
                int pixel = i;
                for (int c = 0; c < channels; c++) {
                    int s = samples[i++] & 0xFF;
                    predictor.predict(c, mixture);
                    Alphabet alphabet = colours == null ? alphabets[c] : colours.alphabet(c, samples, pixel);
                    int sym = alphabet == null ? -1 : alphabet.symbolOf(s);
                    if (sym < 0) {
                        throw new IllegalStateException("sample " + s + " outside the channel's alphabet");
                    }
                    if (alphabet.size() > 1) {      // a single possible value costs nothing and is not coded
                        q.set(mixture, alphabet);
                        if (spikes != null) {
                            spikes.begin(c, x, y, alphabet);
                        }
                        if (calibration != null) {
                            calibration.begin(c, x, q);
                        }
                        int lo = q.cumulative(sym);
                        int rLo = q.lastSpreadCumulative();
                        int hi = q.cumulative(sym + 1);
                        int rHi = q.lastSpreadCumulative();
                        if (spikes != null) {
                            spikes.observe(s, rLo, rHi);
                        }
                        int codedLo = lo;
                        int codedHi = hi;
                        if (histogram != null) {
                            histogram.begin(c, alphabet, samples, pixel);
                            codedLo = histogram.cumulative(sym, lo);
                            codedHi = histogram.cumulative(sym + 1, hi);
                            histogram.observe(sym, lo, hi, codedLo, codedHi);
                        }
                        encoder.encode(codedLo, codedHi - codedLo, QuantizedMixture.TOTAL_BITS);
                        length.add(codedHi - codedLo);
                        if (perPixel) {
                            pixelBits += QuantizedMixture.bitsOfFrequency(codedHi - codedLo);
                        }
                        if (calibration != null) {
                            calibration.observe(c, rLo, rHi, q.spread());
                        }
                    }
                    predictor.observe(c, s);
                }
                if (histogram != null) {
                    histogram.endPixel(samples, pixel);
                }
                if (perPixel) {
                    bitsPerPixel[y * width + x] += (float) pixelBits;
                }
            }
        }
        return new Encoded(encoder.finish(), length.bits());
    }

    /**
     * The chroma spikes stage (chroma repeat version 2, or 3 with its near spikes) when {@code stages} names it, installed as {@code q}'s
     * blend; else null.
     */
    private static ChromaSpikes spikes(int stages, Raster raster, QuantizedMixture q) {
        boolean near = (stages & ChromaSpikes.NEAR_STAGE_BIT) != 0;
        if (((stages & ChromaSpikes.STAGE_BIT) == 0 && !near) || !ChromaSpikes.appliesTo(raster.channels())) {
            return null;
        }
        ChromaSpikes spikes = new ChromaSpikes(raster, near);
        q.setBlend(spikes);
        return spikes;
    }

    /** The colour histogram stage when {@code stages} names it (only with a colour set); else null. */
    private static ColourHistogram histogram(int stages, ColourSet colours, int width, int height) {
        return (stages & ColourHistogram.STAGE_BIT) != 0 && colours != null
                ? new ColourHistogram(colours, width, height) : null;
    }

    /** The CDF calibration stage when {@code stages} names it, installed as {@code q}'s map; else null. */
    private static CdfCalibration calibration(int stages, int channels, int width, QuantizedMixture q) {
        int version = CdfCalibration.versionOf(stages);
        if (version == 0) {
            return null;
        }
        CdfCalibration c = new CdfCalibration(version, channels, width);
        q.setMap(c);
        return c;
    }

    /** Decodes a stripe of the given shape from {@code payload[offset, offset+length)} (strict end). */
    public static Raster decode(byte[] payload, int offset, int length, int width, int height, int channels,
                                PixelModel model, Alphabet[] alphabets) {
        return decode(payload, offset, length, width, height, channels, model, alphabets, null, 0, true);
    }

    /**
     * Decodes a stripe coded with a {@link ColourSet} (or, when null, with per-channel alphabets).
     * {@code strictEnd}: the stream must end where its last symbol does (format version 3 on; see
     * {@link RangeDecoder}). Once the stream is exhausted the rest of the stripe is filled with the first
     * value of each channel's alphabet without running the model - exactly what decoding would give -
     * so an empty or short payload costs no model evaluations, whatever size the header claims.
     */
    public static Raster decode(byte[] payload, int offset, int length, int width, int height, int channels,
                                PixelModel model, Alphabet[] alphabets, ColourSet colours, int stages,
                                boolean strictEnd) {
        if (alphabets == null) {
            alphabets = fullAlphabets(channels);
        }
        Raster raster = new Raster(width, height, channels);
        RangeDecoder decoder = new RangeDecoder(payload, offset, length, strictEnd);
        byte[] samples = raster.samples();
        if (decoder.exhausted()) {
            fillFirstValues(samples, 0, channels, alphabets, colours);
            return raster;
        }
        if (model instanceof FrequencyModel frequencies) {
            if (stages != 0) {
                throw new CorruptStreamException("coding stages apply to mixture models only; model '"
                        + model.name() + "' gives frequencies");
            }
            return FrequencyStripeCoder.decode(decoder, raster, frequencies, alphabets, colours);
        }
        PixelPredictor predictor = predictorFor(model, raster, alphabets, colours, stages);
        LogisticMixture mixture = new LogisticMixture();
        QuantizedMixture q = new QuantizedMixture(model.elementary());
        CdfCalibration calibration = calibration(stages, channels, width, q);
        ColourHistogram histogram = histogram(stages, colours, width, height);
        ChromaSpikes spikes = spikes(stages, raster, q);
        BlendedSearch search = new BlendedSearch();
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (decoder.exhausted()) {
                    fillFirstValues(samples, i, channels, alphabets, colours);
                    return raster;
                }
                predictor.beginPixel(x, y);
                if (histogram != null) {
                    histogram.beginPixel(x, y);
                }
                int pixel = i;
                for (int c = 0; c < channels; c++) {
                    predictor.predict(c, mixture);
                    Alphabet alphabet = colours == null ? alphabets[c] : colours.alphabet(c, samples, pixel);
                    if (alphabet == null) {
                        throw new CorruptStreamException("decoded colour is not in the colour set");
                    }
                    int sym = 0;
                    if (alphabet.size() > 1) {
                        q.set(mixture, alphabet);
                        if (spikes != null) {
                            spikes.begin(c, x, y, alphabet);
                        }
                        if (calibration != null) {
                            calibration.begin(c, x, q);
                        }
                        int target = decoder.target(QuantizedMixture.TOTAL_BITS);
                        if (histogram == null) {
                            sym = q.symbolFor(target);
                            decoder.consume(q.foundLow(), q.foundHigh() - q.foundLow());
                            if (spikes != null) {
                                spikes.observe(alphabet.level(sym), q.foundLowSpread(), q.foundHighSpread());
                            }
                            if (calibration != null) {
                                calibration.observe(c, q.foundLowSpread(), q.foundHighSpread(), q.spread());
                            }
                        } else {
                            histogram.begin(c, alphabet, samples, pixel);
                            sym = search.find(target, q, histogram);
                            histogram.observe(sym, search.lo, search.hi, search.blendedLo, search.blendedHi);
                            decoder.consume(search.blendedLo, search.blendedHi - search.blendedLo);
                            if (calibration != null) {
                                calibration.observe(c, search.spreadLo, search.spreadHi, q.spread());
                            }
                        }
                    }
                    int s = alphabet.level(sym);
                    samples[i++] = (byte) s;
                    predictor.observe(c, s);
                }
                if (histogram != null) {
                    histogram.endPixel(samples, pixel);
                }
            }
        }
        decoder.checkEnd();
        return raster;
    }

    /**
     * The decoder's search under the colour histogram's blend: the symbol s with C'(s) <= target < C'(s+1),
     * by binary search, keeping the bounds found (C, C' and the mixture's share R at s and s+1) so that
     * none is evaluated twice.
     */
    private static final class BlendedSearch {
        int lo;
        int hi;
        int blendedLo;
        int blendedHi;
        int spreadLo;
        int spreadHi;

        int find(int target, QuantizedMixture q, ColourHistogram histogram) {
            int a = 0;
            int b = q.symbols();      // invariant: C'(a) <= target < C'(b)
            lo = 0;
            hi = QuantizedMixture.TOTAL;
            blendedLo = 0;
            blendedHi = QuantizedMixture.TOTAL;
            spreadLo = 0;
            spreadHi = q.spread();
            while (b - a > 1) {
                int mid = (a + b) >>> 1;
                int c = q.cumulative(mid);
                int blended = histogram.cumulative(mid, c);
                if (blended <= target) {
                    a = mid;
                    lo = c;
                    blendedLo = blended;
                    spreadLo = q.lastSpreadCumulative();
                } else {
                    b = mid;
                    hi = c;
                    blendedHi = blended;
                    spreadHi = q.lastSpreadCumulative();
                }
            }
            return a;
        }
    }

    /** Samples from {@code from} on (a whole pixel's start) as the first value of each alphabet. */
    static void fillFirstValues(byte[] samples, int from, int channels, Alphabet[] alphabets,
                                        ColourSet colours) {
        for (int pixel = from; pixel < samples.length; pixel += channels) {
            for (int c = 0; c < channels; c++) {
                Alphabet alphabet = colours == null ? alphabets[c] : colours.alphabet(c, samples, pixel);
                if (alphabet == null) {
                    throw new CorruptStreamException("decoded colour is not in the colour set");
                }
                samples[pixel + c] = (byte) alphabet.level(0);
            }
        }
    }
}
