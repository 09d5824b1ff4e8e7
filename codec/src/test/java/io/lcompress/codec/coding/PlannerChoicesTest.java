package io.lcompress.codec.coding;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.ModelRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which model and stages the planner gives a plane, and the decoder's refusal of impossible pairs. */
class PlannerChoicesTest {
    private static Raster grey() {
        Raster rgb = TestImages.read(TestImages.testdata().resolve("coffee-crop.png")).samples();
        Raster g = new Raster(rgb.width(), rgb.height(), 1);
        for (int y = 0; y < rgb.height(); y++) {
            for (int x = 0; x < rgb.width(); x++) {
                g.set(x, y, 0, (rgb.get(x, y, 0) * 299 + rgb.get(x, y, 1) * 587 + rgb.get(x, y, 2) * 114 + 500) / 1000);
            }
        }
        return g;
    }

    /**
     * A grey image at a network level falls back to the level's least-squares experts (the built-in model
     * among its mixed-in experts that takes one channel), and keeps the level's calibration stage.
     */
    @Test
    void greyAtANetworkLevelIsItsLeastSquaresExpertsWithCalibration() throws Exception {
        PngImage image = new PngImage(PngImage.GRAY, 8, false, grey(), null, null);
        java.util.Map<Integer, String> expected = java.util.Map.of(4, "fast-ols", 5, "fast-ols",
                7, "ols-pair", 9, "ols-pair");
        for (int level : new int[]{4, 5, 7, 9}) {
            byte[] file = LcCodec.encode(image, Effort.of(level).model(), 1).file();
            ModelPlane p = LcFormat.read(file).header().mainPlane();
            assertEquals(expected.get(level), p.modelName(), "level " + level);
            assertEquals(ModelPlane.STAGE_CDF_CALIBRATION, p.stages(), "level " + level);
            assertTrue(image.differenceFrom(LcCodec.decode(file, null, 1).image()) == null);
        }
        ModelPlane plain = LcFormat.read(LcCodec.encode(image, Effort.of(1).model(), 1).file()).header().mainPlane();
        assertEquals(0, plain.stages());
        assertEquals("fast2", plain.modelName());
        // level 2: fast2 with calibration version 2 (chroma repeat does not apply to grey)
        ModelPlane two = LcFormat.read(LcCodec.encode(image, Effort.of(2).model(), 1).file()).header().mainPlane();
        assertEquals(ModelPlane.STAGE_CDF_CALIBRATION_2, two.stages());
        assertEquals("fast2", two.modelName());
        ModelPlane three = LcFormat.read(LcCodec.encode(image, Effort.of(3).model(), 1).file()).header().mainPlane();
        assertEquals(0, three.stages());
        assertEquals("fast-ols4", three.modelName());
        // the three-expert default has only fast below it
        ModelPlane old = LcFormat.read(LcCodec.encode(image, ModelRegistry.byName("default").orElseThrow(), 1).file())
                .header().mainPlane();
        assertEquals("fast", old.modelName());
    }

    /** Two-level grey goes to bilevel whatever model was asked, the categorical RGB network included. */
    @Test
    void twoLevelGreyIsBilevelEvenWithTheCategoricalModel() throws Exception {
        Raster g = grey();
        byte[] s = g.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) ((s[i] & 0xFF) >= 128 ? 255 : 0);
        }
        PngImage image = new PngImage(PngImage.GRAY, 8, false, g, null, null);
        byte[] file = LcCodec.encode(image, ModelRegistry.byName("categorical").orElseThrow(), 1).file();
        LcHeader h = LcFormat.read(file).header();
        assertEquals("bilevel", h.mainPlane().modelName());
        assertEquals(0, h.mainPlane().stages());
    }

    /** A frequency model's plane with a stage bit is refused when the header is resolved, even with empty stripes. */
    @Test
    void stageBitsOnAFrequencyModelPlaneAreRefused() throws Exception {
        byte[] fixture = Files.readAllBytes(TestImages.testdata().resolve("format-v4/grey1.bilevel.lc"));
        LcFormat.Parsed parsed = LcFormat.read(fixture);
        LcHeader h = parsed.header();
        ModelPlane p = h.mainPlane();
        assertEquals("bilevel", p.modelName());
        ModelPlane staged = new ModelPlane(p.firstChannel(), p.channels(), p.fingerprint(), p.modelName(),
                p.alphabetMasks(), p.colourSet(), ModelPlane.STAGE_CDF_CALIBRATION, p.stripes());
        LcHeader bad = new LcHeader(h.width(), h.height(), h.colorType(), h.bitDepth(), h.interlaced(), h.palette(),
                h.paletteMode(), h.stripeRows(), List.of(staged), h.pixelCrc(), h.chunks(), h.pngStreamBytes());
        byte[] file = LcFormat.write(bad, List.of(Arrays.copyOfRange(fixture, parsed.payloadOffset(), fixture.length)));
        FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1));
        assertTrue(e.getMessage().contains("coding stages on a plane of model 'bilevel'"), e.getMessage());
    }
}
