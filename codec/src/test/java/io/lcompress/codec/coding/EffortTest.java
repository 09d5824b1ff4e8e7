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
            PixelModel m = chosen instanceof ImageSizeChoice choice ? choice.large() : chosen;
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
        // the strongest levels choose by image size; the others do not
        assertEquals("small2-wide", Effort.of(9).smallImageModel());
        assertEquals(null, Effort.of(5).smallImageModel());
        assertThrows(IllegalArgumentException.class, () -> Effort.of(0));
        assertThrows(IllegalArgumentException.class, () -> Effort.of(10));
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
