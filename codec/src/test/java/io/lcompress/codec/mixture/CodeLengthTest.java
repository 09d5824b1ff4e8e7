package io.lcompress.codec.mixture;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CodeLengthTest {
    /** The product form agrees with the sum of per-symbol logarithms it replaces. */
    @Test
    void agreesWithTheSumOfLogarithms() {
        SplittableRandom random = new SplittableRandom(7);
        CodeLength length = new CodeLength();
        double sum = 0;
        for (int i = 0; i < 1_000_003; i++) {
            // the extremes (1 and 2^20) and everything between, skewed to small frequencies as in coding
            int f = switch (i % 5) {
                case 0 -> 1;
                case 1 -> QuantizedMixture.TOTAL;
                default -> 1 + (int) (QuantizedMixture.TOTAL * Math.pow(random.nextDouble(), 4) - 1e-9);
            };
            length.add(f);
            sum += QuantizedMixture.bitsOfFrequency(f);
            if (i == 30 || i == 31 || i == 32 || i == 1000) {
                assertEquals(sum, length.bits(), 1e-9 * Math.max(1, sum), "after " + (i + 1) + " symbols");
            }
        }
        assertEquals(sum, length.bits(), 1e-9 * sum);
    }

    @Test
    void emptyIsZeroAndCertainSymbolsCostNothing() {
        CodeLength length = new CodeLength();
        assertEquals(0.0, length.bits());
        for (int i = 0; i < 100; i++) {
            length.add(QuantizedMixture.TOTAL);
        }
        assertEquals(0.0, length.bits(), 1e-12);
        length.add(1);
        assertEquals(QuantizedMixture.TOTAL_BITS, length.bits(), 1e-12);
    }
}
