package io.lcompress.codec.coding.stage;

import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The calibration map's invariants (monotone, into [0, M]) and the quantizer's with the map installed. */
class CdfCalibrationTest {
    private static LogisticMixture mixture(Random rnd) {
        LogisticMixture m = new LogisticMixture();
        int k = 1 + rnd.nextInt(6);
        for (int i = 0; i < k; i++) {
            m.logit[i] = rnd.nextGaussian() * 3;
            m.mean[i] = rnd.nextDouble() * 300 - 20;
            m.logScale[i] = rnd.nextDouble() * 9 - 6;
        }
        m.setComponents(k);
        return m;
    }

    /** Trains a calibration on a stream of skewed observations through real quantized mixtures. */
    private static CdfCalibration trained(int version, QuantizedMixture q, Alphabet alphabet, int steps, long seed) {
        Random rnd = new Random(seed);
        CdfCalibration cal = new CdfCalibration(version, 3, 5);
        q.setMap(cal);
        for (int i = 0; i < steps; i++) {
            int c = i % 3;
            q.set(mixture(rnd), alphabet);
            cal.begin(c, i % 5, q);
            // values piled near the low tail of each prediction: a miscalibrated model
            int s = rnd.nextInt(4) == 0 ? rnd.nextInt(q.symbols()) : Math.min(q.symbols() - 1, rnd.nextInt(3));
            q.cumulative(s);
            int lo = q.lastSpreadCumulative();
            q.cumulative(s + 1);
            cal.observe(c, lo, q.lastSpreadCumulative(), q.spread());
        }
        return cal;
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {CdfCalibration.VERSION, CdfCalibration.VERSION_2})
    void mapIsNonDecreasingWithinTheSpread(int version) {
        for (int n : new int[]{256, 2, 37}) {
            Alphabet alphabet = n == 256 ? Alphabet.FULL : alphabetOf(n);
            QuantizedMixture q = new QuantizedMixture();
            CdfCalibration cal = trained(version, q, alphabet, 3000, n);
            int spread = q.spread();
            assertEquals(QuantizedMixture.TOTAL - n, spread);
            for (int c = 0; c < 3; c++) {
                cal.begin(c, c + 1, q);
                int previous = 0;
                for (int r = 0; r <= spread; r += (r < 70_000 || r > spread - 70_000) ? 1 : 997) {
                    int g = cal.map(r, spread);
                    assertTrue(g >= previous && g <= spread, "map(" + r + ") = " + g + " after " + previous);
                    previous = g;
                }
                assertTrue(cal.map(spread, spread) <= spread);
            }
        }
    }

    private static Alphabet alphabetOf(int n) {
        byte[] mask = new byte[32];
        for (int v = 0; v < n; v++) {
            int level = v * 7 % 256;
            mask[level >> 3] |= (byte) (1 << (level & 7));
        }
        return Alphabet.fromMask(mask);
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {CdfCalibration.VERSION, CdfCalibration.VERSION_2})
    void everySymbolKeepsAFrequencyAndDecodingFindsIt(int version) {
        Random rnd = new Random(5);
        for (int n : new int[]{256, 2, 37}) {
            Alphabet alphabet = n == 256 ? Alphabet.FULL : alphabetOf(n);
            QuantizedMixture q = new QuantizedMixture();
            CdfCalibration cal = trained(version, q, alphabet, 2000, 11 + n);
            for (int trial = 0; trial < 40; trial++) {
                q.set(mixture(rnd), alphabet);
                cal.begin(trial % 3, trial % 5, q);
                int sum = 0;
                for (int s = 0; s < n; s++) {
                    int f = q.frequency(s);
                    assertTrue(f >= 1, "symbol " + s + " of " + n + " has frequency " + f);
                    sum += f;
                    int target = q.cumulative(s) + rnd.nextInt(f);
                    assertEquals(s, q.symbolFor(target));
                    assertEquals(q.cumulative(s), q.foundLow());
                    assertEquals(q.spreadCumulative(s), q.foundLowSpread());
                    assertEquals(q.spreadCumulative(s + 1), q.foundHighSpread());
                }
                assertEquals(QuantizedMixture.TOTAL, sum);
            }
        }
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {CdfCalibration.VERSION, CdfCalibration.VERSION_2})
    void learnsAMiscalibrationAndCodesItCheaper(int version) {
        // the same skewed stream, coded with and without the map: the map must learn the pile-up
        Random rnd = new Random(9);
        QuantizedMixture plain = new QuantizedMixture();
        QuantizedMixture mapped = new QuantizedMixture();
        CdfCalibration cal = new CdfCalibration(version, 1, 1);
        mapped.setMap(cal);
        double bitsPlain = 0;
        double bitsMapped = 0;
        for (int i = 0; i < 20_000; i++) {
            LogisticMixture m = new LogisticMixture();
            double mean = 40 + rnd.nextInt(170);
            m.logit[0] = 0;
            m.mean[0] = mean;
            m.logScale[0] = 1.5;
            m.setComponents(1);
            // the truth is twice as sharp as the model says
            int s = (int) Math.max(0, Math.min(255, Math.round(mean + rnd.nextGaussian() * 2)));
            plain.set(m);
            mapped.set(m);
            cal.begin(0, 0, mapped);
            bitsPlain += plain.bits(s);
            bitsMapped += mapped.bits(s);
            mapped.cumulative(s);
            int lo = mapped.lastSpreadCumulative();
            mapped.cumulative(s + 1);
            cal.observe(0, lo, mapped.lastSpreadCumulative(), mapped.spread());
        }
        assertTrue(bitsMapped < 0.95 * bitsPlain, bitsMapped + " vs " + bitsPlain);
    }

    /** The two versions are different rules (a file names one by its stage bit), and there is no third. */
    @Test
    void versionsDifferAndOnlyTwoExist() {
        QuantizedMixture q1 = new QuantizedMixture();
        QuantizedMixture q2 = new QuantizedMixture();
        CdfCalibration one = trained(CdfCalibration.VERSION, q1, Alphabet.FULL, 500, 3);
        CdfCalibration two = trained(CdfCalibration.VERSION_2, q2, Alphabet.FULL, 500, 3);
        int spread = q1.spread();
        boolean differ = false;
        for (int r = 0; r <= spread && !differ; r += 4099) {
            differ = one.map(r, spread) != two.map(r, spread);
        }
        assertTrue(differ);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new CdfCalibration(3, 1, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new CdfCalibration(0, 1, 1));
    }

    /**
     * Version 2 halves its sums every few hundred observations of a context, so bins that see nothing for long
     * run empty: one context fed the same value 100,000 times. Every symbol must still keep a frequency of at
     * least 1, the total stay exact, and the search find every symbol.
     */
    @Test
    void version2KeepsEverySymbolCodableAfterLongOneSidedRuns() {
        QuantizedMixture q = new QuantizedMixture();
        CdfCalibration cal = new CdfCalibration(CdfCalibration.VERSION_2, 1, 1);
        q.setMap(cal);
        LogisticMixture m = new LogisticMixture();
        m.logit[0] = 0;
        m.mean[0] = 100;
        m.logScale[0] = 2;
        m.setComponents(1);
        for (int i = 0; i < 100_000; i++) {
            q.set(m);
            cal.begin(0, 0, q);
            q.cumulative(101);
            int lo = q.lastSpreadCumulative();
            q.cumulative(102);
            cal.observe(0, lo, q.lastSpreadCumulative(), q.spread());
        }
        q.set(m);
        cal.begin(0, 0, q);
        int sum = 0;
        int ones = 0;
        for (int s = 0; s < 256; s++) {
            int f = q.frequency(s);
            assertTrue(f >= 1, "symbol " + s + " has frequency " + f);
            ones += f == 1 ? 1 : 0;
            sum += f;
            assertEquals(s, q.symbolFor(q.cumulative(s) + f - 1));
        }
        assertEquals(QuantizedMixture.TOTAL, sum);
        assertTrue(q.frequency(101) > QuantizedMixture.TOTAL / 2, "learned the one value: " + q.frequency(101));
        assertTrue(ones > 100, "the empty bins leave most symbols at the floor: " + ones);
    }
}
