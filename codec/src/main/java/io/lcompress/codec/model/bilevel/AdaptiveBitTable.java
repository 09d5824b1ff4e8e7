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

    private final char[] p;
    private final short[] n;
    private final int limit;

    /** A table of {@code size} contexts whose counts stop at {@code limit} (1..1023). */
    AdaptiveBitTable(int size, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit);
        }
        this.p = new char[size];
        this.n = new short[size];
        this.limit = limit;
        java.util.Arrays.fill(p, (char) (ONE >> 1));
    }

    /** P(bit = 1) of context i, in units of 2^-16. */
    int p(int i) {
        return p[i];
    }

    /** How many bits context i has seen, up to the limit. */
    int count(int i) {
        return n[i];
    }

    /** The logit of context i's probability, from the stretch table. */
    double stretch(int i) {
        return STRETCH[p[i] >> 4];
    }

    /** Learns bit y (0 or 1) in context i. */
    void update(int i, int y) {
        int pi = p[i];
        int ni = n[i];
        pi += ((y << 16) - pi) * RATE[ni] >> 16;
        p[i] = (char) (pi < MIN_P ? MIN_P : pi > MAX_P ? MAX_P : pi);
        if (ni < limit) {
            n[i] = (short) (ni + 1);
        }
    }
}
