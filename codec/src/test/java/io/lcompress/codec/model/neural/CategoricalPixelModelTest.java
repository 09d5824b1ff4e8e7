package io.lcompress.codec.model.neural;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.coding.StripeCoder;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.LeanMixedPixelModel;
import io.lcompress.codec.model.MixedPixelModel;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CategoricalPixelModelTest {
    /** A random categorical network: head 2, K = 0. */
    static WeightFile randomCategorical(long seed, int channels, int... hidden) {
        Random r = new Random(seed);
        int[] widths = new int[hidden.length + 2];
        widths[0] = ContextFeatures.sizeFor(channels);
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = WeightFile.headOutputs(WeightFile.HEAD_CATEGORICAL, channels, 0);
        float[][] w = new float[widths.length - 1][];
        float[][] b = new float[widths.length - 1][];
        for (int l = 0; l < w.length; l++) {
            w[l] = new float[widths[l] * widths[l + 1]];
            float scale = (float) Math.sqrt(2.0 / widths[l]);
            for (int i = 0; i < w[l].length; i++) {
                w[l][i] = (float) r.nextGaussian() * scale;
            }
            b[l] = new float[widths[l + 1]];
            for (int i = 0; i < b[l].length; i++) {
                b[l][i] = (float) r.nextGaussian() * 0.1f;
            }
        }
        return new WeightFile(ContextFeatures.SPEC_CTX24_BORDER_MED, channels, 0, WeightFile.ACTIVATION_RELU,
                WeightFile.HEAD_CATEGORICAL, widths, w, b);
    }

    private static CategoricalPixelModel shipped() {
        PixelModel m = ModelRegistry.byName("categorical").orElseThrow(() -> new AssertionError("categorical.lcw missing"));
        return assertInstanceOf(CategoricalPixelModel.class, m);
    }

    @Test
    void weightFileRoundTripKeepsTheHead() throws IOException {
        WeightFile f = randomCategorical(3, 3, 16, 12);
        assertEquals(771, f.widths()[3]);
        byte[] bytes = f.toBytes();
        assertEquals(WeightFile.HEAD_CATEGORICAL, bytes[11]);
        WeightFile back = WeightFile.parse(bytes);
        assertEquals(WeightFile.HEAD_CATEGORICAL, back.head());
        assertEquals(0, back.components());
        assertArrayEquals(bytes, back.toBytes());
        PixelModel m = NeuralNetworks.fromBytes("t", bytes);
        assertInstanceOf(CategoricalPixelModel.class, m);
        assertEquals(NeuralNetworks.fromBytes("t", bytes).fingerprint(), m.fingerprint());
        float[] in = new float[f.widths()[0]];
        in[3] = 0.5f;
        assertArrayEquals(((CategoricalPixelModel) m).forward(in),
                CategoricalPixelModel.of("u", back).forward(in));
        // a mixture file still loads as a mixture network
        byte[] mixture = TestWeights.random(4, 3, 5, 16).toBytes();
        assertInstanceOf(NeuralPixelModel.class, NeuralNetworks.fromBytes("m", mixture));
    }

    @Test
    void headAndComponentsMustAgree() {
        WeightFile f = randomCategorical(3, 3, 8);
        int[] w = f.widths();
        float[][] ws = {f.weights(0), f.weights(1)};
        float[][] bs = {f.biases(0), f.biases(1)};
        var e = assertThrows(IllegalArgumentException.class, () -> new WeightFile(ContextFeatures.SPEC_CTX24_BORDER_MED,
                3, 5, WeightFile.ACTIVATION_RELU, WeightFile.HEAD_CATEGORICAL, w, ws, bs));
        assertTrue(e.getMessage().contains("K must be 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WeightFile(ContextFeatures.SPEC_CTX24_BORDER_MED,
                3, 0, WeightFile.ACTIVATION_RELU, WeightFile.HEAD_LOGISTIC_MIXTURE_COUPLED, w, ws, bs));
        byte[] bytes = f.toBytes();
        bytes[11] = 3;   // the reserved Bernoulli head is not readable here
        var io = assertThrows(IOException.class, () -> WeightFile.parse(bytes));
        assertTrue(io.getMessage().contains("head"), io.getMessage());
    }

    @Test
    void mixtureConsumersRefuseACategoricalNetworkInOneLine() {
        byte[] bytes = randomCategorical(5, 3, 8).toBytes();
        var e = assertThrows(IOException.class, () -> NeuralPixelModel.fromBytes("c", bytes));
        assertEquals("the network has a categorical head, not a logistic mixture", e.getMessage());
        CategoricalPixelModel c = CategoricalPixelModel.of("cat", randomCategorical(5, 3, 8));
        var m = assertThrows(IllegalArgumentException.class, () -> new MixedPixelModel("x", c, ModelRegistry.fast()));
        assertTrue(m.getMessage().contains("'cat'") && !m.getMessage().contains("\n"), m.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new LeanMixedPixelModel("x", ModelRegistry.fast(), c, Elementary.FIXED));
        assertThrows(UnsupportedOperationException.class, () -> c.newPredictor(new Raster(2, 2, 3)));
        var k = assertThrows(IOException.class,
                () -> CategoricalPixelModel.fromBytes("m", TestWeights.random(4, 3, 5, 16).toBytes()));
        assertTrue(k.getMessage().contains("logistic mixture"), k.getMessage());
    }

    @Test
    void fingerprintDependsOnTheWeights() {
        CategoricalPixelModel a = CategoricalPixelModel.of("a", randomCategorical(1, 3, 8));
        CategoricalPixelModel b = CategoricalPixelModel.of("b", randomCategorical(2, 3, 8));
        assertNotEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.fingerprint(), CategoricalPixelModel.of("c", randomCategorical(1, 3, 8)).fingerprint());
    }

    @Test
    void tiltMovesAGaussianByTheCouplingShift() {
        // a Gaussian-shaped a_G (mean 100, sd 6 levels): the tilt moves its mean by tanh(beta) r' in k' units
        float[] o = new float[771];
        for (int k = 0; k < 256; k++) {
            double d = (k - 100) / 6.0;
            o[256 + k] = (float) (-0.5 * d * d);
        }
        o[768] = 0.5f;   // beta_GR
        int r = 200;
        double[] logits = new double[256];
        CategoricalPixelModel.headToLogits(o, 3, 1, r, 0, logits, Elementary.FIXED);
        double mx = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            mx = Math.max(mx, v);
        }
        double s = 0;
        double mean = 0;
        for (int k = 0; k < 256; k++) {
            double e = Math.exp(logits[k] - mx);
            s += e;
            mean += e * k;
        }
        mean /= s;
        // the shift is t * Var / (Var + EPS): Var = (6 / 127.5)^2 against EPS = (1 / 127.5)^2
        double expected = 100 + Math.tanh(0.5) * (r - 127.5) * 36.0 / 37.0;
        assertEquals(expected, mean, 0.05, "mean of the tilted G");
        // R is never tilted
        double[] rl = new double[256];
        CategoricalPixelModel.headToLogits(o, 3, 0, 0, 0, rl, Elementary.FIXED);
        assertEquals(0.0, rl[5]);
    }

    @Test
    void hostileOutputsGiveValidTables() {
        float[] o = new float[771];
        java.util.Arrays.fill(o, Float.NaN);
        o[3] = Float.POSITIVE_INFINITY;
        o[300] = Float.NEGATIVE_INFINITY;
        o[768] = Float.NaN;
        o[769] = Float.POSITIVE_INFINITY;
        double[] logits = new double[256];
        var q = new io.lcompress.codec.mixture.QuantizedCategorical(Elementary.FIXED);
        for (int c = 0; c < 3; c++) {
            CategoricalPixelModel.headToLogits(o, 3, c, 255, 0, logits, Elementary.FIXED);
            q.set(logits, Alphabet.FULL);
            long sum = 0;
            for (int j = 0; j < 256; j++) {
                assertTrue(q.frequency(j) >= 1);
                sum += q.frequency(j);
            }
            assertEquals(io.lcompress.codec.mixture.QuantizedCategorical.TOTAL, sum);
        }
        java.util.Arrays.fill(o, 3e38f);
        o[769] = -3e38f;
        for (int c = 0; c < 3; c++) {
            CategoricalPixelModel.headToLogits(o, 3, c, 0, 255, logits, Elementary.FIXED);
            q.set(logits, Alphabet.FULL);
            assertTrue(q.frequency(0) >= 1 && q.frequency(255) >= 1);
        }
    }

    @Test
    void randomNetworkRoundTripsThroughTheStripeCoder() {
        CategoricalPixelModel m = CategoricalPixelModel.of("t", randomCategorical(21, 3, 32, 24));
        Raster img = TestImages.synthetic(29, 17, 3, 4);
        StripeCoder.Encoded e = StripeCoder.encode(img, m);
        Raster back = StripeCoder.decode(e.payload(), 0, e.payload().length, img.width(), img.height(), 3, m, null);
        assertArrayEquals(img.samples(), back.samples());
        assertTrue(e.payload().length * 8.0 <= e.modelBits() + 64);
        Raster grey = TestImages.synthetic(19, 11, 1, 5);
        CategoricalPixelModel g = CategoricalPixelModel.of("g", randomCategorical(22, 1, 16));
        StripeCoder.Encoded eg = StripeCoder.encode(grey, g);
        assertArrayEquals(grey.samples(),
                StripeCoder.decode(eg.payload(), 0, eg.payload().length, 19, 11, 1, g, null).samples());
    }

    @Test
    void shippedModelCodesAPhotoCropExactly() throws Exception {
        CategoricalPixelModel m = shipped();
        assertInstanceOf(FrequencyModel.class, m);
        PngImage img = TestImages.read(TestImages.testdata().resolve("chelsea-crop.png"));
        LcCodec.Encoded e = LcCodec.encode(img, m, 2);
        assertFalse(e.header().isPngStream(), "coded by the model, not stored as the PNG stream");
        assertEquals("categorical", e.header().mainPlane().modelName());
        LcCodec.Decoded d = LcCodec.decode(e.file(), null, 2);
        assertArrayEquals(img.samples().samples(), d.image().samples().samples());
        // honest numbers: the payload is the model's code length (-log2 of the frequencies used)
        double bpsp = e.modelBits() / e.subpixels();
        assertTrue(bpsp > 1 && bpsp < 6, "model bits per subpixel " + bpsp);
        assertEquals(e.modelBits(), e.payloadBits(), 64 + e.modelBits() * 1e-3);
        // model bits are -log2 of exactly the frequencies coded: one stripe over the full alphabet, summed here
        Raster raster = img.samples();
        StripeCoder.Encoded one = StripeCoder.encode(raster, m);
        CategoricalPixelModel.Predictor p = m.newFrequencyPredictor(raster);
        double bits = 0;
        for (int y = 0; y < raster.height(); y++) {
            for (int x = 0; x < raster.width(); x++) {
                p.beginPixel(x, y);
                for (int c = 0; c < 3; c++) {
                    bits += p.table(c, Alphabet.FULL).bits(raster.get(x, y, c));
                }
            }
        }
        assertEquals(bits, one.modelBits(), 1e-9 * bits);
        assertEquals(one.modelBits(), one.payload().length * 8.0, 64 + one.modelBits() * 1e-3);
        assertArrayEquals(raster.samples(), StripeCoder.decode(one.payload(), 0, one.payload().length,
                raster.width(), raster.height(), 3, m, null).samples());
    }

    @Test
    void shippedModelIsTheRegistrysAndDecodesByItsId() throws Exception {
        CategoricalPixelModel m = shipped();
        assertEquals(m, ModelRegistry.byFingerprint(m.fingerprint()).orElseThrow());
        Path file = Files.createTempFile("cat", ".lcw");
        try {
            Files.write(file, m.weights().toBytes());
            PixelModel loaded = NeuralNetworks.load("file.lcw", file);
            assertInstanceOf(CategoricalPixelModel.class, loaded);
            assertEquals(m.fingerprint(), loaded.fingerprint());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
