package io.lcompress.codec.mixture;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedElementaryTest {
    private static final Elementary F = Elementary.FIXED;

    private static double ulps(double got, double want) {
        return Math.abs(got - want) / Math.ulp(want);
    }

    @Test
    void expIsWithinTwoUlpOfStrictMath() {
        SplittableRandom r = new SplittableRandom(1);
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double x = i % 2 == 0 ? r.nextDouble(-40, 40) : r.nextDouble(-700, 700);
            double want = StrictMath.exp(x);
            worst = Math.max(worst, ulps(F.exp(x), want));
        }
        assertTrue(worst <= 2, "worst " + worst + " ulp");
    }

    @Test
    void logIsWithinTwoUlpOfStrictMath() {
        SplittableRandom r = new SplittableRandom(2);
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double x = switch (i % 3) {
                case 0 -> r.nextDouble(0.5, 2);
                case 1 -> r.nextDouble(0, 1e4);
                default -> StrictMath.exp(r.nextDouble(-740, 709));
            };
            double want = StrictMath.log(x);
            double got = F.log(x);
            // near x = 1 the result is tiny: bound the absolute error by 2 ulp of 1e-16 scale there
            double err = Math.abs(got - want) / Math.max(Math.ulp(want), Math.ulp(1.0) * 0.25);
            worst = Math.max(worst, err);
        }
        assertTrue(worst <= 2, "worst " + worst + " ulp");
    }

    @Test
    void tanhIsAccurate() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 1_000_000; i++) {
            double x = r.nextDouble(-25, 25);
            assertEquals(StrictMath.tanh(x), F.tanh(x), 4e-16, "tanh(" + x + ")");
        }
    }

    @Test
    void specialValues() {
        assertTrue(Double.isNaN(F.exp(Double.NaN)));
        assertEquals(0.0, F.exp(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, F.exp(-746));
        assertEquals(Double.POSITIVE_INFINITY, F.exp(Double.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, F.exp(710));
        assertEquals(1.0, F.exp(0.0));
        assertEquals(StrictMath.exp(709.778), F.exp(709.778), Math.ulp(StrictMath.exp(709.778)) * 2);
        assertTrue(Double.isFinite(F.exp(709.78)));
        assertEquals(1.0, F.exp(-0.0));
        assertTrue(F.exp(-740) > 0, "subnormal results");
        assertEquals(StrictMath.exp(-740), F.exp(-740), Math.ulp(StrictMath.exp(-740)) * 2);
        assertEquals(0.0, F.log(1.0));
        assertEquals(Double.NEGATIVE_INFINITY, F.log(0.0));
        assertTrue(Double.isNaN(F.log(-1)));
        assertTrue(Double.isNaN(F.log(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, F.log(Double.POSITIVE_INFINITY));
        assertEquals(StrictMath.log(Double.MIN_VALUE), F.log(Double.MIN_VALUE), 1e-12);
        assertEquals(1.0, F.tanh(30));
        assertEquals(-1.0, F.tanh(-30));
        assertEquals(0.0, F.tanh(0.0));
        assertTrue(Double.isNaN(F.tanh(Double.NaN)));
    }

    /** exp is monotone on a dense grid (the coder does not need it, but a broken table would show). */
    @Test
    void expIsMonotoneOnAGrid() {
        double prev = 0;
        for (double x = -60; x < 60; x += 1.0 / 4096) {
            double v = F.exp(x);
            assertTrue(v >= prev, "exp(" + x + ")");
            prev = v;
        }
    }

    /**
     * The exact bits on a fixed set of arguments. Files of revision-2 models depend on every one of
     * these bits: if this changes, old files no longer decode. Never update the constant; add a
     * revision 3 instead.
     */
    @Test
    void bitsArePinned() {
        CRC32 crc = new CRC32();
        SplittableRandom r = new SplittableRandom(20261201);
        for (int i = 0; i < 200_000; i++) {
            double x = r.nextDouble(-750, 750);
            update(crc, F.exp(x));
            update(crc, F.exp(x / 64));
            update(crc, F.log(Math.abs(x) * (i % 7 == 0 ? 1e-300 : 1)));
            update(crc, F.tanh(x / 32));
        }
        assertEquals(PINNED, crc.getValue(), "revision-2 elementary functions changed: old files would not decode");
    }

    private static final long PINNED = 2773586197L;

    private static void update(CRC32 crc, double v) {
        long b = Double.doubleToRawLongBits(v);
        for (int i = 0; i < 8; i++) {
            crc.update((int) (b >>> (8 * i)));
        }
    }
}
