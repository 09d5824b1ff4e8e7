package io.lcompress.codec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

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

    /**
     * The same with the header checksum repaired after mutation, so that mutations of the header's
     * fields reach the decoder instead of failing the CRC-32C (which libFuzzer rarely fixes itself).
     */
    @FuzzTest(maxDuration = "2m")
    void decodeWithValidHeaderChecksum(byte[] file) {
        try {
            int[] check = LcFormat.headerCheck(file);
            CRC32C crc = new CRC32C();
            crc.update(file, 0, check[0]);
            int value = (int) crc.getValue();
            if (check[1] == 4) {
                ByteBuffer.wrap(file).putInt(check[0], value);           // versions 1 to 3: the whole CRC-32C
            } else {
                file[check[0]] = (byte) value;                           // version 4: its low byte
            }
        } catch (FormatException e) {
            // not even a header: decoded as it is (and refused)
        }
        FuzzChecks.decodeOrReject(file);
    }
}
