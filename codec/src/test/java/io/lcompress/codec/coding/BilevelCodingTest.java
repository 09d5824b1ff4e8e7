package io.lcompress.codec.coding;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.StripePlan;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.bilevel.BilevelPixelModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two-level images through the encoder: the bilevel model is what codes them at every effort level, they
 * round-trip exactly whatever their shape, and the model's code length is the frequencies coded.
 */
class BilevelCodingTest {
    /** 1-bit grey samples (0 black, 1 white) of a testdata photo crop: grey (299R+587G+114B+500)/1000 >= 128. */
    static Raster binarized(String photo) {
        Raster rgb = TestImages.read(TestImages.testdata().resolve(photo)).samples();
        Raster out = new Raster(rgb.width(), rgb.height(), 1);
        for (int y = 0; y < rgb.height(); y++) {
            for (int x = 0; x < rgb.width(); x++) {
                int g = (299 * rgb.get(x, y, 0) + 587 * rgb.get(x, y, 1) + 114 * rgb.get(x, y, 2) + 500) / 1000;
                out.set(x, y, 0, g >= 128 ? 1 : 0);
            }
        }
        return out;
    }

    static PngImage oneBit(Raster bits, boolean interlaced) {
        return new PngImage(PngImage.GRAY, 1, interlaced, bits, null, null);
    }

    /** Random text-like strokes, 1-bit. */
    static Raster strokes(int w, int h, long seed) {
        Raster r = new Raster(w, h, 1);
        java.util.Arrays.fill(r.samples(), (byte) 1);
        Random rnd = new Random(seed);
        for (int k = 0; k < w * h / 40; k++) {
            int x0 = rnd.nextInt(w);
            int y0 = rnd.nextInt(h);
            boolean horizontal = rnd.nextBoolean();
            for (int t = 0; t < 1 + rnd.nextInt(6); t++) {
                int x = horizontal ? x0 + t : x0;
                int y = horizontal ? y0 : y0 + t;
                if (x < w && y < h) {
                    r.set(x, y, 0, 0);
                }
            }
        }
        return r;
    }

    static LcCodec.Encoded roundTrip(PngImage img, PixelModel model) throws FormatException {
        LcCodec.Encoded e = LcCodec.encode(img, model, 2);
        LcCodec.Decoded d = LcCodec.decode(e.file(), null, 2);
        assertArrayEquals(img.samples().samples(), d.image().samples().samples(), "decoded pixels differ");
        assertEquals(img.bitDepth(), d.image().bitDepth());
        assertEquals(img.interlaced(), d.image().interlaced());
        assertTrue(e.payloadBits() <= e.modelBits() * 1.001 + 64 * Math.max(1, e.header().stripeCount()),
                "payload " + e.payloadBits() + " vs model " + e.modelBits());
        return e;
    }

    @ParameterizedTest(name = "effort {0}")
    @ValueSource(ints = {1, 3, 5, 7, 9})
    void everyEffortCodesOneBitImagesWithBilevel(int effort) throws Exception {
        PngImage img = oneBit(binarized("barbara-crop.png"), false);
        LcCodec.Encoded e = roundTrip(img, Effort.of(effort).model());
        assertEquals("bilevel", e.header().mainPlane().modelName());
        assertEquals(ModelRegistry.bilevel().orElseThrow().fingerprint(), e.header().mainPlane().fingerprint());
    }

    /** The model bits the encoder reports are -log2 of exactly the frequencies the model gives, stripe by stripe. */
    @Test
    void modelBitsAreTheCodedFrequencies() throws Exception {
        PngImage img = oneBit(strokes(300, 260, 3), false);
        LcCodec.Encoded e = roundTrip(img, Effort.DEFAULT.model());
        assertEquals("bilevel", e.header().mainPlane().modelName());
        Raster grey = CodedImage.of(img).high();
        Alphabet[] a = {Alphabet.fromMask(Alphabet.usedMask(grey.samples(), 1, 0))};
        int rows = StripePlan.defaultRows(img.width(), img.height());
        double bits = 0;
        for (int y0 = 0; y0 < img.height(); y0 += rows) {
            bits += StripeCoder.encode(grey.rows(y0, Math.min(rows, img.height() - y0)),
                    ModelRegistry.bilevel().orElseThrow(), a, null).modelBits();
        }
        assertEquals(bits, e.modelBits(), 1e-6 * bits);
        assertTrue(e.payloadBits() >= bits - 64 * e.header().stripeCount());
    }

    @Test
    void pngSuiteOneBitImagesRoundTrip() throws Exception {
        for (String name : new String[]{"basn0g01", "basi0g01", "basn3p01", "basi3p01"}) {
            PngImage img = TestImages.read(TestImages.testdata().resolve("pngsuite/" + name + ".png"));
            LcCodec.Encoded e = roundTrip(img, Effort.DEFAULT.model());
            String model = e.header().coderName();
            assertTrue(model.equals("bilevel") || model.equals("png-stream"), name + ": " + model);
        }
    }

    @Test
    void shapesRoundTrip() throws Exception {
        PixelModel m = Effort.DEFAULT.model();
        for (int[] wh : new int[][]{{1, 300}, {300, 1}, {1, 1}, {2, 2}, {37, 129}, {301, 257}, {8, 70000 / 8}}) {
            Raster r = strokes(wh[0], wh[1], wh[0] * 31L + wh[1]);
            r.set(0, 0, 0, 0);
            r.set(wh[0] - 1, wh[1] - 1, 0, 1);
            roundTrip(oneBit(r, false), m);
            roundTrip(oneBit(r, true), m);
        }
    }

    @Test
    void interlacedOneBitPhotoUsesBilevel() throws Exception {
        LcCodec.Encoded e = roundTrip(oneBit(binarized("chelsea-crop.png"), true), Effort.DEFAULT.model());
        assertEquals("bilevel", e.header().mainPlane().modelName());
        assertTrue(e.header().interlaced());
    }

    @Test
    void oneLevelImagesAreNotBilevel() throws Exception {
        for (int v : new int[]{0, 1}) {
            Raster r = TestImages.constant(200, 400, 1, v);
            LcCodec.Encoded e = roundTrip(oneBit(r, false), Effort.DEFAULT.model());
            LcHeader h = e.header();
            assertTrue(h.mainPlane() == null || !h.mainPlane().modelName().equals("bilevel"), h.coderName());
            // forcing the model changes nothing: it is refused for a plane of one level
            roundTrip(oneBit(r, false), ModelRegistry.bilevel().orElseThrow());
        }
    }

    @Test
    void twoLevelEightBitGreyAndRgbUseBilevel() throws Exception {
        Raster bits = binarized("coffee-crop.png");
        Raster grey = new Raster(bits.width(), bits.height(), 1);
        Raster rgb = new Raster(bits.width(), bits.height(), 3);
        for (int i = 0; i < bits.samples().length; i++) {
            int v = bits.samples()[i] == 0 ? 10 : 200;
            grey.samples()[i] = (byte) v;
            rgb.samples()[3 * i] = rgb.samples()[3 * i + 1] = rgb.samples()[3 * i + 2] = (byte) v;
        }
        assertEquals("bilevel", roundTrip(PngImage.of(grey), Effort.of(1).model()).header().mainPlane().modelName());
        assertEquals("bilevel", roundTrip(PngImage.of(rgb), Effort.DEFAULT.model()).header().mainPlane().modelName());
    }

    @Test
    void forcedOnOtherPlanesItFallsBackToFast() throws Exception {
        PixelModel bilevel = ModelRegistry.bilevel().orElseThrow();
        PngImage photo = TestImages.read(TestImages.testdata().resolve("astronaut-crop.png"));
        LcCodec.Encoded e = roundTrip(photo, bilevel);
        assertNotEquals("bilevel", e.header().mainPlane().modelName());
        Raster grey = FormatV4FixturesGenerator.luma(photo.samples());
        e = roundTrip(PngImage.of(grey), bilevel);
        assertEquals("fast", e.header().mainPlane().modelName());
        assertTrue(bilevel instanceof BilevelPixelModel);
    }
}
