package io.lcompress.codec.coding;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.coding.stage.StagedModel;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffortTest {
    @Test
    void nineLevelsInOrderEachWithItsModel() {
        assertEquals(9, Effort.ALL.size());
        for (int n = 1; n <= 9; n++) {
            Effort e = Effort.of(n);
            assertEquals(n, e.level());
            PixelModel chosen = e.model();
            assertEquals(e.smallImageModel() != null, chosen instanceof ImageSizeChoice, "level " + n);
            PixelModel large = chosen instanceof ImageSizeChoice choice ? choice.large() : chosen;
            assertEquals(e.colourSetModel() != null, large instanceof ColourSetChoice, "level " + n);
            PixelModel m = ColourSetChoice.resolve(large, false);
            if (large instanceof ColourSetChoice colours) {
                StagedModel few = assertInstanceOf(StagedModel.class, colours.withColourSet());
                assertSame(few.inner(), ModelRegistry.byName(e.colourSetModel()).orElseThrow(), "built once");
                assertEquals(((StagedModel) m).stages(), few.stages());
            }
            assertEquals(e.modelName(), m.name());
            // every level adds the colour histogram (planes with a colour set); calibration where it says so
            StagedModel staged = assertInstanceOf(StagedModel.class, m);
            assertEquals(e.calibrated(), staged.calibrated());
            assertEquals(ModelPlane.STAGE_COLOUR_HISTOGRAM, staged.stages() & ModelPlane.STAGE_COLOUR_HISTOGRAM);
            assertSame(staged.inner(), ModelRegistry.byName(e.modelName()).orElseThrow(), "built once");
            if (chosen instanceof ImageSizeChoice choice) {
                StagedModel small = assertInstanceOf(StagedModel.class, choice.small());
                assertEquals(staged.stages(), small.stages());
                assertSame(small.inner(), ModelRegistry.byName(e.smallImageModel()).orElseThrow(), "built once");
                assertEquals(Effort.SMALL_IMAGE_PIXELS, choice.maxSmallPixels());
            }
        }
        // level 2 is fast2 with calibration version 2 and chroma repeat v3; levels 1 and 3 have neither
        assertEquals(ModelPlane.STAGE_COLOUR_HISTOGRAM | ModelPlane.STAGE_CDF_CALIBRATION_2
                | ModelPlane.STAGE_CHROMA_NEAR_SPIKES, Effort.of(2).stages());
        assertEquals("fast2+calibration2+near-spikes", Effort.of(2).recipe());
        assertEquals(ModelPlane.STAGE_COLOUR_HISTOGRAM, Effort.of(1).stages());
        assertEquals(ModelPlane.STAGE_COLOUR_HISTOGRAM, Effort.of(3).stages());
        assertEquals("fast-ols+calibration+near-spikes", Effort.of(4).recipe());
        assertThrows(IllegalArgumentException.class, () -> new Effort(1, "fast", 3, false, null, null, ""));
        // the strongest levels choose by image size; the others do not
        assertEquals("small2-wide", Effort.of(9).smallImageModel());
        assertEquals(null, Effort.of(5).smallImageModel());
        // and by colour set: images of few colours get the default level's model
        assertEquals("neural-ols", Effort.of(9).colourSetModel());
        assertEquals(null, Effort.of(5).colourSetModel());
        assertThrows(IllegalArgumentException.class, () -> Effort.of(0));
        assertThrows(IllegalArgumentException.class, () -> Effort.of(10));
    }

    /**
     * What {@code eval --verify} does: decode with the very model the level encoded with (a
     * {@link StagedModel}, or an {@link ImageSizeChoice} of two), which the decoder unwraps to the model
     * the plane names; on a photo (calibration, chroma repeat), an image of few colours (colour histogram)
     * and, at level 9, on both sides of the small-image bound.
     */
    @Test
    void theDecoderTakesTheLevelsOwnModel() throws Exception {
        io.lcompress.codec.image.Raster photo = TestImages.synthetic(40, 24, 3, 7);
        io.lcompress.codec.image.Raster few = io.lcompress.codec.coding.stage.ColourHistogramTest.localPalettes(40, 24, 12, 8);
        for (int n : new int[]{1, 2, 5, 9}) {
            for (io.lcompress.codec.image.Raster r : java.util.List.of(photo, few)) {
                PngImage image = PngImage.of(r);
                PixelModel m = Effort.of(n).model();
                LcCodec.Encoded e = LcCodec.encode(image, m, 2);
                assertEquals(r == few, e.header().mainPlane().hasStage(ModelPlane.STAGE_COLOUR_HISTOGRAM));
                assertEquals(null, image.differenceFrom(LcCodec.decode(e.file(), m, 2).image()), "level " + n);
            }
        }
        PngImage large = PngImage.of(TestImages.synthetic(129, 128, 3, 9));
        PixelModel nine = Effort.of(9).model();
        LcCodec.Encoded e = LcCodec.encode(large, nine, 2);
        assertEquals("wide-ols", e.header().mainPlane().modelName());
        assertEquals(null, large.differenceFrom(LcCodec.decode(e.file(), nine, 2).image()));
        // beyond the small-image bound, an image of few colours codes with the default level's model
        PngImage fewLarge = PngImage.of(io.lcompress.codec.coding.stage.ColourHistogramTest.localPalettes(160, 130, 12, 8));
        LcCodec.Encoded f = LcCodec.encode(fewLarge, nine, 2);
        assertEquals("neural-ols", f.header().mainPlane().modelName());
        assertTrue(f.header().mainPlane().hasStage(ModelPlane.STAGE_COLOUR_HISTOGRAM));
        assertTrue(f.header().mainPlane().hasStage(ModelPlane.STAGE_CDF_CALIBRATION));
        assertEquals(null, fewLarge.differenceFrom(LcCodec.decode(f.file(), nine, 2).image()));
    }

    @Test
    void modelsOfNewLevelsComputeWithFixedFunctionsAndShippedOnesKeepStrictMath() {
        assertEquals(Elementary.STRICT, ModelRegistry.byName("default").orElseThrow().elementary());
        assertEquals(Elementary.STRICT, ModelRegistry.byName("neural").orElseThrow().elementary());
        assertEquals(Elementary.STRICT, ModelRegistry.fast().elementary());
        assertEquals(Elementary.FIXED, ModelRegistry.byName("narrow").orElseThrow().elementary());
        assertEquals(Elementary.FIXED, ModelRegistry.byName("narrow-mix").orElseThrow().elementary());
        Set<Long> fingerprints = new HashSet<>();
        for (PixelModel m : ModelRegistry.builtIns()) {
            assertTrue(fingerprints.add(m.fingerprint()), "fingerprint of " + m.name() + " is unique");
            assertEquals(m, ModelRegistry.byFingerprint(m.fingerprint()).orElseThrow());
        }
        var narrow = (io.lcompress.codec.model.neural.NeuralPixelModel) ModelRegistry.byName("narrow").orElseThrow();
        assertNotEquals(narrow.fingerprint(), narrow.with(Elementary.STRICT).fingerprint(),
                "the functions are part of the model's identity");
    }

    /** Higher levels are smaller: over the test photos, each recipe is at most as large as the level below's. */
    @Test
    void higherLevelsAreSmallerOnPhotos() throws Exception {
        Map<String, Long> bytes = new HashMap<>();
        for (Effort e : Effort.ALL) {
            if (bytes.containsKey(e.recipe())) {
                continue;
            }
            long total = 0;
            for (Path p : TestImages.photos()) {
                PngImage img = TestImages.read(p);
                total += LcCodec.encode(img, e.model(), 2).file().length;
            }
            bytes.put(e.recipe(), total);
        }
        for (int n = 2; n <= 9; n++) {
            long lower = bytes.get(Effort.of(n - 1).recipe());
            long here = bytes.get(Effort.of(n).recipe());
            assertTrue(here <= lower, "level " + n + ": " + here + " bytes, level " + (n - 1) + ": " + lower);
        }
    }
}
