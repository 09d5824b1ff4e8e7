package io.lcompress.codec.coding;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.FastPixelModel;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundTripTest {

    static Stream<Arguments> photosAndModels() {
        List<Arguments> out = new ArrayList<>();
        for (PixelModel m : ModelRegistry.builtIns()) {
            if (!m.supportsChannels(3)) {
                continue;       // bilevel: two-level planes only (BilevelCodingTest)
            }
            for (Path p : TestImages.photos()) {
                out.add(Arguments.of(m.name(), p));
            }
        }
        return out.stream();
    }

    static LcCodec.Encoded roundTrip(Raster r, int colorType, PixelModel model, int threads, int stripeRows)
            throws FormatException {
        LcCodec.Encoded e = LcCodec.encode(r, colorType, model, threads, stripeRows, false);
        // the model is asked for when it coded the image (not for a PNG stream or constant planes only)
        LcCodec.Decoded d = LcCodec.decode(e.file(), e.header().mainPlane() == null ? null : model, threads);
        assertEquals(r.width(), d.raster().width());
        assertEquals(r.height(), d.raster().height());
        assertEquals(r.channels(), d.raster().channels());
        assertArrayEquals(r.samples(), d.raster().samples(), "decoded pixels differ");
        assertEquals(colorType, d.header().colorType());
        // likelihood = code length: payload at most 0.1 % + 64 bits (per stripe) above the model's ideal bits
        // (it can be below: the final interval may contain a point whose trailing bytes are zeros)
        double ideal = e.modelBits();
        assertTrue(e.payloadBits() <= ideal * 1.001 + 64 * e.header().stripeCount(),
                "payload " + e.payloadBits() + " vs model " + ideal);
        return e;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("photosAndModels")
    void photosRoundTripExactlyAndBeatPng(String modelName, Path photo) throws Exception {
        PixelModel model = ModelRegistry.byName(modelName).orElseThrow();
        PngImage img = TestImages.read(photo);
        LcCodec.Encoded e = roundTrip(img.samples(), img.colorType(), model, 2,
                LcCodec.defaultStripeRows(img.height()));
        long png = Files.size(photo);
        assertTrue(e.file().length < png, photo + ": " + e.file().length + " bytes vs PNG " + png);
    }

    @Test
    void edgeCaseShapes() throws Exception {
        PixelModel fast = new FastPixelModel();
        for (int c = 1; c <= 4; c++) {
            int ct = PngImage.colorTypeFor(c);
            roundTrip(TestImages.noise(1, 1, c, c), ct, fast, 1, 1);
            roundTrip(TestImages.noise(1, 257, c, c), ct, fast, 2, 64);
            roundTrip(TestImages.noise(300, 1, c, c), ct, fast, 2, 1);
            roundTrip(TestImages.constant(33, 17, c, 0), ct, fast, 2, 5);
            roundTrip(TestImages.constant(33, 17, c, 255), ct, fast, 2, 17);
            roundTrip(TestImages.noise(64, 48, c, 99), ct, fast, 2, 7);
            roundTrip(TestImages.synthetic(70, 50, c, 5), ct, fast, 3, 11);
        }
    }

    @Test
    void constantImageCostsAlmostNothingAndNoiseCostsEightBits() throws Exception {
        PixelModel fast = new FastPixelModel();
        LcCodec.Encoded flat = roundTrip(TestImages.constant(200, 100, 3, 77), PngImage.RGB, fast, 1, 100);
        assertTrue(flat.modelBits() / flat.subpixels() < 0.05, "constant: " + flat.modelBits() / flat.subpixels());
        LcCodec.Encoded noise = roundTrip(TestImages.noise(200, 100, 3, 1), PngImage.RGB, fast, 1, 100);
        // noise is incompressible: the stripe is stored raw, 8 bits per subpixel plus the header
        assertEquals(8.0, noise.modelBits() / noise.subpixels(), 1e-9);
        assertTrue(noise.file().length < 200 * 100 * 3 + 100, "noise file " + noise.file().length);
    }

    @Test
    void fewColoursAreCodedThroughTheColourSet() throws Exception {
        Raster r = TestImages.synthetic(90, 70, 3, 4);
        byte[] s = r.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) ((s[i] & 0xFF) / 40 * 40);    // at most 7 levels per channel, few colours
        }
        LcCodec.Encoded e = roundTrip(r, PngImage.RGB, new FastPixelModel(), 2, 32);
        assertTrue(e.header().mainPlane().colourSet() != null, "colour set expected");
        Raster noise = TestImages.noise(90, 70, 3, 4);
        LcCodec.Encoded n = roundTrip(noise, PngImage.RGB, new FastPixelModel(), 2, 32);
        assertTrue(n.header().mainPlane().colourSet() == null, "no colour set for many colours");
    }

    @Test
    void largeImage() throws Exception {
        Raster big = TestImages.synthetic(2000, 1500, 3, 11);
        roundTrip(big, PngImage.RGB, new FastPixelModel(), 2, LcCodec.defaultStripeRows(1500));
    }

    @Test
    void outputDoesNotDependOnThreadCount() throws Exception {
        Raster r = TestImages.synthetic(120, 300, 3, 3);
        for (PixelModel m : ModelRegistry.builtIns()) {
            byte[] one = LcCodec.encode(r, PngImage.RGB, m, 1).file();
            byte[] four = LcCodec.encode(r, PngImage.RGB, m, 4).file();
            assertArrayEquals(one, four, m.name());
        }
    }

    @Test
    void decodingWithAnotherModelNamesBoth() {
        Raster r = TestImages.synthetic(20, 20, 3, 3);
        PixelModel fast = new FastPixelModel();
        byte[] file = LcCodec.encode(r, PngImage.RGB, fast, 1).file();
        PixelModel other = new PixelModel() {
            public String name() {
                return "other";
            }

            public long fingerprint() {
                return 0x1234;
            }

            public boolean supportsChannels(int channels) {
                return true;
            }

            public io.lcompress.codec.model.PixelPredictor newPredictor(Raster raster) {
                return fast.newPredictor(raster);
            }
        };
        FormatException ex = assertThrows(FormatException.class, () -> LcCodec.decode(file, other, 1));
        assertTrue(ex.getMessage().contains("'fast'") && ex.getMessage().contains("'other'"), ex.getMessage());
    }
}
