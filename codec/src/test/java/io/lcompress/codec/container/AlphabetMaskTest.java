package io.lcompress.codec.container;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Version 4's alphabet masks: both forms round-trip, a range of values costs a few bytes. */
class AlphabetMaskTest {
    private static byte[] mask(int from, int to) {
        byte[] m = new byte[32];
        for (int v = from; v <= to; v++) {
            m[v >>> 3] |= (byte) (1 << (v & 7));
        }
        return m;
    }

    private static byte[] roundTrip(byte[] mask, int expectedBytes) throws FormatException {
        HeaderWriter w = new HeaderWriter();
        ModelPlane.writeMask(w, mask);
        byte[] b = w.toByteArray();
        if (expectedBytes > 0) {
            assertEquals(expectedBytes, b.length);
        }
        HeaderReader r = new HeaderReader(b, 0, b.length);
        byte[] back = ModelPlane.readMask(r);
        assertEquals(0, r.remaining());
        return back;
    }

    @Test
    void rangesCostTheirRuns() throws FormatException {
        assertArrayEquals(mask(3, 250), roundTrip(mask(3, 250), 4));     // form, absent 3, present 248, absent 5
        assertArrayEquals(mask(0, 254), roundTrip(mask(0, 254), 4));
        assertArrayEquals(mask(0, 255), roundTrip(mask(0, 255), 3));
        assertArrayEquals(mask(255, 255), roundTrip(mask(255, 255), 3));
        byte[] alternate = new byte[32];
        java.util.Arrays.fill(alternate, (byte) 0x55);
        assertArrayEquals(alternate, roundTrip(alternate, 33));           // 256 runs: the bits are shorter
    }

    @Test
    void randomMasksRoundTrip() throws FormatException {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] m = new byte[32];
            int density = 1 + random.nextInt(100);
            for (int v = 0; v < 256; v++) {
                if (random.nextInt(100) < density) {
                    m[v >>> 3] |= (byte) (1 << (v & 7));
                }
            }
            if (LcFormat.isEmpty(m)) {
                continue;
            }
            assertArrayEquals(m, roundTrip(m, 0));
        }
    }

    @Test
    void badMasksAreRefused() {
        byte[][] bad = {{2}, {1, (byte) 200, (byte) 100}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {1, 10}};
        for (byte[] b : bad) {
            assertThrows(FormatException.class, () -> ModelPlane.readMask(new HeaderReader(b, 0, b.length)));
        }
    }
}
