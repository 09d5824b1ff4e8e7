package io.lcompress.codec.coding.stage;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.ColourSet;
import io.lcompress.codec.mixture.ComponentBudget;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.model.PixelPredictor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stage chain built from a plane's stage bits, and the stages within the component budget. */
class StagesTest {
    /** A base predictor that writes {@code k} components. */
    private static PixelPredictor base(int k) {
        return new PixelPredictor() {
            @Override
            public void beginPixel(int x, int y) {
            }

            @Override
            public void predict(int c, LogisticMixture out) {
                for (int i = 0; i < k; i++) {
                    out.logit[i] = -i;
                    out.mean[i] = 100 + i;
                    out.logScale[i] = 1;
                }
                out.setComponents(k);
            }
        };
    }

    private static Alphabet[] full(int channels) {
        Alphabet[] a = new Alphabet[channels];
        Arrays.fill(a, Alphabet.FULL);
        return a;
    }

    @Test
    void stageBitsAndVersions() {
        assertEquals(ModelPlane.STAGE_CHROMA_REPEAT, ChromaRepeatPredictor.STAGE_BIT);
        assertEquals(ModelPlane.STAGE_COLOUR_COPY, ColourCopyPredictor.STAGE_BIT);
        assertEquals(1, ChromaRepeatPredictor.VERSION);
        assertEquals(1, ColourCopyPredictor.VERSION);
        assertEquals(ModelPlane.STAGE_CDF_CALIBRATION, CdfCalibration.STAGE_BIT);
        assertEquals(1, CdfCalibration.VERSION);
        assertEquals(ModelPlane.STAGE_CDF_CALIBRATION_2, CdfCalibration.STAGE_BIT_2);
        assertEquals(2, CdfCalibration.VERSION_2);
        assertEquals(ModelPlane.STAGE_COLOUR_HISTOGRAM, ColourHistogram.STAGE_BIT);
        assertEquals(1, ColourHistogram.VERSION);
        assertEquals(ModelPlane.STAGE_CHROMA_SPIKES, ChromaSpikes.STAGE_BIT);
        assertEquals(2, ChromaSpikes.VERSION);
        assertEquals(ModelPlane.STAGE_CHROMA_NEAR_SPIKES, ChromaSpikes.NEAR_STAGE_BIT);
        assertEquals(3, ChromaSpikes.NEAR_VERSION);
        assertEquals(ModelPlane.KNOWN_STAGES, ChromaRepeatPredictor.STAGE_BIT | ColourCopyPredictor.STAGE_BIT
                | CdfCalibration.STAGE_BIT | ColourHistogram.STAGE_BIT | ChromaSpikes.STAGE_BIT
                | ChromaSpikes.NEAR_STAGE_BIT | CdfCalibration.STAGE_BIT_2);
        assertTrue(CodingStage.SOURCES <= ComponentBudget.STAGE);
    }

    @Test
    void chainFromStageBits() {
        Raster rgb = TestImages.synthetic(8, 8, 3, 1);
        Raster grey = TestImages.synthetic(8, 8, 1, 1);
        ColourSet colours = ColourSet.of(rgb.samples(), 3, 1024);
        PixelPredictor b = base(1);
        assertSame(b, Stages.wrap(0, b, rgb, full(3), null, Elementary.STRICT));
        assertSame(b, Stages.wrap(ModelPlane.STAGE_COLOUR_COPY, b, rgb, full(3), null, Elementary.STRICT));
        assertSame(b, Stages.wrap(ModelPlane.STAGE_CHROMA_REPEAT, b, grey, full(1), null, Elementary.STRICT));
        assertInstanceOf(ChromaRepeatPredictor.class,
                Stages.wrap(ModelPlane.STAGE_CHROMA_REPEAT, b, rgb, full(3), null, Elementary.STRICT));
        assertInstanceOf(ColourCopyPredictor.class,
                Stages.wrap(ModelPlane.STAGE_COLOUR_COPY, b, rgb, full(3), colours, Elementary.STRICT));
        // both bits: colour copy innermost, chroma repeat outside
        assertInstanceOf(ChromaRepeatPredictor.class, Stages.wrap(ModelPlane.KNOWN_STAGES, b, rgb, full(3), colours,
                Elementary.STRICT));
    }

    /** A stage keeps at most MODEL components of what it wraps and adds at most STAGE: never over TOTAL. */
    @Test
    void stagesStayWithinTheBudget() {
        Raster r = new Raster(4, 4, 3);     // flat: every neighbour's candidate is valid and matches
        ColourSet colours = ColourSet.of(r.samples(), 3, 1024);
        for (int k : new int[] {1, 11, ComponentBudget.MODEL, ComponentBudget.TOTAL}) {
            for (int stages : new int[] {ModelPlane.STAGE_CHROMA_REPEAT, ModelPlane.STAGE_COLOUR_COPY}) {
                PixelPredictor p = Stages.wrap(stages, base(k), r, full(3), colours, Elementary.STRICT);
                LogisticMixture out = new LogisticMixture();
                p.beginPixel(1, 1);
                p.predict(0, out);
                p.observe(0, 0);
                p.predict(1, out);
                int kept = Math.min(k, ComponentBudget.MODEL);
                assertEquals(kept + ComponentBudget.STAGE, out.components(), "k=" + k + " stages=" + stages);
            }
        }
    }
}
