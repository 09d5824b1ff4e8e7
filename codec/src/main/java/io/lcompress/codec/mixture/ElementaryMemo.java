package io.lcompress.codec.mixture;

/**
 * A memo of one {@link Elementary#exp} (or {@link Elementary#log}) for arguments that recur: the scales of
 * the classical models come from a few hundred context means, so the same {@code log} and {@code exp}
 * are asked again and again. Exact by construction: a hit returns what the function returned for an
 * argument with the same bits, and every slot always holds a true pair (all start as the pair of
 * {@code +0.0}). One memo belongs to one predictor or quantizer (one stripe, one thread): it is not
 * thread-safe, and need not be.
 */
public final class ElementaryMemo {
    private static final int BITS = 10;
    private final Elementary fn;
    private final boolean log;
    private final long[] keys = new long[1 << BITS];
    private final double[] values = new double[1 << BITS];

    private ElementaryMemo(Elementary fn, boolean log) {
        this.fn = fn;
        this.log = log;
        java.util.Arrays.fill(values, compute(0.0));   // keys are all the bits of +0.0
    }

    /** A memo of {@code fn.exp}. */
    public static ElementaryMemo exp(Elementary fn) {
        return new ElementaryMemo(fn, false);
    }

    /** A memo of {@code fn.log}. */
    public static ElementaryMemo log(Elementary fn) {
        return new ElementaryMemo(fn, true);
    }

    private double compute(double x) {
        return log ? fn.log(x) : fn.exp(x);
    }

    /** {@code fn.exp(x)} (or {@code fn.log(x)}), bit for bit. */
    public double apply(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int slot = ((int) (bits ^ (bits >>> 32)) * 0x9E3779B9) >>> (32 - BITS);
        if (keys[slot] == bits) {
            return values[slot];
        }
        double v = compute(x);
        keys[slot] = bits;
        values[slot] = v;
        return v;
    }
}
