package io.lcompress.codec.coding;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.FrequencyPredictor;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.PixelPredictor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every built-in model may only look at already-coded samples: scrambling everything from the current
 * subpixel on must not change its prediction.
 */
class CausalityTest {

    /** A frequency model's table at (px, py, pc): all 256 values, or levels 0 and 255 for two-level models. */
    static double[] frequenciesAt(FrequencyModel model, Raster r, int px, int py, int pc) {
        FrequencyPredictor p = model.newFrequencyPredictor(r);
        Alphabet[] alphabets = new Alphabet[r.channels()];
        boolean full = model.supportsAlphabets(new Alphabet[]{Alphabet.FULL});
        byte[] twoLevels = new byte[32];
        twoLevels[0] = 1;
        twoLevels[31] = (byte) 0x80;
        for (int c = 0; c < r.channels(); c++) {
            alphabets[c] = full ? Alphabet.FULL : Alphabet.fromMask(twoLevels);   // never from the samples ahead
        }
        for (int y = 0; y <= py; y++) {
            for (int x = 0; x < r.width(); x++) {
                p.beginPixel(x, y);
                for (int c = 0; c < r.channels(); c++) {
                    int n = alphabets[c].size();
                    int[] cum = new int[n + 1];
                    if (n > 1) {
                        p.frequencies(c, alphabets[c], cum);
                    }
                    if (x == px && y == py && c == pc) {
                        double[] out = new double[n + 1];
                        for (int j = 0; j <= n; j++) {
                            out[j] = cum[j];
                        }
                        return out;
                    }
                    p.observe(c, r.get(x, y, c));
                }
            }
        }
        throw new AssertionError();
    }

    /** Two levels (0 and 255) for models that take only two-level planes; the raster itself otherwise. */
    static Raster levelsFor(PixelModel model, Raster r) {
        if (!(model instanceof FrequencyModel f) || f.supportsAlphabets(new Alphabet[]{Alphabet.FULL})) {
            return r;
        }
        byte[] s = r.samples().clone();
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) ((s[i] & 0xFF) >= 128 ? 255 : 0);
        }
        return Raster.wrap(r.width(), r.height(), r.channels(), s);
    }

    static double[] predictAt(PixelModel model, Raster r, int px, int py, int pc) {
        if (model instanceof FrequencyModel f) {
            return frequenciesAt(f, r, px, py, pc);
        }
        PixelPredictor p = model.newPredictor(r);
        LogisticMixture m = new LogisticMixture();
        for (int y = 0; y <= py; y++) {
            for (int x = 0; x < r.width(); x++) {
                p.beginPixel(x, y);
                for (int c = 0; c < r.channels(); c++) {
                    p.predict(c, m);
                    if (x == px && y == py && c == pc) {
                        double[] out = new double[1 + 3 * m.components()];
                        out[0] = m.components();
                        for (int k = 0; k < m.components(); k++) {
                            out[1 + 3 * k] = m.logit[k];
                            out[2 + 3 * k] = m.mean[k];
                            out[3 + 3 * k] = m.logScale[k];
                        }
                        return out;
                    }
                    p.observe(c, r.get(x, y, c));
                }
            }
        }
        throw new AssertionError();
    }

    @Test
    void predictionsIgnoreTheFuture() {
        Random rnd = new Random(17);
        for (PixelModel model : ModelRegistry.builtIns()) {
            for (int channels : new int[]{1, 3, 4}) {
                if (!model.supportsChannels(channels)) {
                    continue;
                }
                Raster a = levelsFor(model, TestImages.synthetic(23, 19, channels, 1));
                for (int trial = 0; trial < 30; trial++) {
                    int px = rnd.nextInt(a.width());
                    int py = rnd.nextInt(a.height());
                    int pc = rnd.nextInt(channels);
                    Raster b = Raster.wrap(a.width(), a.height(), channels, a.samples().clone());
                    int from = (py * a.width() + px) * channels + pc;
                    for (int i = from; i < b.samples().length; i++) {
                        b.samples()[i] = (byte) rnd.nextInt(256);
                    }
                    b = levelsFor(model, b);
                    double[] pa = predictAt(model, a, px, py, pc);
                    double[] pb = predictAt(model, b, px, py, pc);
                    for (int i = 0; i < pa.length; i++) {
                        assertEquals(Double.doubleToLongBits(pa[i]), Double.doubleToLongBits(pb[i]),
                                model.name() + " at " + px + "," + py + "," + pc);
                    }
                }
            }
        }
    }
}
