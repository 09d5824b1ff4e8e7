package io.lcompress.codec.coding;

import io.lcompress.codec.arith.CorruptStreamException;
import io.lcompress.codec.arith.RangeDecoder;
import io.lcompress.codec.arith.RangeEncoder;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.CodeLength;
import io.lcompress.codec.mixture.ColourSet;
import io.lcompress.codec.mixture.QuantizedMixture;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.FrequencyPredictor;

/**
 * {@link StripeCoder} for a {@link FrequencyModel}: the same stream (one range-coded symbol per subpixel
 * whose alphabet has more than one level, raster order, total {@code 2^20}) with the frequencies the
 * model gives instead of a quantized mixture. Every table is checked before use
 * ({@link #check}): a model that broke the {@link FrequencyPredictor} contract fails loudly on the
 * encoder rather than writing a file its decoder could not read.
 */
final class FrequencyStripeCoder {
    private FrequencyStripeCoder() {
    }

    static StripeCoder.Encoded encode(Raster raster, FrequencyModel model, Alphabet[] alphabets, ColourSet colours,
                                      float[] bitsPerPixel) {
        FrequencyPredictor predictor = model.newFrequencyPredictor(raster);
        int[] cum = new int[QuantizedMixture.SYMBOLS + 1];
        RangeEncoder encoder = new RangeEncoder();
        int width = raster.width();
        int channels = raster.channels();
        byte[] samples = raster.samples();
        CodeLength length = new CodeLength();    // the model's size; per pixel too only for bitsPerPixel
        boolean perPixel = bitsPerPixel != null;
        int i = 0;
        for (int y = 0; y < raster.height(); y++) {
            for (int x = 0; x < width; x++) {
                predictor.beginPixel(x, y);
                double pixelBits = 0;
                int pixel = i;
                for (int c = 0; c < channels; c++) {
                    int s = samples[i++] & 0xFF;
                    Alphabet alphabet = colours == null ? alphabets[c] : colours.alphabet(c, samples, pixel);
                    int sym = alphabet == null ? -1 : alphabet.symbolOf(s);
                    if (sym < 0) {
                        throw new IllegalStateException("sample " + s + " outside the channel's alphabet");
                    }
                    if (alphabet.size() > 1) {
                        predictor.frequencies(c, alphabet, cum);
                        check(cum, alphabet.size(), model);
                        encoder.encode(cum[sym], cum[sym + 1] - cum[sym], FrequencyPredictor.TOTAL_BITS);
                        length.add(cum[sym + 1] - cum[sym]);
                        if (perPixel) {
                            pixelBits += QuantizedMixture.bitsOfFrequency(cum[sym + 1] - cum[sym]);
                        }
                    }
                    predictor.observe(c, s);
                }
                if (perPixel) {
                    bitsPerPixel[y * width + x] += (float) pixelBits;
                }
            }
        }
        return new StripeCoder.Encoded(encoder.finish(), length.bits());
    }

    static Raster decode(RangeDecoder decoder, Raster raster, FrequencyModel model, Alphabet[] alphabets,
                         ColourSet colours) {
        FrequencyPredictor predictor = model.newFrequencyPredictor(raster);
        int[] cum = new int[QuantizedMixture.SYMBOLS + 1];
        int width = raster.width();
        int channels = raster.channels();
        byte[] samples = raster.samples();
        int i = 0;
        for (int y = 0; y < raster.height(); y++) {
            for (int x = 0; x < width; x++) {
                if (decoder.exhausted()) {
                    StripeCoder.fillFirstValues(samples, i, channels, alphabets, colours);
                    return raster;
                }
                predictor.beginPixel(x, y);
                int pixel = i;
                for (int c = 0; c < channels; c++) {
                    Alphabet alphabet = colours == null ? alphabets[c] : colours.alphabet(c, samples, pixel);
                    if (alphabet == null) {
                        throw new CorruptStreamException("decoded colour is not in the colour set");
                    }
                    int sym = 0;
                    int n = alphabet.size();
                    if (n > 1) {
                        predictor.frequencies(c, alphabet, cum);
                        check(cum, n, model);
                        int target = decoder.target(FrequencyPredictor.TOTAL_BITS);
                        int lo = 0;     // the last j with cum[j] <= target: cum[0] = 0 <= target < cum[n]
                        int hi = n;
                        while (hi - lo > 1) {
                            int mid = (lo + hi) >>> 1;
                            if (cum[mid] <= target) {
                                lo = mid;
                            } else {
                                hi = mid;
                            }
                        }
                        sym = lo;
                        decoder.consume(cum[sym], cum[sym + 1] - cum[sym]);
                    }
                    int s = alphabet.level(sym);
                    samples[i++] = (byte) s;
                    predictor.observe(c, s);
                }
            }
        }
        decoder.checkEnd();
        return raster;
    }

    /** The {@link FrequencyPredictor#frequencies} contract: 0 = C(0) < C(1) < ... < C(n) = 2^20. */
    static void check(int[] cum, int n, FrequencyModel model) {
        boolean ok = cum[0] == 0 && cum[n] == FrequencyPredictor.TOTAL;
        for (int j = 0; ok && j < n; j++) {
            ok = cum[j] < cum[j + 1];
        }
        if (!ok) {
            throw new IllegalStateException("model '" + model.name() + "' wrote a frequency table that is not "
                    + "strictly increasing from 0 to 2^20 over " + n + " symbols");
        }
    }
}
