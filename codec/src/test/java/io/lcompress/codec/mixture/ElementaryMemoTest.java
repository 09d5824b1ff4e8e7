package io.lcompress.codec.mixture;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ElementaryMemoTest {
    private static final Elementary[] BOTH = {Elementary.STRICT, Elementary.FIXED};

    /** Recurring and fresh arguments, colliding slots, signed zeros, NaN and infinities: always the function's bits. */
    @Test
    void everyAnswerHasTheFunctionsBits() {
        for (Elementary fn : BOTH) {
            ElementaryMemo exp = ElementaryMemo.exp(fn);
            ElementaryMemo log = ElementaryMemo.log(fn);
            SplittableRandom r = new SplittableRandom(7);
            double[] recurring = new double[300];
            for (int i = 0; i < recurring.length; i++) {
                recurring[i] = r.nextDouble(-8, 8);
            }
            double[] special = {0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY,
                    Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -745.3, 709.9};
            for (int i = 0; i < 200_000; i++) {
                double x = switch (i % 3) {
                    case 0 -> recurring[r.nextInt(recurring.length)];
                    case 1 -> special[r.nextInt(special.length)];
                    default -> r.nextDouble(-700, 700);
                };
                assertEquals(Double.doubleToRawLongBits(fn.exp(x)), Double.doubleToRawLongBits(exp.apply(x)),
                        fn + " exp(" + x + ")");
                double y = Math.abs(x);
                assertEquals(Double.doubleToRawLongBits(fn.log(y)), Double.doubleToRawLongBits(log.apply(y)),
                        fn + " log(" + y + ")");
            }
        }
    }

    /** The shortcuts of the softmaxes (QuantizedMixture, LeanMixedPixelModel) rely on these exact values. */
    @Test
    void expOfZeroIsOneAndLogOfOneIsPositiveZero() {
        for (Elementary fn : BOTH) {
            assertEquals(Double.doubleToRawLongBits(1.0), Double.doubleToRawLongBits(fn.exp(0.0)), fn.toString());
            assertEquals(Double.doubleToRawLongBits(1.0), Double.doubleToRawLongBits(fn.exp(-0.0)), fn.toString());
            assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(fn.log(1.0)), fn.toString());
        }
    }
}
