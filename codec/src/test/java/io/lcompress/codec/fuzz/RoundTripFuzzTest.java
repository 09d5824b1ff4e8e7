package io.lcompress.codec.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes encode + decode: {@link FuzzImages} builds a small image of any PNG kind from the data; it is
 * encoded with the fast model (one input in 32: the slower {@code default} model), decoded without
 * naming a model, and must come back identical (samples, low bytes, palette, colour type, bit depth,
 * interlacing); it must also survive PngIO.encode + PngIO.read. An exception from encoding a valid
 * image is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays
 * {@code src/test/resources/io/lcompress/codec/fuzz/RoundTripFuzzTestInputs/roundTrip/}; see docs/FUZZING.md.
 */
@Timeout(20)
class RoundTripFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void roundTrip(FuzzedDataProvider data) {
        Case c = input(data);
        check(c.image(), c.model());
    }

    /** One fuzz case: the model and the image. */
    record Case(PixelModel model, PngImage image) {
    }

    /** What the data asks for: model first (one in 32: default), then the image. */
    static Case input(FuzzedDataProvider data) {
        PixelModel model = data.consumeInt(0, 31) == 0 ? ModelRegistry.byName("default").orElseThrow()
                : ModelRegistry.fast();
        return new Case(model, FuzzImages.image(data));
    }

    /** The round-trip property for one valid image and model. */
    static void check(PngImage img, PixelModel model) {
        FuzzChecks.roundTripsThroughLc(img, model);
        FuzzChecks.roundTripsThroughPng(img);
    }
}
