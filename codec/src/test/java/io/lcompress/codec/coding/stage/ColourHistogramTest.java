package io.lcompress.codec.coding.stage;

import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.ColourSet;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The colour histogram stage: its windows, the blend's invariants, and what it is for. */
public class ColourHistogramTest {
    /**
     * A dithered image of few colours: blocks of 12x12 pixels, each drawing every pixel at random from
     * 5 of the image's {@code colours} colours (chosen per block) - what a continuous model cannot predict
     * and the local counts can.
     */
    public static Raster localPalettes(int w, int h, int colours, long seed) {
        Random rnd = new Random(seed);
        int[][] palette = new int[colours][3];
        for (int[] c : palette) {
            for (int k = 0; k < 3; k++) {
                c[k] = rnd.nextInt(256);
            }
        }
        Raster r = new Raster(w, h, 3);
        int bw = (w + 11) / 12;
        int[][] chosen = new int[bw * ((h + 11) / 12)][5];
        for (int[] b : chosen) {
            for (int k = 0; k < 5; k++) {
                b[k] = rnd.nextInt(palette.length);
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] col = palette[chosen[(y / 12) * bw + x / 12][rnd.nextInt(5)]];
                for (int k = 0; k < 3; k++) {
                    r.set(x, y, k, col[k]);
                }
            }
        }
        return r;
    }

    @Test
    void windowsCountExactlyTheCausalPixelsAroundThePixel() {
        windowsCount(localPalettes(41, 23, 120, 1));
        windowsCount(localPalettes(37, 9, 60, 5));     // fewer rows than the largest window's
        windowsCount(localPalettes(1, 20, 10, 6));     // one column
    }

    private static void windowsCount(Raster r) {
        ColourSet set = ColourSet.of(r.samples(), 3, 1024);
        int[] colours = set.packedColours();
        ColourHistogram hist = new ColourHistogram(set, r.width(), r.height());
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                hist.beginPixel(x, y);
                for (int k = 0; k < ColourHistogram.RADII.length; k++) {
                    int radius = ColourHistogram.RADII[k];
                    int[] expected = new int[colours.length];
                    for (int yy = Math.max(0, y - radius); yy <= y; yy++) {
                        for (int xx = Math.max(0, x - radius); xx <= Math.min(r.width() - 1, x + radius); xx++) {
                            if (yy == y && xx >= x) {
                                break;
                            }
                            int col = r.get(xx, yy, 0) << 16 | r.get(xx, yy, 1) << 8 | r.get(xx, yy, 2);
                            expected[java.util.Arrays.binarySearch(colours, col)]++;
                        }
                    }
                    int[] actual = new int[colours.length];
                    for (int i = 0; i < colours.length; i++) {
                        actual[i] = hist.count(k, i);
                    }
                    assertArrayEquals(expected, actual, "window " + radius + " at " + x + "," + y);
                    Alphabet first = set.firstAlphabet();
                    int[] byFirst = new int[first.size()];
                    int[] actualByFirst = new int[first.size()];
                    for (int i = 0; i < colours.length; i++) {
                        byFirst[first.symbolOf(colours[i] >>> 16)] += expected[i];
                    }
                    for (int j = 0; j < byFirst.length; j++) {
                        actualByFirst[j] = hist.countByFirstSymbol(k, j);
                    }
                    assertArrayEquals(byFirst, actualByFirst, "window " + radius + " by channel 0 at " + x + "," + y);
                }
                hist.endPixel(r.samples(), (y * r.width() + x) * 3);
            }
        }
    }

    /** Random mixtures, hostile ones included (NaN, huge scales), as a model might write them. */
    private static LogisticMixture mixture(Random rnd) {
        LogisticMixture m = new LogisticMixture();
        int k = 1 + rnd.nextInt(5);
        for (int i = 0; i < k; i++) {
            m.logit[i] = rnd.nextInt(20) == 0 ? Double.NaN : rnd.nextGaussian() * 3;
            m.mean[i] = rnd.nextInt(20) == 0 ? Double.POSITIVE_INFINITY : rnd.nextDouble() * 300 - 20;
            m.logScale[i] = rnd.nextInt(20) == 0 ? 1e300 : rnd.nextDouble() * 9 - 6;
        }
        m.setComponents(k);
        return m;
    }

    @Test
    void blendKeepsEveryFrequencyAndTheTotal() {
        Raster r = localPalettes(30, 30, 120, 2);
        ColourSet set = ColourSet.of(r.samples(), 3, 1024);
        ColourHistogram hist = new ColourHistogram(set, r.width(), r.height());
        QuantizedMixture q = new QuantizedMixture();
        Random rnd = new Random(3);
        byte[] s = r.samples();
        int blended = 0;
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                hist.beginPixel(x, y);
                int pixel = (y * r.width() + x) * 3;
                for (int c = 0; c < 3; c++) {
                    Alphabet a = set.alphabet(c, s, pixel);
                    int n = a.size();
                    if (n < 2) {
                        continue;
                    }
                    q.set(mixture(rnd), a);
                    hist.begin(c, a, s, pixel);
                    int previous = hist.cumulative(0, q.cumulative(0));
                    assertEquals(0, previous);
                    boolean differs = false;
                    for (int j = 1; j <= n; j++) {
                        int cj = q.cumulative(j);
                        int b = hist.cumulative(j, cj);
                        assertTrue(b > previous, "C'(" + j + ") = " + b + " after " + previous);
                        differs |= b != cj;
                        previous = b;
                    }
                    assertEquals(QuantizedMixture.TOTAL, previous);
                    if (differs) {
                        blended++;
                    }
                    int sym = a.symbolOf(s[pixel + c] & 0xFF);
                    int lo = q.cumulative(sym);
                    int hi = q.cumulative(sym + 1);
                    hist.observe(sym, lo, hi, hist.cumulative(sym, lo), hist.cumulative(sym + 1, hi));
                }
                hist.endPixel(s, pixel);
            }
        }
        assertTrue(blended > 600, "the windows changed " + blended + " distributions");
    }

    @Test
    void levelsCodeLocalPalettesInFarFewerBitsAndExactly() throws Exception {
        PngImage image = PngImage.of(localPalettes(96, 80, 120, 4));
        PixelModel fast = ModelRegistry.fast();
        LcCodec.Encoded without = LcCodec.encode(image, fast, 2);
        LcCodec.Encoded with = LcCodec.encode(image, new StagedModel(fast, ModelPlane.STAGE_COLOUR_HISTOGRAM), 2);
        assertTrue(with.header().mainPlane().hasStage(ModelPlane.STAGE_COLOUR_HISTOGRAM));
        assertTrue(!without.header().mainPlane().hasStage(ModelPlane.STAGE_COLOUR_HISTOGRAM));
        assertTrue(with.file().length < 0.8 * without.file().length,
                with.file().length + " bytes with the stage, " + without.file().length + " without");
        // the model's code length is that of the blended distribution the coder used
        assertEquals(with.modelBits(), with.payloadBits(), 64);
        assertEquals(null, image.differenceFrom(LcCodec.decode(with.file(), null, 1).image()));
        assertEquals(null, image.differenceFrom(LcCodec.decode(with.file(), null, 2).image()));
    }
}
