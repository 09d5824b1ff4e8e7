package io.lcompress.codec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the PNG reader with arbitrary bytes: {@code PngIO.read(bytes)} must give an image or throw
 * {@code PngIO.UnsupportedImageException}; an image it gives must then encode with the fast model and
 * decode to identical samples, palette, colour type, bit depth and interlacing.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the seeds, malformed PNGs and round-trip reproducers in
 * {@code src/test/resources/io/lcompress/codec/fuzz/PngReaderFuzzTestInputs/readPng/}; see docs/FUZZING.md.
 */
@Timeout(10)
class PngReaderFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void readPng(byte[] png) {
        FuzzChecks.readOrReject(png);
    }
}
