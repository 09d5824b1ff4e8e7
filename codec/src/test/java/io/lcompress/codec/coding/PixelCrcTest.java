package io.lcompress.codec.coding;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PixelCrcTest {
    @Test
    void blockwiseCrcEqualsTheCrcOfHighThenLowBytes() {
        Random rnd = new Random(4);
        for (int trial = 0; trial < 200; trial++) {
            byte[] hi = new byte[rnd.nextInt(3000)];
            byte[] lo = new byte[trial % 3 == 0 ? 0 : rnd.nextInt(3000)];
            rnd.nextBytes(hi);
            rnd.nextBytes(lo);
            CRC32C whole = new CRC32C();
            whole.update(hi);
            whole.update(lo);
            PixelCrc crc = new PixelCrc();
            int cut = hi.length == 0 ? 0 : rnd.nextInt(hi.length);
            crc.updateHigh(java.util.Arrays.copyOf(hi, cut));
            int cutLow = lo.length == 0 ? 0 : rnd.nextInt(lo.length);
            crc.updateLow(java.util.Arrays.copyOf(lo, cutLow));
            crc.updateHigh(java.util.Arrays.copyOfRange(hi, cut, hi.length));
            crc.updateLow(java.util.Arrays.copyOfRange(lo, cutLow, lo.length));
            assertEquals((int) whole.getValue(), crc.value(), "trial " + trial);
        }
    }
}
