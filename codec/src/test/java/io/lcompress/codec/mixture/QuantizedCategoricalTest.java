package io.lcompress.codec.mixture;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuantizedCategoricalTest {
    private static final int T = QuantizedCategorical.TOTAL;

    /** Every symbol >= 1, total exactly 2^20, cumulative strictly increasing from 0 to T. */
    private static void assertValid(QuantizedCategorical q, String what) {
        int n = q.symbols();
        long sum = 0;
        for (int j = 0; j < n; j++) {
            assertTrue(q.frequency(j) >= 1, what + ": symbol " + j + " has frequency " + q.frequency(j));
            sum += q.frequency(j);
        }
        assertEquals(T, sum, what + ": total");
        int[] cum = new int[n + 1];
        q.cumulative(cum);
        assertEquals(0, cum[0]);
        assertEquals(T, cum[n]);
        for (int j = 0; j < n; j++) {
            assertTrue(cum[j] < cum[j + 1], what + ": cumulative at " + j);
        }
    }

    private static Alphabet randomAlphabet(Random r, int size) {
        byte[] mask = new byte[32];
        int placed = 0;
        while (placed < size) {
            int v = r.nextInt(256);
            if ((mask[v >> 3] & (1 << (v & 7))) == 0) {
                mask[v >> 3] |= (byte) (1 << (v & 7));
                placed++;
            }
        }
        return Alphabet.fromMask(mask);
    }

    @Test
    void randomLogitsGiveValidTablesCloseToTheSoftmax() {
        QuantizedCategorical q = new QuantizedCategorical(Elementary.FIXED);
        Random r = new Random(1);
        double[] l = new double[256];
        for (int t = 0; t < 300; t++) {
            double spread = t % 3 == 0 ? 0.1 : (t % 3 == 1 ? 5 : 60);
            for (int k = 0; k < 256; k++) {
                l[k] = r.nextGaussian() * spread;
            }
            q.set(l, Alphabet.FULL);
            assertValid(q, "trial " + t);
            double mx = Double.NEGATIVE_INFINITY;
            for (double v : l) {
                mx = Math.max(mx, v);
            }
            double s = 0;
            for (double v : l) {
                s += Math.exp(v - mx);
            }
            for (int k = 0; k < 256; k++) {
                double expected = 1 + Math.exp(l[k] - mx) / s * (T - 256);
                assertEquals(expected, q.frequency(k), 1.0 + 256, "trial " + t + " symbol " + k);
            }
        }
    }

    @Test
    void restrictedAlphabetsSpreadOverTheirLevelsOnly() {
        QuantizedCategorical q = new QuantizedCategorical(Elementary.FIXED);
        Random r = new Random(2);
        double[] l = new double[256];
        for (int size : new int[]{2, 3, 16, 42, 200, 255, 256}) {
            for (int t = 0; t < 20; t++) {
                Alphabet a = randomAlphabet(r, size);
                for (int k = 0; k < 256; k++) {
                    l[k] = r.nextGaussian() * 20;
                }
                q.set(l, a);
                assertEquals(size, q.symbols());
                assertValid(q, size + " levels, trial " + t);
            }
        }
        // the logits of unused values do not matter
        Alphabet two = Alphabet.fromMask(Alphabet.usedMask(new byte[]{0, (byte) 255}, 1, 0));
        double[] a = new double[256];
        double[] b = new double[256];
        java.util.Arrays.fill(b, 1e5);
        b[0] = 0;
        b[255] = 0;
        int[] ca = new int[3];
        int[] cb = new int[3];
        q.set(a, two).cumulative(ca);
        q.set(b, two).cumulative(cb);
        assertArrayEquals(ca, cb);
        assertEquals(T / 2, ca[1], 1);
    }

    @Test
    void hostileLogitsStillGiveValidTables() {
        QuantizedCategorical q = new QuantizedCategorical(Elementary.FIXED);
        double[][] cases = new double[7][256];
        java.util.Arrays.fill(cases[0], Double.NaN);
        java.util.Arrays.fill(cases[1], Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(cases[2], Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(cases[3], 1e300);
        for (int k = 0; k < 256; k++) {
            cases[4][k] = k % 2 == 0 ? Double.NaN : -1e300;
            cases[5][k] = k % 3 == 0 ? Double.POSITIVE_INFINITY : (k % 3 == 1 ? Double.NaN : 3.0);
            cases[6][k] = k == 77 ? 1e6 : -1e6;   // all the mass on one symbol: the others keep their floor
        }
        for (int i = 0; i < cases.length; i++) {
            q.set(cases[i], Alphabet.FULL);
            assertValid(q, "case " + i);
        }
        assertEquals(T - 255, q.frequency(77));
        assertEquals(1, q.frequency(0));
        java.util.Arrays.fill(cases[0], 0.0);
        q.set(cases[0], Alphabet.FULL);
        for (int k = 0; k < 256; k++) {
            assertEquals(T / 256, q.frequency(k), "uniform logits: uniform table");
        }
    }

    @Test
    void bitsAreMinusLog2OfTheFrequency() {
        QuantizedCategorical q = new QuantizedCategorical(Elementary.FIXED);
        double[] l = new double[256];
        l[10] = 3;
        q.set(l, Alphabet.FULL);
        for (int k : new int[]{0, 10, 255}) {
            assertEquals(20 - Math.log(q.frequency(k)) / Math.log(2), q.bits(k), 1e-12);
        }
    }
}
