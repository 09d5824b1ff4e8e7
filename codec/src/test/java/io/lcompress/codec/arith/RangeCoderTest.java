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

    /**
     * Format version 3: every stream the encoder writes decodes strictly - read to its last stored byte,
     * at most MAX_ZEROS_PAST_END zeros further - whatever its length, skew or number of trailing zeros.
     */
    @Test
    void strictDecodingAcceptsEveryEncodedStream() {
        Random rnd = new Random(21);
        int maxPast = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int n = trial % 50 == 0 ? 0 : rnd.nextInt(trial % 7 == 0 ? 20_000 : 300);
            Table t = randomTable(rnd, 2 + rnd.nextInt(255), 8 + rnd.nextInt(13));
            int zeroRun = rnd.nextInt(3) == 0 ? n : 0;     // streams ending in runs of the first symbol
            RangeEncoder enc = new RangeEncoder();
            int[] sym = new int[n];
            for (int i = 0; i < n; i++) {
                sym[i] = i >= n - zeroRun ? 0 : t.symbolFor(rnd.nextInt(1 << t.bits));
                enc.encode(t.cum[sym[i]], t.cum[sym[i] + 1] - t.cum[sym[i]], t.bits);
            }
            byte[] out = enc.finish();
            RangeDecoder dec = new RangeDecoder(out, 0, out.length, true);
            for (int i = 0; i < n; i++) {
                int s = t.symbolFor(dec.target(t.bits));
                dec.consume(t.cum[s], t.cum[s + 1] - t.cum[s]);
                assertEquals(sym[i], s);
            }
            dec.checkEnd();
            maxPast = Math.max(maxPast, dec.zerosPastEnd());
        }
        assertEquals(RangeDecoder.MAX_ZEROS_PAST_END, maxPast, "most zeros counted past the end");
    }

    /**
     * A cut payload is corrupt at once when decoding is strict (unless the decoder happens to be
     * exhausted, when the rest is determined); a lenient decoder reads zeros for ever.
     */
    @Test
    void strictDecodingRefusesStreamsThatEndEarly() {
        Random rnd = new Random(13);
        Table t = randomTable(rnd, 50, 12);
        RangeEncoder enc = new RangeEncoder();
        for (int i = 0; i < 2000; i++) {
            int s = t.symbolFor(rnd.nextInt(1 << 12));
            enc.encode(t.cum[s], t.cum[s + 1] - t.cum[s], 12);
        }
        byte[] out = enc.finish();
        byte[] cut = Arrays.copyOf(out, out.length / 2);
        RangeDecoder strict = new RangeDecoder(cut, 0, cut.length, true);
        CorruptStreamException e = assertThrows(CorruptStreamException.class, () -> {
            for (int i = 0; i < 2000; i++) {
                int s = t.symbolFor(strict.target(12));
                strict.consume(t.cum[s], t.cum[s + 1] - t.cum[s]);
            }
        });
        assertTrue(e.getMessage().contains("ends before its last symbol"), e.getMessage());
        RangeDecoder lenient = new RangeDecoder(cut, 0, cut.length, false);   // versions 1 and 2
        for (int i = 0; i < 2000; i++) {
            int s = t.symbolFor(lenient.target(12));
            lenient.consume(t.cum[s], t.cum[s + 1] - t.cum[s]);
        }
        // an empty payload is exhausted from the start: first symbols, no zeros counted, in both modes
        RangeDecoder empty = new RangeDecoder(new byte[0], 0, 0, true);
        assertTrue(empty.exhausted());
        for (int i = 0; i < 1000; i++) {
            int s = t.symbolFor(empty.target(12));
            empty.consume(t.cum[s], t.cum[s + 1] - t.cum[s]);
            assertEquals(0, s);
        }
        assertEquals(0, empty.zerosPastEnd());
    }

    @Test
    void strictDecodingRefusesUnreadBytes() {
        Random rnd = new Random(5);
        Table t = randomTable(rnd, 16, 12);
        RangeEncoder enc = new RangeEncoder();
        for (int i = 0; i < 100; i++) {
            enc.encode(t.cum[3], t.cum[4] - t.cum[3], t.bits);
        }
        byte[] out = enc.finish();
        // bytes the decoder would never reach: a valid stream is read to its end plus dropped zeros
        byte[] longer = Arrays.copyOf(out, out.length + RangeDecoder.MAX_ZEROS_PAST_END + 3);
        Arrays.fill(longer, out.length, longer.length, (byte) 1);
        RangeDecoder dec = new RangeDecoder(longer, 0, longer.length, true);
        for (int i = 0; i < 100; i++) {
            dec.consume(t.cum[t.symbolFor(dec.target(t.bits))], t.cum[4] - t.cum[3]);
        }
        assertThrows(CorruptStreamException.class, dec::checkEnd);
    }

    /** Once exhausted, a stream decodes as first symbols whatever the distributions: what callers skip. */
    @Test
    void exhaustedStreamsDecodeFirstSymbols() {
        Random rnd = new Random(8);
        RangeEncoder enc = new RangeEncoder();
        Table t = randomTable(rnd, 10, 12);
        for (int i = 0; i < 50; i++) {
            int s = t.symbolFor(rnd.nextInt(1 << 12));
            enc.encode(t.cum[s], t.cum[s + 1] - t.cum[s], 12);
        }
        for (int i = 0; i < 5000; i++) {
            enc.encode(0, t.cum[1], 12);
        }
        byte[] out = enc.finish();
        RangeDecoder dec = new RangeDecoder(out, 0, out.length, false);
        int i = 0;
        for (; i < 5050 && !dec.exhausted(); i++) {
            int s = t.symbolFor(dec.target(12));
            dec.consume(t.cum[s], t.cum[s + 1] - t.cum[s]);
        }
        assertTrue(i < 5050, "never exhausted");
        for (int k = 0; k < 200; k++) {
            Table other = randomTable(rnd, 2 + rnd.nextInt(200), 8 + rnd.nextInt(12));
            int s = other.symbolFor(dec.target(other.bits));
            dec.consume(other.cum[s], other.cum[s + 1] - other.cum[s]);
            assertEquals(0, s);
            assertTrue(dec.exhausted());
        }
    }

    /**
     * The strict rule counts only zeros read before exhaustion: a stream ending in a long run of first
     * symbols, every trailing zero stripped, decodes strictly symbol by symbol (no shortcut) to the same
     * symbols and passes checkEnd - although it reads far more than MAX_ZEROS_PAST_END zeros.
     */
    @Test
    void zerosReadAfterExhaustionAreNotCounted() {
        Random rnd = new Random(31);
        Table t = randomTable(rnd, 10, 12);
        RangeEncoder enc = new RangeEncoder();
        int[] sym = new int[5050];
        for (int i = 0; i < sym.length; i++) {
            sym[i] = i < 50 ? t.symbolFor(rnd.nextInt(1 << 12)) : 0;
            enc.encode(t.cum[sym[i]], t.cum[sym[i] + 1] - t.cum[sym[i]], 12);
        }
        byte[] out = enc.finish();
        int end = out.length;
        while (end > 0 && out[end - 1] == 0) {
            end--;
        }
        assertTrue(out.length - end > RangeDecoder.MAX_ZEROS_PAST_END, (out.length - end) + " zeros stripped");
        RangeDecoder dec = new RangeDecoder(out, 0, end, true);
        for (int i = 0; i < sym.length; i++) {
            int s = t.symbolFor(dec.target(12));
            dec.consume(t.cum[s], t.cum[s + 1] - t.cum[s]);
            assertEquals(sym[i], s, "symbol " + i);
        }
        dec.checkEnd();
        assertTrue(dec.exhausted());
        assertTrue(dec.zerosPastEnd() <= RangeDecoder.MAX_ZEROS_PAST_END);
    }
}
