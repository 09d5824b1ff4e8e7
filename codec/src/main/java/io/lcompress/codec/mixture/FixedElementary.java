package io.lcompress.codec.mixture;

/**
 * {@code exp}, {@code log} and {@code tanh} as fixed sequences of IEEE double {@code + - * /} over
 * constant tables: the same bits on every JVM and CPU by construction (Java arithmetic is strict and
 * never fused), and about five times cheaper than {@code StrictMath}. Accuracy: within 2 ulp of the
 * true value for exp and log on normal results (checked against {@code StrictMath} in the tests);
 * tanh within 4e-16 absolute. {@link Elementary#FIXED}, revision 2.
 *
 * <h2>exp(x)</h2>
 * {@code n = round(x * 64 / ln 2)} (ties up), {@code r = (x - n * C1) - n * C2} with {@code C1 + C2 = ln2/64}
 * and {@code C1} holding 32 significant bits (so {@code n * C1} is exact for |n| < 2^21), hence
 * {@code |r| <= ln2/128}; {@code p = 1 + r(1 + r(1/2 + r(1/6 + r(1/24 + r/120))))} (Horner, in this
 * order); result {@code TWO_J[n mod 64] * p} times {@code 2^(n div 64)}, applied as one or two
 * multiplications by powers of two ({@code 2^(e-1)} then 2 when {@code e = 1024}). {@code TWO_J[j] = 2^(j/64)} is computed once with
 * {@code StrictMath.pow} (fdlibm, identical everywhere). NaN gives NaN, {@code x > 709.78} +infinity,
 * {@code x < -745.2} zero.
 *
 * <h2>log(x)</h2>
 * {@code x = m 2^e} with {@code m} in {@code [sqrt(1/2), sqrt(2))} (subnormals scaled by 2^54 first);
 * {@code s = (m - 1) / (m + 1)}, {@code |s| <= 0.1716}; {@code log m = 2s(1 + z/3 + z^2/5 + ... + z^10/21)}
 * with {@code z = s*s} (Horner); result {@code e * LN2_HI + (log m + e * LN2_LO)}. NaN and negative
 * values give NaN, zero -infinity, +infinity itself.
 *
 * <h2>tanh(x)</h2>
 * {@code |x| >= 20}: sign(x). Otherwise {@code t = 1 - 2 / (exp(2|x|) + 1)} with the exp above, and the
 * sign of x. NaN gives NaN.
 */
public final class FixedElementary implements Elementary {
    private static final double INV_LN2_64 = 64 / 0.6931471805599453;
    /** ln2/64 split: C1 has its low 21 bits of mantissa zero, C2 the rest. */
    private static final double C1;
    private static final double C2;
    private static final double[] TWO_J = new double[64];
    private static final double LN2_HI;
    private static final double LN2_LO;
    private static final double SQRT_HALF = 0.7071067811865476;

    static {
        double ln2_64 = 0.6931471805599453 / 64;
        C1 = Double.longBitsToDouble(Double.doubleToRawLongBits(ln2_64) & ~((1L << 21) - 1));
        // ln 2 / 64 to more than double precision: ln2 = 0.693147180559945309417232121458...
        C2 = (0.6931471805599453 / 64 - C1) + 2.3190468138462996e-17 / 64;
        for (int j = 0; j < 64; j++) {
            TWO_J[j] = StrictMath.pow(2.0, j / 64.0);
        }
        LN2_HI = Double.longBitsToDouble(Double.doubleToRawLongBits(0.6931471805599453) & ~((1L << 21) - 1));
        LN2_LO = (0.6931471805599453 - LN2_HI) + 2.3190468138462996e-17;
    }

    FixedElementary() {
    }

    @Override
    public double exp(double x) {
        if (!(x > -745.2)) {
            return x != x ? x : 0.0;              // NaN stays NaN; far left underflows to 0
        }
        if (x > 709.78) {
            return Double.POSITIVE_INFINITY;
        }
        double t = x * INV_LN2_64 + 0.5;
        long n = (long) t;
        if (t < n) {
            n--;                                    // floor for negative t
        }
        double r = (x - n * C1) - n * C2;
        double p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120)))));
        double v = TWO_J[(int) (n & 63)] * p;
        long e = n >> 6;                            // floor division by 64
        if (e > 1023) {                             // x just below 709.78: 2^1024 is not a double
            return (v * Double.longBitsToDouble((e - 1 + 1023) << 52)) * 2.0;
        }
        if (e >= -1022) {
            return v * Double.longBitsToDouble((e + 1023) << 52);
        }
        // subnormal result: two exact steps, the second one rounding once
        return (v * Double.longBitsToDouble((e + 1023 + 600) << 52)) * 0x1p-600;
    }

    @Override
    public double log(double x) {
        if (!(x > 0)) {
            return x == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return x;
        }
        int extra = 0;
        if (x < Double.MIN_NORMAL) {
            x *= 0x1p54;
            extra = -54;
        }
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) (bits >>> 52) - 1023 + extra;
        double m = Double.longBitsToDouble((bits & 0x000FFFFFFFFFFFFFL) | 0x3FF0000000000000L);   // [1, 2)
        if (m >= 2 * SQRT_HALF) {
            m = m * 0.5;
            e++;
        }
        double s = (m - 1) / (m + 1);
        double z = s * s;
        double series = 1 + z * (1.0 / 3 + z * (1.0 / 5 + z * (1.0 / 7 + z * (1.0 / 9 + z * (1.0 / 11
                + z * (1.0 / 13 + z * (1.0 / 15 + z * (1.0 / 17 + z * (1.0 / 19 + z * (1.0 / 21))))))))));
        double logM = 2 * s * series;
        return e * LN2_HI + (logM + e * LN2_LO);
    }

    @Override
    public double tanh(double x) {
        if (x != x) {
            return x;
        }
        double a = x < 0 ? -x : x;
        double t = a >= 20 ? 1.0 : 1 - 2 / (exp(2 * a) + 1);
        return x < 0 ? -t : t;
    }

    @Override
    public int revision() {
        return 2;
    }

    @Override
    public String toString() {
        return "fixed-sequence";
    }
}
