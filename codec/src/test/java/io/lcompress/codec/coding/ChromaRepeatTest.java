package io.lcompress.codec.coding;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.model.FastPixelModel;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chroma-repeat coding tool in both versions (1: {@code ChromaRepeatPredictor}, on the mixture; 2:
 * {@code ChromaSpikes}, on the frequencies; 3: the same with spikes at the neighbouring values too, written
 * since 2026-12-03), and reading files of format version 1
 * (which predate it).
 */
class ChromaRepeatTest {
    private static final PixelModel FAST = new FastPixelModel();

    private static double bits(Raster r, int stages) {
        StripeCoder.Encoded e = StripeCoder.encode(r, FAST, null, null, stages, null);
        Raster back = StripeCoder.decode(e.payload(), 0, e.payload().length, r.width(), r.height(), r.channels(),
                FAST, null, null, stages, true);
        assertArrayEquals(r.samples(), back.samples(), "round trip with stages " + stages);
        return e.modelBits();
    }

    /** A video-frame crop (4:2:2 chroma, from Set14 barbara) codes much smaller with the tool. */
    @ParameterizedTest
    @ValueSource(ints = {ModelPlane.STAGE_CHROMA_REPEAT, ModelPlane.STAGE_CHROMA_SPIKES,
            ModelPlane.STAGE_CHROMA_NEAR_SPIKES})
    void subsampledChromaCodesSmaller(int stage) throws Exception {
        Raster r = TestImages.read(TestImages.testdata().resolve("barbara-crop.png")).samples();
        double without = bits(r, 0);
        double with = bits(r, stage);
        assertTrue(with < 0.9 * without, "with " + with + " vs without " + without);
        // with CDF calibration too
        double calibrated = bits(r, ModelPlane.STAGE_CDF_CALIBRATION);
        double both = bits(r, stage | ModelPlane.STAGE_CDF_CALIBRATION);
        assertTrue(both < 0.9 * calibrated, "with " + both + " vs without " + calibrated);
    }

    /**
     * Version 2 codes what version 1 did, within 1 %, with and without calibration (it is the cheaper one);
     * version 3 at most 1 % more, and the video frame (whose repeated chroma differences are sometimes rounded
     * by one) smaller than version 2.
     */
    @Test
    void laterVersionsCodeAsVersion1Did() throws Exception {
        for (String name : new String[] {"barbara-crop.png", "chelsea-crop.png"}) {
            Raster r = TestImages.read(TestImages.testdata().resolve(name)).samples();
            for (int extra : new int[] {0, ModelPlane.STAGE_CDF_CALIBRATION}) {
                double v1 = bits(r, ModelPlane.STAGE_CHROMA_REPEAT | extra);
                double v2 = bits(r, ModelPlane.STAGE_CHROMA_SPIKES | extra);
                double v3 = bits(r, ModelPlane.STAGE_CHROMA_NEAR_SPIKES | extra);
                assertTrue(Math.abs(v2 / v1 - 1) < 0.01, name + " stages " + extra + ": v2 " + v2 + " vs v1 " + v1);
                assertTrue(v3 < 1.01 * v1, name + " stages " + extra + ": v3 " + v3 + " vs v1 " + v1);
                if (name.startsWith("barbara")) {
                    assertTrue(v3 < v2, "stages " + extra + ": v3 " + v3 + " vs v2 " + v2);
                }
            }
        }
    }

    /** On a photo with full-resolution chroma the tool costs next to nothing (its weight sinks to ~1/1024). */
    @ParameterizedTest
    @ValueSource(ints = {ModelPlane.STAGE_CHROMA_REPEAT, ModelPlane.STAGE_CHROMA_SPIKES,
            ModelPlane.STAGE_CHROMA_NEAR_SPIKES})
    void fullChromaCostsLittle(int stage) throws Exception {
        Raster r = TestImages.read(TestImages.testdata().resolve("astronaut-crop.png")).samples();
        double without = bits(r, 0);
        double with = bits(r, stage);
        assertTrue(with < 1.005 * without, "with " + with + " vs without " + without);
    }

    /** Candidates outside 0..255, borders, RGBA and restricted alphabets still round-trip exactly. */
    @ParameterizedTest
    @ValueSource(ints = {ModelPlane.STAGE_CHROMA_REPEAT, ModelPlane.STAGE_CHROMA_SPIKES,
            ModelPlane.STAGE_CHROMA_SPIKES | ModelPlane.STAGE_CDF_CALIBRATION, ModelPlane.STAGE_CHROMA_NEAR_SPIKES,
            ModelPlane.STAGE_CHROMA_NEAR_SPIKES | ModelPlane.STAGE_CDF_CALIBRATION})
    void edgeCasesRoundTrip(int stage) {
        for (int c = 3; c <= 4; c++) {
            bits(TestImages.noise(1, 1, c, 1), stage);
            bits(TestImages.noise(37, 5, c, 2), stage);
            bits(TestImages.synthetic(40, 30, c, 3), stage);
        }
        // extremes: differences push candidates below 0 and above 255
        Raster r = new Raster(16, 16, 3);
        for (int i = 0; i < r.samples().length; i++) {
            r.samples()[i] = (byte) (((i * 7919) >> 3 & 1) == 0 ? 0 : 255);
        }
        bits(r, stage);
        // a restricted alphabet (only even values of channel 1)
        Raster even = TestImages.synthetic(32, 32, 3, 4);
        for (int i = 1; i < even.samples().length; i += 3) {
            even.samples()[i] &= (byte) 0xFE;
        }
        Alphabet[] a = {Alphabet.FULL, Alphabet.fromMask(Alphabet.usedMask(even.samples(), 3, 1)), Alphabet.FULL};
        StripeCoder.Encoded e = StripeCoder.encode(even, FAST, a, null, stage, null);
        Raster back = StripeCoder.decode(e.payload(), 0, e.payload().length, 32, 32, 3, FAST, a, null, stage, true);
        assertArrayEquals(even.samples(), back.samples());
    }

    /**
     * The encoder sets the tool on colour planes, and it is recorded in the header: version 2 for a model
     * given alone and at levels 1 and 2, version 3 from level 3 on.
     */
    @Test
    void encoderSignalsTheTool() throws Exception {
        PngImage img = TestImages.read(TestImages.testdata().resolve("barbara-crop.png"));
        LcCodec.Encoded e = LcCodec.encode(img, FAST, 1);
        ModelPlane p = LcFormat.read(e.file()).header().mainPlane();
        assertEquals(ModelPlane.STAGE_CHROMA_SPIKES, p.stages());
        assertEquals(ModelPlane.STAGE_CHROMA_SPIKES, LcFormat.read(LcCodec.encode(img, Effort.of(1).model(), 1).file())
                .header().mainPlane().stages());
        assertEquals(ModelPlane.STAGE_CHROMA_NEAR_SPIKES | ModelPlane.STAGE_CDF_CALIBRATION_2, LcFormat.read(
                LcCodec.encode(img, Effort.of(2).model(), 1).file()).header().mainPlane().stages());
        assertEquals(ModelPlane.STAGE_CHROMA_SPIKES, LcFormat.read(
                LcCodec.encode(img, Effort.of(3).model(), 1).file()).header().mainPlane().stages());
        assertEquals(ModelPlane.STAGE_CHROMA_NEAR_SPIKES | ModelPlane.STAGE_CDF_CALIBRATION, LcFormat.read(
                LcCodec.encode(img, Effort.of(4).model(), 1).file()).header().mainPlane().stages());
        assertEquals(LcFormat.VERSION, e.file()[2]);         // the compact header: version after 8A 4C
        assertEquals(4, LcFormat.read(e.file()).version());
    }

    /** A file written by lcompress 0.1.0 (format version 1, fast model) still decodes to the same pixels. */
    @Test
    void version1FilesStillDecode() throws Exception {
        Path dir = TestImages.testdata();
        byte[] file = Files.readAllBytes(dir.resolve("format-v1/barbara-crop.fast.lc"));
        assertEquals(1, file[8]);
        LcCodec.Decoded d = LcCodec.decode(file, null, 2);
        assertEquals(0, d.header().mainPlane().stages());
        PngImage original = TestImages.read(dir.resolve("barbara-crop.png"));
        assertArrayEquals(original.samples().samples(), d.raster().samples());
    }
}
