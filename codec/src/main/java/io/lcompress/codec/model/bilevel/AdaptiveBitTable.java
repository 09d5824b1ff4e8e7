package io.lcompress.codec.model.bilevel;

import io.lcompress.codec.mixture.Elementary;

/**
 * An adaptive table of bit probabilities, one per context (the JBIG idea with a count-driven rate), in
 * integer arithmetic only.
 *
 * <p>Entry {@code i} holds {@code p}, P(bit = 1) in units of {@code 2^-16}, starting at {@code 2^15}, and a
 * count {@code n}, starting at 0. After bit y is seen in context i:
 * {@code p += ((y << 16) - p) * RATE[n] >> 16} (arithmetic shift, i.e. floor) with
 * {@code RATE[n] = floor(65536 / (n + 1.5) + 0.5)}, then p is clamped to {@code [32, 65504]} and
 * {@code n = min(n + 1, limit)}: an average of the bits seen while few were, an exponential average of
 * rate {@code 1 / (limit + 1.5)} after that.
 *
 * <p>{@link #stretch} maps p to the logit domain through a table of 4096 values,
 * {@code STRETCH[j] = log(q / (1 - q))} with {@code q = (j + 0.5) / 4096}, {@code j = p >> 4}, computed with
 * the fixed-sequence {@link Elementary#FIXED} log (identical on every JVM).
 */
final class AdaptiveBitTable {
    static final int ONE = 1 << 16;
    private static final int MIN_P = 32;
    private static final int MAX_P = ONE - 32;
    private static final int MAX_LIMIT = 1023;
    private static final int[] RATE = new int[MAX_LIMIT + 1];
    private static final double[] STRETCH = new double[4096];

    static {
        for (int n = 0; n <= MAX_LIMIT; n++) {
            RATE[n] = (int) StrictMath.floor(65536.0 / (n + 1.5) + 0.5);
        }
        for (int j = 0; j < 4096; j++) {
            double q = (j + 0.5) / 4096;
            STRETCH[j] = Elementary.FIXED.log(q / (1 - q));
        }
    }

    private final int limit;
    // dense storage (p stored as p ^ 2^15, so that a fresh array holds the starting 2^15), or, for tables
    // much larger than the updates they can see, an open-addressing map from context to entry: the same
    // values either way, with work and memory bounded by the pixels coded rather than by the table size
    private final char[] p;
    private final short[] n;
    private final int[] keys;       // sparse: context + 1, 0 = empty
    private final int mask;

    /** A table of {@code size} contexts whose counts stop at {@code limit} (1..1023). */
    AdaptiveBitTable(int size, int limit) {
        this(size, limit, Integer.MAX_VALUE);
    }

    /**
     * As above, for at most {@code updates} calls of {@link #update}: when that is far below {@code size}
     * the entries live in a map of about {@code 2 * updates} slots instead of {@code size}.
     */
    AdaptiveBitTable(int size, int limit, int updates) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit);
        }
        this.limit = limit;
        if ((long) updates * 8 < size) {
            int slots = Integer.highestOneBit(Math.max(16, updates * 2 - 1)) << 1;
            keys = new int[slots];
            mask = slots - 1;
            p = new char[slots];
            n = new short[slots];
        } else {
            keys = null;
            mask = 0;
            p = new char[size];
            n = new short[size];
        }
    }

    /** Entries allocated: the table's size, or the sparse map's slots. */
    int slots() {
        return p.length;
    }

    /** The slot of context i (dense: i itself; sparse: its slot, or -1 when absent and not to be added). */
    private int slot(int i, boolean add) {
        if (keys == null) {
            return i;
        }
        int h = (i * 0x9E3779B1) >>> 7 & mask;
        while (true) {
            int k = keys[h];
            if (k == i + 1) {
                return h;
            }
            if (k == 0) {
                if (!add) {
                    return -1;
                }
                keys[h] = i + 1;
                return h;
            }
            h = h + 1 & mask;
        }
    }

    private int pAt(int slot) {
        return slot < 0 ? ONE >> 1 : p[slot] ^ (ONE >> 1);
    }

    /** How many bits context i has seen, up to the limit. */
    int count(int i) {
        int s = slot(i, false);
        return s < 0 ? 0 : n[s];
    }

    /** The logit of context i's probability, from the stretch table. */
    double stretch(int i) {
        return STRETCH[pAt(slot(i, false)) >> 4];
    }

    /** Learns bit y (0 or 1) in context i. */
    void update(int i, int y) {
        int s = slot(i, true);
        int pi = pAt(s);
        int ni = n[s];
        pi += ((y << 16) - pi) * RATE[ni] >> 16;
        p[s] = (char) ((pi < MIN_P ? MIN_P : pi > MAX_P ? MAX_P : pi) ^ (ONE >> 1));
        if (ni < limit) {
            n[s] = (short) (ni + 1);
        }
    }
}
