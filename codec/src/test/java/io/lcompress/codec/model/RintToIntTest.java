package io.lcompress.codec.model;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code FastPixelModel.rintToInt} is {@code (int) StrictMath.rint}, bit for bit: the bias sums of {@code fast}
 * (and so every file coded with it) depend on it.
 */
class RintToIntTest {

    private static void same(double x) {
        assertEquals((int) StrictMath.rint(x), FastPixelModel.rintToInt(x), () -> "x = " + x + " (" + Double.toHexString(x) + ")");
    }

    @Test
    void edgesTiesAndSpecials() {
        double[] xs = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
                1e-300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE, 4503599627370495.5, -4503599627370495.5,
                4503599627370496.0, 9007199254740993.0, 2147483647.4, 2147483647.5, -2147483648.5, -2147483649.0,
                1e10, -1e10, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN};
        for (double x : xs) {
            same(x);
        }
        for (int i = -1000; i <= 1000; i++) {
            same(i);
            same(i + 0.5);
            same(i - 0.5);
            same(Math.nextUp(i + 0.5));
            same(Math.nextDown(i + 0.5));
        }
    }

    @Test
    void randomValuesOfEveryScale() {
        SplittableRandom rnd = new SplittableRandom(2026_12_04);
        for (int i = 0; i < 2_000_000; i++) {
            same((rnd.nextDouble() - 0.5) * 4 * 255);                 // what fast passes: 4 x a bias error
            same(Double.longBitsToDouble(rnd.nextLong()));              // any bits
            same((rnd.nextDouble() - 0.5) * Math.scalb(1.0, rnd.nextInt(64)));
        }
    }
}
