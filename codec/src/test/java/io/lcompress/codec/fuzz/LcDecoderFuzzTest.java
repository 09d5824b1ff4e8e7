package io.lcompress.codec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the .lc decoder with arbitrary bytes: {@code LcCodec.decode(bytes, null, 1)} must give an
 * image or throw {@code FormatException}. Any other exception, an {@link OutOfMemoryError} (the tests
 * run with -Xmx2g) or an input that runs longer than the timeout is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ} this replays the seeds and regression inputs in
 * {@code src/test/resources/io/lcompress/codec/fuzz/LcDecoderFuzzTestInputs/decode/}; see docs/FUZZING.md.
 * The {@code @Timeout} bounds every regression input and is Jazzer's per-input {@code -timeout} when
 * fuzzing (the {@code jazzer-fuzz} Maven profile disables JUnit's own timeout for the campaign).
 */
@Timeout(10)
class LcDecoderFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void decode(byte[] file) {
        FuzzChecks.decodeOrReject(file);
    }
}
