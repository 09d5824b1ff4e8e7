package io.lcompress.codec.model.bilevel;

import io.lcompress.codec.coding.StripeCoder;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.FixedSigmoid;
import io.lcompress.codec.model.FrequencyPredictor;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.neural.NeuralPixelModel;
import io.lcompress.codec.model.neural.WeightFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bilevel model: its weight file (head 3, feature spec 2), the template, the quantization of P(ink)
 * into frequencies whatever the network computes, and its predictors' contract.
 */
class BilevelPixelModelTest {
    /** A head-3 weight file with weights drawn uniformly from [-scale, scale]. */
    static WeightFile weights(long seed, float scale, int... hidden) {
        int[] widths = new int[hidden.length + 2];
        widths[0] = BinaryTemplate.SIZE;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = 1;
        Random rnd = new Random(seed);
        float[][] w = new float[widths.length - 1][];
        float[][] b = new float[widths.length - 1][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new float[widths[l] * widths[l + 1]];
            b[l] = new float[widths[l + 1]];
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = (rnd.nextFloat() * 2 - 1) * scale;
            }
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = (rnd.nextFloat() * 2 - 1) * scale;
            }
        }
        return new WeightFile(BinaryTemplate.SPEC_BINARY_TEMPLATE, 1, 1, WeightFile.ACTIVATION_RELU,
                WeightFile.HEAD_BERNOULLI, widths, w, b);
    }

    /** A random two-level raster: ink blobs on paper, levels {@code dark} and {@code light}. */
    static Raster blobs(int w, int h, int dark, int light, long seed) {
        Raster r = new Raster(w, h, 1);
        Random rnd = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean ink = ((x / 5 + y / 7) % 3 == 0) ^ (rnd.nextInt(20) == 0);
                r.set(x, y, 0, ink ? dark : light);
            }
        }
        return r;
    }

    @Test
    void templateIsCausalAndHasThirtyThreePositions() {
        assertEquals(33, BinaryTemplate.SIZE);
        for (int k = 0; k < BinaryTemplate.SIZE; k++) {
            assertTrue(BinaryTemplate.DY[k] < 0 || BinaryTemplate.DY[k] == 0 && BinaryTemplate.DX[k] < 0, "position " + k);
        }
        // the border rule: outside the raster reads 0 (paper)
        byte[] bits = {1, 1, 1, 1};
        assertEquals(0, BinaryTemplate.bit(bits, 2, 2, -1, 0));
        assertEquals(0, BinaryTemplate.bit(bits, 2, 2, 0, -1));
        assertEquals(0, BinaryTemplate.bit(bits, 2, 2, 2, 0));
        assertEquals(1, BinaryTemplate.bit(bits, 2, 2, 1, 1));
        float[] dense = new float[BinaryTemplate.SIZE];
        int[] set = new int[BinaryTemplate.SIZE];
        BinaryTemplate.compute(bits, 2, 2, 1, 1, dense, 0);
        int n = BinaryTemplate.setInputs(bits, 2, 2, 1, 1, set);
        int ones = 0;
        for (float v : dense) {
            ones += v == 1f ? 1 : 0;
        }
        assertEquals(3, n);     // (0,0), (1,0) above, (0,1) to the left
        assertEquals(ones, n);
    }

    @Test
    void weightFileRoundTripsWithHeadThree() throws IOException {
        WeightFile f = weights(7, 0.5f, 16, 8);
        byte[] bytes = f.toBytes();
        WeightFile g = WeightFile.parse(bytes);
        assertEquals(WeightFile.HEAD_BERNOULLI, g.head());
        assertEquals(BinaryTemplate.SPEC_BINARY_TEMPLATE, g.featureSpec());
        assertArrayEquals(f.widths(), g.widths());
        for (int l = 0; l < f.layers(); l++) {
            assertArrayEquals(f.weights(l), g.weights(l));
            assertArrayEquals(f.biases(l), g.biases(l));
        }
        assertArrayEquals(bytes, g.toBytes());
        assertEquals(BilevelPixelModel.fromBytes("a", bytes).fingerprint(),
                BilevelPixelModel.fromBytes("b", g.toBytes()).fingerprint());
        assertNotEquals(BilevelPixelModel.fromBytes("a", bytes).fingerprint(),
                BilevelPixelModel.fromBytes("a", weights(8, 0.5f, 16, 8).toBytes()).fingerprint());
        // the mixture model refuses a Bernoulli file with a message, and the bilevel model a mixture file
        IOException e = assertThrows(IOException.class, () -> NeuralPixelModel.fromBytes("x", bytes));
        assertTrue(e.getMessage().contains("Bernoulli head, not a logistic mixture"), e.getMessage());
    }

    @Test
    void inconsistentHeadsAndSpecsAreRefused() {
        float[][] w = {new float[BinaryTemplate.SIZE]};
        float[][] b = {new float[1]};
        int[] widths = {BinaryTemplate.SIZE, 1};
        assertThrows(IllegalArgumentException.class, () -> new WeightFile(1, 1, 1, WeightFile.ACTIVATION_RELU,
                WeightFile.HEAD_BERNOULLI, widths, w, b));
        assertThrows(IllegalArgumentException.class, () -> new WeightFile(BinaryTemplate.SPEC_BINARY_TEMPLATE, 1, 1,
                WeightFile.ACTIVATION_RELU, WeightFile.HEAD_LOGISTIC_MIXTURE_COUPLED, widths, w, b));
        assertThrows(IllegalArgumentException.class, () -> new WeightFile(BinaryTemplate.SPEC_BINARY_TEMPLATE, 3, 1,
                WeightFile.ACTIVATION_RELU, WeightFile.HEAD_BERNOULLI, widths, w, b));
        assertThrows(IllegalArgumentException.class, () -> new WeightFile(BinaryTemplate.SPEC_BINARY_TEMPLATE, 1, 1,
                WeightFile.ACTIVATION_RELU, WeightFile.HEAD_BERNOULLI, new int[]{BinaryTemplate.SIZE, 2},
                new float[][]{new float[2 * BinaryTemplate.SIZE]}, new float[][]{new float[2]}));
        new WeightFile(BinaryTemplate.SPEC_BINARY_TEMPLATE, 1, 1, WeightFile.ACTIVATION_RELU,
                WeightFile.HEAD_BERNOULLI, widths, w, b);
    }

    @Test
    void inkFrequencyIsAlwaysCodable() {
        int total = FrequencyPredictor.TOTAL;
        for (int p : new int[]{Integer.MIN_VALUE, -8, 0, 1, 3, 4, 5, 8, FixedSigmoid.ONE / 2, FixedSigmoid.ONE - 4,
                FixedSigmoid.ONE - 3, FixedSigmoid.ONE, FixedSigmoid.ONE + 100, Integer.MAX_VALUE - 4}) {
            int f = BilevelPixelModel.inkFrequency(p);
            assertTrue(f >= 1 && f <= total - 1, p + " -> " + f);
        }
        for (int p = 0; p <= FixedSigmoid.ONE; p += 997) {
            int f = BilevelPixelModel.inkFrequency(p);
            assertTrue(f >= 1 && f <= total - 1);
            assertTrue(f >= BilevelPixelModel.inkFrequency(Math.max(0, p - 997)), "monotone");
        }
    }

    /** Networks whose logits overflow to infinities and NaN still give valid tables, and code exactly. */
    @Test
    void extremeNetworksStillGiveValidTables() throws IOException {
        for (float scale : new float[]{0f, 1e3f, 1e30f, 3e38f}) {
            BilevelPixelModel m = BilevelPixelModel.fromBytes("extreme", weights(3, scale, 24, 24).toBytes());
            Raster r = blobs(61, 37, 0, 255, 5);
            Alphabet[] a = {Alphabet.fromMask(Alphabet.usedMask(r.samples(), 1, 0))};
            FrequencyPredictor p = m.newFrequencyPredictor(r);
            int[] cum = new int[3];
            for (int y = 0; y < r.height(); y++) {
                for (int x = 0; x < r.width(); x++) {
                    p.beginPixel(x, y);
                    p.frequencies(0, a[0], cum);
                    assertEquals(0, cum[0]);
                    assertTrue(cum[1] >= 1 && cum[1] <= FrequencyPredictor.TOTAL - 1, "scale " + scale);
                    assertEquals(FrequencyPredictor.TOTAL, cum[2]);
                    p.observe(0, r.get(x, y, 0));
                }
            }
            double bits = StripeCoder.encode(r, m, a, null).modelBits();
            assertTrue(Double.isFinite(bits) && bits > 0, "scale " + scale + ": " + bits);
        }
    }

    @Test
    void sparseAndDenseForwardPassesAgree() {
        BilevelNetwork net = new BilevelNetwork(weights(11, 0.7f, 32, 32));
        Random rnd = new Random(1);
        float[] in = new float[BinaryTemplate.SIZE];
        int[] set = new int[BinaryTemplate.SIZE];
        for (int t = 0; t < 200; t++) {
            int n = 0;
            for (int k = 0; k < in.length; k++) {
                in[k] = rnd.nextInt(3) == 0 ? 1f : 0f;
                if (in[k] != 0f) {
                    set[n++] = k;
                }
            }
            float a = net.logit(set, n, net.newScratch());
            float b = net.logit(in, 0, new int[BinaryTemplate.SIZE], net.newScratch());
            assertEquals(Float.floatToIntBits(a), Float.floatToIntBits(b));
            // the dense reference in double agrees to float precision
            assertEquals(dense(net.weights(), in), a, 1e-3 * (1 + Math.abs(a)));
        }
    }

    private static double dense(WeightFile f, float[] in) {
        double[] a = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            a[i] = in[i];
        }
        int[] widths = f.widths();
        for (int l = 0; l < f.layers(); l++) {
            float[] w = f.weights(l);
            float[] b = f.biases(l);
            double[] o = new double[widths[l + 1]];
            for (int j = 0; j < o.length; j++) {
                o[j] = b[j];
                for (int i = 0; i < a.length; i++) {
                    o[j] += a[i] * w[i * o.length + j];
                }
                if (l < f.layers() - 1) {
                    o[j] = Math.max(0, o[j]);
                }
            }
            a = o;
        }
        return a[0];
    }

    @Test
    void onlyTwoLevelSingleChannelPlanes() throws IOException {
        BilevelPixelModel m = BilevelPixelModel.fromBytes("t", weights(1, 0.1f, 8).toBytes());
        assertTrue(m.supportsChannels(1));
        assertFalse(m.supportsChannels(3));
        assertTrue(m.supportsAlphabets(new Alphabet[]{Alphabet.fromMask(mask(0, 255))}));
        assertTrue(m.supportsAlphabets(new Alphabet[]{Alphabet.fromMask(mask(10, 20))}));
        assertFalse(m.supportsAlphabets(new Alphabet[]{Alphabet.fromMask(mask(0))}));
        assertFalse(m.supportsAlphabets(new Alphabet[]{Alphabet.fromMask(mask(0, 1, 2))}));
        assertFalse(m.supportsAlphabets(new Alphabet[]{Alphabet.FULL}));
        FrequencyPredictor p = m.newFrequencyPredictor(new Raster(4, 4, 1));
        p.beginPixel(0, 0);
        assertThrows(io.lcompress.codec.arith.CorruptStreamException.class,
                () -> p.frequencies(0, Alphabet.fromMask(mask(0, 1, 2)), new int[4]));
    }

    static byte[] mask(int... levels) {
        byte[] m = new byte[32];
        for (int v : levels) {
            m[v >> 3] |= (byte) (1 << (v & 7));
        }
        return m;
    }

    @Test
    void shippedModelIsRegistered() {
        var m = ModelRegistry.byName("bilevel");
        assertTrue(m.isPresent(), "bilevel.lcw is a class-path resource");
        assertTrue(m.get() instanceof BilevelPixelModel);
        assertEquals(WeightFile.HEAD_BERNOULLI, ((BilevelPixelModel) m.get()).network().weights().head());
    }

    /**
     * A stripe of few pixels gets tables sized by its pixels (a crafted file of 1-row stripes must not
     * cost a 2^20-entry table each): 70,000 one-pixel stripes code and decode, exactly, well within the
     * hang guard, and give the same bits as the dense tables would (the fixtures pin those).
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void manyTinyStripesCostWhatTheyCode() throws Exception {
        int h = 70_000;     // above 2^16 pixels: the PNG-stream alternative is not tried for an image in memory
        io.lcompress.codec.image.Raster r = new io.lcompress.codec.image.Raster(1, h, 1);
        java.util.Random rnd = new java.util.Random(3);
        for (int y = 0; y < h; y++) {
            r.set(0, y, 0, rnd.nextInt(4) == 0 ? 0 : 255);
        }
        io.lcompress.codec.image.PngImage image = new io.lcompress.codec.image.PngImage(
                io.lcompress.codec.image.PngImage.GRAY, 8, false, r, null, null);
        byte[] file = io.lcompress.codec.coding.LcCodec.encode(image, io.lcompress.codec.model.ModelRegistry.fast(),
                1, 1, false).file();
        assertEquals("bilevel", io.lcompress.codec.container.LcFormat.read(file).header().mainPlane().modelName());
        assertEquals(null, image.differenceFrom(io.lcompress.codec.coding.LcCodec.decode(file, null, 1).image()));
    }
}
