package io.lcompress.codec.arith;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RangeCoderTest {

    /** A static frequency table with power-of-two total. */
    record Table(int[] cum, int bits) {
        static Table of(int[] freq, int bits) {
            int[] cum = new int[freq.length + 1];
            for (int i = 0; i < freq.length; i++) {
                cum[i + 1] = cum[i] + freq[i];
            }
            if (cum[freq.length] != (1 << bits)) {
                throw new IllegalArgumentException("total " + cum[freq.length]);
            }
            return new Table(cum, bits);
        }

        int symbolFor(int target) {
            int s = Arrays.binarySearch(cum, target);
            s = s >= 0 ? s : -s - 2;
            while (cum[s + 1] == cum[s]) {
                s++;
            }
            return s;
        }

        double bits(int s) {
            return bits - Math.log(cum[s + 1] - cum[s]) / Math.log(2);
        }
    }

    /** Random table: every symbol >= 1, the rest spread at random. */
    static Table randomTable(Random rnd, int symbols, int bits) {
        int total = 1 << bits;
        double[] w = new double[symbols];
        double sum = 0;
        for (int i = 0; i < symbols; i++) {
            w[i] = Math.pow(rnd.nextDouble(), 4);
            sum += w[i];
        }
        int[] f = new int[symbols];
        int assigned = 0;
        for (int i = 0; i < symbols; i++) {
            f[i] = 1 + (int) (w[i] / sum * (total - symbols));
            assigned += f[i];
        }
        f[rnd.nextInt(symbols)] += total - assigned;
        return Table.of(f, bits);
    }

    /** Encodes the symbols with per-symbol tables, decodes them, and returns bytes vs ideal bits. */
    static double[] roundTrip(Table[] tables, int[] symbols) {
        RangeEncoder enc = new RangeEncoder();
        double ideal = 0;
        for (int i = 0; i < symbols.length; i++) {
            Table t = tables[i % tables.length];
            int s = symbols[i];
            enc.encode(t.cum[s], t.cum[s + 1] - t.cum[s], t.bits);
            ideal += t.bits(s);
        }
        byte[] out = enc.finish();
        RangeDecoder dec = new RangeDecoder(out);
        int[] decoded = new int[symbols.length];
        for (int i = 0; i < symbols.length; i++) {
            Table t = tables[i % tables.length];
            int s = t.symbolFor(dec.target(t.bits));
            dec.consume(t.cum[s], t.cum[s + 1] - t.cum[s]);
            decoded[i] = s;
        }
        assertArrayEquals(symbols, decoded);
        return new double[]{out.length * 8.0, ideal};
    }

    static int sample(Random rnd, Table t) {
        return t.symbolFor(rnd.nextInt(1 << t.bits));
    }

    @Test
    void randomStreamsUnderRandomDistributions() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            int bits = 1 + rnd.nextInt(RangeEncoder.MAX_TOTAL_BITS);
            int symbols = 1 + rnd.nextInt(Math.min(300, 1 << bits));
            Table[] tables = new Table[1 + rnd.nextInt(5)];
            for (int i = 0; i < tables.length; i++) {
                tables[i] = randomTable(rnd, symbols, bits);
            }
            int[] syms = new int[rnd.nextInt(2000)];
            for (int i = 0; i < syms.length; i++) {
                syms[i] = sample(rnd, tables[i % tables.length]);
            }
            roundTrip(tables, syms);
        }
    }

    @Test
    void frequencyOfOneAgainAndAgain() {
        // the least probable symbol of a 2^24 total, 50 000 times: ~1.2 Mbit of worst-case input
        int[] f = {1, (1 << 24) - 1};
        Table t = Table.of(f, 24);
        int[] syms = new int[50_000];
        double[] r = roundTrip(new Table[]{t}, syms);
        assertTrue(r[0] <= r[1] * 1.0001 + 64, "bits " + r[0] + " ideal " + r[1]);
    }

    @Test
    void nearCertainSymbolsAndLongRuns() {
        int[] f = new int[256];
        Arrays.fill(f, 1);
        f[7] = (1 << 20) - 255;
        Table t = Table.of(f, 20);
        int[] syms = new int[1_000_000];
        Arrays.fill(syms, 7);
        syms[500_000] = 3;      // one surprise in the middle of the run
        double[] r = roundTrip(new Table[]{t}, syms);
        assertTrue(r[0] <= r[1] + 64, "bits " + r[0] + " ideal " + r[1]);
    }

    @Test
    void alternatingExtremes() {
        Random rnd = new Random(5);
        int[] f = {1, (1 << 16) - 2, 1};
        Table t = Table.of(f, 16);
        int[] syms = new int[100_000];
        for (int i = 0; i < syms.length; i++) {
            syms[i] = rnd.nextInt(10) == 0 ? (rnd.nextBoolean() ? 0 : 2) : 1;
        }
        roundTrip(new Table[]{t}, syms);
    }

    @Test
    void overheadOnLongStreamIsBelowOneHundredthOfAPercent() {
        Random rnd = new Random(42);
        Table[] tables = new Table[64];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = randomTable(rnd, 256, 20);
        }
        int[] syms = new int[2_000_000];
        for (int i = 0; i < syms.length; i++) {
            syms[i] = sample(rnd, tables[i % tables.length]);
        }
        double[] r = roundTrip(tables, syms);
        double overhead = r[0] / r[1] - 1;
        System.out.printf("range coder: %.0f bits written, %.1f ideal, overhead %.5f%%%n", r[0], r[1], 100 * overhead);
        assertTrue(overhead < 1e-4, "overhead " + overhead);
    }

    @Test
    void emptyStreamIsEmptyAndSingleSymbolIsTiny() {
        assertEquals(0, new RangeEncoder().finish().length);
        RangeEncoder enc = new RangeEncoder();
        enc.encode(0, 1 << 15, 16);   // one bit
        assertTrue(enc.finish().length <= 1);
    }

    @Test
    void rawBits() {
        Random rnd = new Random(3);
        RangeEncoder enc = new RangeEncoder();
        int[] v = new int[1000];
        int[] b = new int[1000];
        for (int i = 0; i < v.length; i++) {
            b[i] = 1 + rnd.nextInt(16);
            v[i] = rnd.nextInt(1 << b[i]);
            enc.encodeBits(v[i], b[i]);
        }
        RangeDecoder dec = new RangeDecoder(enc.finish());
        for (int i = 0; i < v.length; i++) {
            assertEquals(v[i], dec.decodeBits(b[i]));
        }
    }

    @Test
    void invalidIntervalsAreRejected() {
        RangeEncoder enc = new RangeEncoder();
        assertThrows(IllegalArgumentException.class, () -> enc.encode(0, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> enc.encode(255, 2, 8));
        assertThrows(IllegalArgumentException.class, () -> enc.encode(0, 1, 25));
    }

    @Test
    void garbageInputNeverHangsOrIndexesOutOfBounds() {
        Random rnd = new Random(9);
        int[] f = {1, 1, (1 << 16) - 2};
        Table t = Table.of(f, 16);
        for (int trial = 0; trial < 500; trial++) {
            byte[] junk = new byte[rnd.nextInt(64)];
            rnd.nextBytes(junk);
            RangeDecoder dec = new RangeDecoder(junk);
            try {
                for (int i = 0; i < 10_000; i++) {
                    int s = t.symbolFor(dec.target(16));
                    dec.consume(t.cum[s], t.cum[s + 1] - t.cum[s]);
                }
            } catch (CorruptStreamException expected) {
                // fine: detected
            }
        }
    }
}
