package io.lcompress.codec.model.neural;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import io.lcompress.codec.model.PixelPredictor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NeuralPixelModelTest {
    private static final int K = 5;

    private static Raster randomRaster(long seed, int w, int h, int c) {
        Random r = new Random(seed);
        Raster img = new Raster(w, h, c);
        // smooth-ish content plus noise, so that ReLU patterns vary
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    int v = (x * 7 + y * 5 + ch * 40) % 256 + r.nextInt(40) - 20;
                    img.set(x, y, ch, Math.max(0, Math.min(255, v)));
                }
            }
        }
        return img;
    }

    /** All mixture parameters of pixel (x, y), channels in order, as a flat array. */
    private static double[] mixtures(NeuralPixelModel m, Raster r, int x, int y) {
        PixelPredictor p = m.newPredictor(r);
        return mixtures(p, r.channels(), x, y);
    }

    private static double[] mixtures(PixelPredictor p, int channels, int x, int y) {
        LogisticMixture mix = new LogisticMixture();
        double[] out = new double[channels * 3 * K + channels];
        p.beginPixel(x, y);
        int o = 0;
        for (int c = 0; c < channels; c++) {
            p.predict(c, mix);
            out[o++] = mix.components();
            for (int k = 0; k < mix.components(); k++) {
                out[o++] = mix.logit[k];
                out[o++] = mix.mean[k];
                out[o++] = mix.logScale[k];
            }
        }
        return out;
    }

    /** Mixture of one channel of (x, y). */
    private static double[] channelMixture(NeuralPixelModel m, Raster r, int x, int y, int c) {
        PixelPredictor p = m.newPredictor(r);
        LogisticMixture mix = new LogisticMixture();
        p.beginPixel(x, y);
        double[] out = new double[3 * K];
        p.predict(c, mix);
        for (int k = 0; k < K; k++) {
            out[3 * k] = mix.logit[k];
            out[3 * k + 1] = mix.mean[k];
            out[3 * k + 2] = mix.logScale[k];
        }
        return out;
    }

    @Test
    void causality() {
        NeuralPixelModel m = NeuralPixelModel.of("t", TestWeights.random(10, 3, K, 48, 32));
        int w = 11;
        int h = 9;
        Raster base = randomRaster(1, w, h, 3);
        Random r = new Random(2);
        int[][] positions = {{0, 0}, {1, 0}, {10, 0}, {0, 1}, {5, 4}, {10, 8}, {3, 2}, {9, 5}, {0, 8}};
        for (int[] pos : positions) {
            int x = pos[0];
            int y = pos[1];
            for (int c = 0; c < 3; c++) {
                double[] ref = channelMixture(m, base, x, y, c);
                // change every later subpixel (raster order): later channels of this pixel, and all later pixels
                for (int trial = 0; trial < 20; trial++) {
                    Raster changed = Raster.wrap(w, h, 3, base.samples().clone());
                    int start = (y * w + x) * 3 + c;   // the current subpixel itself is not yet known either
                    int n = changed.samples().length;
                    int idx = start + r.nextInt(n - start);
                    changed.samples()[idx] = (byte) (changed.samples()[idx] + 1 + r.nextInt(255));
                    if (trial % 5 == 0) {
                        for (int i = start; i < n; i++) {
                            changed.samples()[i] = (byte) r.nextInt(256);
                        }
                    }
                    assertArrayEquals(ref, channelMixture(m, changed, x, y, c),
                            "pixel " + x + "," + y + " channel " + c + " depends on subpixel " + idx);
                }
            }
        }
    }

    @Test
    void earlierSamplesMatter() {
        // sanity check of the causality test: the model does read the context and the earlier channels
        NeuralPixelModel m = NeuralPixelModel.of("t", TestWeights.random(11, 3, K, 48, 32));
        Raster base = randomRaster(3, 8, 8, 3);
        double[] ref = channelMixture(m, base, 4, 4, 2);
        Raster left = Raster.wrap(8, 8, 3, base.samples().clone());
        left.set(3, 4, 0, left.get(3, 4, 0) ^ 0x80);
        assertFalse(Arrays.equals(ref, channelMixture(m, left, 4, 4, 2)));
        Raster red = Raster.wrap(8, 8, 3, base.samples().clone());
        red.set(4, 4, 0, red.get(4, 4, 0) ^ 0x80);
        assertFalse(Arrays.equals(ref, channelMixture(m, red, 4, 4, 2)));
        Raster above = Raster.wrap(8, 8, 3, base.samples().clone());
        above.set(7, 1, 1, above.get(7, 1, 1) ^ 0x80);
        assertFalse(Arrays.equals(ref, channelMixture(m, above, 4, 4, 2)));
    }

    @Test
    void determinismAndOrderIndependence() {
        NeuralPixelModel m = NeuralPixelModel.of("t", TestWeights.random(12, 3, K, 64, 48));
        NeuralPixelModel same = NeuralPixelModel.of("u", TestWeights.random(12, 3, K, 64, 48));
        assertEquals(m.fingerprint(), same.fingerprint());
        Raster img = randomRaster(4, 23, 17, 3);
        // raster order through one predictor
        PixelPredictor seq = m.newPredictor(img);
        double[][] first = new double[img.width() * img.height()][];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                first[y * img.width() + x] = mixtures(seq, 3, x, y);
            }
        }
        // a second model instance, reverse order, one shared predictor
        PixelPredictor rev = same.newPredictor(img);
        for (int i = first.length - 1; i >= 0; i--) {
            int x = i % img.width();
            int y = i / img.width();
            assertArrayEquals(first[i], mixtures(rev, 3, x, y), "pixel " + x + "," + y);
        }
        // fresh predictors for random pixels
        Random r = new Random(5);
        for (int t = 0; t < 50; t++) {
            int i = r.nextInt(first.length);
            assertArrayEquals(first[i], mixtures(m, img, i % img.width(), i / img.width()));
        }
    }

    @Test
    void mixturesAreSane() {
        NeuralPixelModel m = NeuralPixelModel.of("t", TestWeights.random(13, 3, K, 32));
        Raster img = randomRaster(6, 9, 7, 3);
        PixelPredictor p = m.newPredictor(img);
        LogisticMixture mix = new LogisticMixture();
        QuantizedMixture q = new QuantizedMixture();
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                p.beginPixel(x, y);
                for (int c = 0; c < 3; c++) {
                    p.predict(c, mix);
                    assertEquals(K, mix.components());
                    for (int k = 0; k < K; k++) {
                        assertTrue(Double.isFinite(mix.mean[k]) && Double.isFinite(mix.logScale[k])
                                && Double.isFinite(mix.logit[k]));
                    }
                    q.set(mix);
                    assertEquals(QuantizedMixture.TOTAL, q.cumulative(256));
                    assertTrue(q.frequency(img.get(x, y, c)) >= 1);
                }
            }
        }
    }

    @Test
    void channelSupport() {
        NeuralPixelModel rgb = NeuralPixelModel.of("t", TestWeights.random(14, 3, K, 16));
        assertTrue(rgb.supportsChannels(3));
        assertFalse(rgb.supportsChannels(1));
        assertFalse(rgb.supportsChannels(4));
        assertThrows(IllegalArgumentException.class, () -> rgb.newPredictor(new Raster(4, 4, 1)));
        NeuralPixelModel grey = NeuralPixelModel.of("g", TestWeights.random(15, 1, K, 16));
        assertTrue(grey.supportsChannels(1));
        Raster g = randomRaster(7, 6, 5, 1);
        PixelPredictor p = grey.newPredictor(g);
        LogisticMixture mix = new LogisticMixture();
        p.beginPixel(3, 2);
        p.predict(0, mix);
        assertEquals(K, mix.components());
    }

    @Test
    void featuresAtBorders() {
        ContextFeatures f = new ContextFeatures(ContextFeatures.SPEC_CTX24_BORDER_MED, 3);
        assertEquals(84, f.size());
        Raster img = randomRaster(8, 5, 4, 3);
        float[] v = new float[f.size()];
        f.compute(img, 0, 0, v, 0);
        for (int i = 0; i < 72; i++) {
            assertEquals(0f, v[i]);
        }
        // only the right-side flags are set at (0,0) of a 5-wide image: x+1<w, x+2<w, x+3<w
        assertArrayEquals(new float[]{0, 0, 0, 0, 0, 0, 1, 1, 1}, Arrays.copyOfRange(v, 72, 81));
        assertArrayEquals(new float[]{0, 0, 0}, Arrays.copyOfRange(v, 81, 84));
        f.compute(img, 4, 3, v, 0);
        assertArrayEquals(new float[]{1, 1, 1, 1, 1, 1, 0, 0, 0}, Arrays.copyOfRange(v, 72, 81));
        // W = (3,3): position 23; N = (4,2): position 17
        assertEquals(ContextFeatures.scaled(img.get(3, 3, 1)), v[23 * 3 + 1]);
        assertEquals(ContextFeatures.scaled(img.get(4, 2, 2)), v[17 * 3 + 2]);
        // (1, 0): MED is W
        f.compute(img, 1, 0, v, 0);
        assertEquals(ContextFeatures.scaled(img.get(0, 0, 0)), v[81]);
        // (0, 2): MED is N
        f.compute(img, 0, 2, v, 0);
        assertEquals(ContextFeatures.scaled(img.get(0, 1, 2)), v[83]);
    }

    @Test
    void defaultModelLoadsIfPresent() {
        NeuralPixelModel.loadDefault().ifPresent(m -> {
            assertEquals("neural", m.name());
            assertTrue(m.supportsChannels(3));
        });
    }
}
