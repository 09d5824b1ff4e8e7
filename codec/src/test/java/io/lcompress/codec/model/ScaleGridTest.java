package io.lcompress.codec.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fast2}'s scale grid ({@code FastPixelModel.gridLogScale}): the log of the midpoint of the scale's cell
 * (64 an octave), never farther from the scale's own log than the cell is wide, non-decreasing, and the last
 * cell for every scale beyond 2^16 (and NaN).
 */
class ScaleGridTest {
    private static final double CELL = StrictMath.log(1 + 1.0 / 64);

    /** The midpoint of the cell of s, from its bits: sign, exponent and 6 bits of mantissa kept, then half a cell. */
    private static double midpoint(double s) {
        long bits = Double.doubleToRawLongBits(s) & ~((1L << 46) - 1);
        return Double.longBitsToDouble(bits | 1L << 45);
    }

    @Test
    void logOfTheCellMidpointWithinACell() {
        SplittableRandom rnd = new SplittableRandom(2026_12_04);
        for (int i = 0; i < 1_000_000; i++) {
            double s = 0.08 * StrictMath.pow(2, rnd.nextDouble() * 19.6);     // 0.08 .. 2^16
            if (s >= 65536) {
                continue;
            }
            double g = FastPixelModel.gridLogScale(s);
            assertEquals(StrictMath.log(midpoint(s)), g, 0.0, () -> "s = " + s);
            assertTrue(Math.abs(g - StrictMath.log(s)) <= CELL, () -> "s = " + s);
        }
    }

    @Test
    void nonDecreasingFromTheSmallestScaleOn() {
        double last = Double.NEGATIVE_INFINITY;
        for (double s = 0.08; s < 1e6; s = s * 1.001 + 1e-9) {
            double g = FastPixelModel.gridLogScale(s);
            assertTrue(g >= last, "s = " + s);
            last = g;
        }
        assertEquals(FastPixelModel.gridLogScale(0.08), StrictMath.log(midpoint(0.08)), 0.0);
    }

    @Test
    void hugeAndNaNScalesTakeTheLastCell() {
        double top = FastPixelModel.gridLogScale(65536);
        assertEquals(StrictMath.log(midpoint(65536)), top, 0.0);
        assertEquals(top, FastPixelModel.gridLogScale(1e300), 0.0);
        assertEquals(top, FastPixelModel.gridLogScale(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(top, FastPixelModel.gridLogScale(Double.NaN), 0.0);
        assertTrue(top < FastPixelModel.gridLogScale(65535.9) + 2 * CELL);
    }
}
