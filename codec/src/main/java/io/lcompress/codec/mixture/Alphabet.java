package io.lcompress.codec.mixture;

import java.util.Arrays;

/**
 * The sample values a channel can take: all 256, or a subset signalled in the file (e.g. the 16 levels
 * of a 4-bit grey image scaled to 8 bits, or the 42 levels a quantized photo actually uses).
 *
 * <p>With levels {@code v_0 < v_1 < ... < v_{n-1}}, symbol {@code j} stands for {@code v_j} and owns
 * the real interval between the midpoints to its neighbours: boundaries {@code B_0 = -inf},
 * {@code B_j = (v_{j-1} + v_j) / 2}, {@code B_n = +inf}. For the full alphabet these are the
 * PixelCNN++ bins [x - 0.5, x + 0.5] with folded tails. The model's probability mass of unused values
 * is thus given to the nearest used ones instead of being wasted.
 */
public final class Alphabet {
    public static final Alphabet FULL = full();

    private final int[] levels;
    private final double[] boundaries;   // n + 1 entries; the first and last are never evaluated
    private final int[] symbolOf;        // value -> symbol index, -1 when not in the alphabet

    private Alphabet(int[] levels) {
        this.levels = levels;
        int n = levels.length;
        boundaries = new double[n + 1];
        boundaries[0] = Double.NEGATIVE_INFINITY;
        boundaries[n] = Double.POSITIVE_INFINITY;
        for (int j = 1; j < n; j++) {
            boundaries[j] = (levels[j - 1] + levels[j]) * 0.5;
        }
        symbolOf = new int[256];
        Arrays.fill(symbolOf, -1);
        for (int j = 0; j < n; j++) {
            symbolOf[levels[j]] = j;
        }
    }

    private static Alphabet full() {
        int[] l = new int[256];
        for (int i = 0; i < 256; i++) {
            l[i] = i;
        }
        return new Alphabet(l);
    }

    /** The alphabet of the values whose bit is set in the 256-bit mask (32 bytes, bit v%8 of byte v/8). */
    public static Alphabet fromMask(byte[] mask) {
        if (mask.length != 32) {
            throw new IllegalArgumentException("mask must have 32 bytes");
        }
        int n = 0;
        int[] tmp = new int[256];
        for (int v = 0; v < 256; v++) {
            if ((mask[v >> 3] >> (v & 7) & 1) != 0) {
                tmp[n++] = v;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("empty alphabet");
        }
        return n == 256 ? FULL : new Alphabet(Arrays.copyOf(tmp, n));
    }

    /** The values present in channel {@code c} of interleaved samples. */
    public static byte[] usedMask(byte[] samples, int channels, int c) {
        byte[] mask = new byte[32];
        for (int i = c; i < samples.length; i += channels) {
            int v = samples[i] & 0xFF;
            mask[v >> 3] |= (byte) (1 << (v & 7));
        }
        return mask;
    }

    public byte[] mask() {
        byte[] mask = new byte[32];
        for (int v : levels) {
            mask[v >> 3] |= (byte) (1 << (v & 7));
        }
        return mask;
    }

    public int size() {
        return levels.length;
    }

    public boolean isFull() {
        return levels.length == 256;
    }

    public int level(int symbol) {
        return levels[symbol];
    }

    /** Symbol index of {@code value}, or -1 when the value is not in the alphabet. */
    public int symbolOf(int value) {
        return symbolOf[value];
    }

    /** Lower boundary of symbol j (for 1 <= j < size). */
    double boundary(int j) {
        return boundaries[j];
    }
}
