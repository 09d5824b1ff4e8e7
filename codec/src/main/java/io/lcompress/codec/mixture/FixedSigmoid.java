package io.lcompress.codec.mixture;

/**
 * The logistic function {@code 1 / (1 + e^-t)} in fixed point, identical on every JVM and CPU and
 * <b>monotone by construction</b>.
 *
 * <p>Values are integers in {@code [0, ONE]} with {@code ONE = 2^23}. A table holds the function at
 * nodes {@code t = -16 + j/64}, {@code j = 0..2048}, computed once with {@code StrictMath.exp}
 * (fdlibm, bit-identical everywhere), rounded, forced non-decreasing, with the end nodes set to exactly
 * 0 and ONE. Between nodes it interpolates linearly in integer arithmetic:
 * {@code S[i] + ((S[i+1] - S[i]) * f >> 12)} with {@code 0 <= f < 4096}, which is non-decreasing in f
 * and never exceeds {@code S[i+1]}; the argument is mapped to {@code u = floor(t * 2^18)}, a
 * non-decreasing function of t. A composition of non-decreasing steps is non-decreasing, so
 * {@code t1 <= t2} implies {@code sigmoid(t1) <= sigmoid(t2)} exactly - the property that keeps every
 * cumulative frequency monotone. Outside [-16, 16] the value is 0 or ONE.
 *
 * <p>Accuracy: below 5e-6 (interpolation h^2/8 * max|s''| with h = 1/64, argument steps of 2^-18,
 * table rounding 2^-24). Node differences are below 2^17, so {@code diff * f < 2^29} fits an int.
 */
public final class FixedSigmoid {
    public static final int ONE_BITS = 23;
    public static final int ONE = 1 << ONE_BITS;
    static final int NODES_PER_UNIT_BITS = 6;      // 64 nodes per unit of t
    static final int FRACTION_BITS = 12;           // 4096 interpolation steps between nodes
    static final int RANGE = 16;                    // table covers [-RANGE, RANGE]
    private static final int SCALE = 1 << (NODES_PER_UNIT_BITS + FRACTION_BITS);  // u per unit of t
    private static final long U_MAX = (long) RANGE * SCALE * 2;                   // u offset range
    private static final int[] TABLE = buildTable();

    private FixedSigmoid() {
    }

    private static int[] buildTable() {
        int nodes = 2 * RANGE * (1 << NODES_PER_UNIT_BITS) + 1;
        int[] t = new int[nodes + 1];               // one extra node so i+1 is always valid
        for (int j = 0; j < nodes; j++) {
            double x = -RANGE + (double) j / (1 << NODES_PER_UNIT_BITS);
            double s = 1.0 / (1.0 + StrictMath.exp(-x));
            t[j] = (int) StrictMath.floor(s * ONE + 0.5);
        }
        t[0] = 0;
        t[nodes - 1] = ONE;
        t[nodes] = ONE;
        for (int j = 1; j <= nodes; j++) {
            if (t[j] < t[j - 1]) {
                t[j] = t[j - 1];
            }
        }
        return t;
    }

    /** sigmoid(t) * 2^23, rounded by interpolation; NaN maps to 0 (callers sanitize before). */
    public static int apply(double t) {
        double scaled = t * SCALE + (double) RANGE * SCALE;   // u + offset, still monotone in t
        long u;
        if (!(scaled > 0)) {
            return 0;
        } else if (scaled >= U_MAX) {
            return ONE;
        } else {
            u = (long) scaled;                                  // floor for positive values
        }
        int i = (int) (u >>> FRACTION_BITS);
        int f = (int) (u & ((1 << FRACTION_BITS) - 1));
        int a = TABLE[i];
        return a + (((TABLE[i + 1] - a) * f) >> FRACTION_BITS);
    }
}
