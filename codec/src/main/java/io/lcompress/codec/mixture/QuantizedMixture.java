package io.lcompress.codec.mixture;

/**
 * A {@link LogisticMixture} turned into integer frequencies over the 256 sample values: the exact
 * distribution the arithmetic coder uses, and therefore the exact distribution whose {@code -log2 P}
 * {@code eval} reports.
 *
 * <h2>Definition</h2>
 * Total {@code T = 2^20}. Each of the 256 symbols first gets frequency 1 (the floor); the remaining
 * {@code M = T - 256} are spread by the mixture CDF. With integer weights {@code w_k} summing to
 * {@code 2^15} and {@code F(b) = sum_k w_k * sigmoid_fixed((b - 0.5 - mean_k) / scale_k)} for the bin
 * boundary {@code b - 0.5}, {@code b = 1..255} (see {@link FixedSigmoid}), the cumulative frequency is
 * <pre>
 *   C(0) = 0,   C(b) = b + floor(F(b) * M / 2^38)  (1 <= b <= 255),   C(256) = T
 * </pre>
 * and symbol {@code s} has frequency {@code C(s+1) - C(s)}. Bin 0 thus holds the whole left tail and
 * bin 255 the whole right tail (PixelCNN++). In real terms {@code P(s) ~= (1 + M * P_mix(s)) / T}.
 *
 * <h2>Why every frequency is >= 1</h2>
 * {@code F} is non-decreasing in b: {@code (b - 0.5 - mean) * invScale} is a chain of IEEE operations
 * with non-negative {@code invScale}, each monotone under round-to-nearest; {@link FixedSigmoid} is
 * monotone by construction; the weighted sum has non-negative integer weights. Hence
 * {@code floor(F(b) M / 2^38)} is non-decreasing and {@code C(b+1) - C(b) >= 1}; and
 * {@code F(b) <= 2^38} gives {@code C(255) <= T - 1}. Decoding can therefore binary-search C without
 * building all 256 bins.
 *
 * <h2>Restricted alphabets</h2>
 * With an {@link Alphabet} of {@code n < 256} levels the same construction runs over its symbols:
 * {@code C(j) = j + floor(F(B_j) * (T - n) / 2^38)} at the alphabet's boundaries {@code B_j} (midpoints
 * between used levels), so unused values cost nothing and every used one keeps frequency >= 1.
 *
 * <h2>Sanitizing</h2>
 * Whatever the model wrote: NaN logits count as 0 and logits are clamped to +-1e4 before a max-shifted
 * softmax; NaN means become 127.5 and means are clamped to [-1024, 1279]; NaN log-scales become 0 and
 * log-scales are clamped to [{@value #MIN_LOG_SCALE}, {@value #MAX_LOG_SCALE}]. The two exponentials
 * (softmax, {@code 1/scale}) are the model's {@link Elementary} functions ({@code StrictMath}, or the
 * fixed-sequence ones); either way the result is identical on every JVM and CPU.
 */
public final class QuantizedMixture {
    public static final int TOTAL_BITS = 20;
    public static final int TOTAL = 1 << TOTAL_BITS;
    public static final int SYMBOLS = 256;
    static final int SPREAD = TOTAL - SYMBOLS;
    static final int WEIGHT_BITS = 15;
    static final int WEIGHT_ONE = 1 << WEIGHT_BITS;
    static final int F_SHIFT = WEIGHT_BITS + FixedSigmoid.ONE_BITS;   // 38
    public static final double MIN_LOG_SCALE = -7.0;
    public static final double MAX_LOG_SCALE = 7.0;

    private final int[] weight = new int[ComponentBudget.TOTAL];
    private final double[] mean = new double[ComponentBudget.TOTAL];
    private final double[] invScale = new double[ComponentBudget.TOTAL];
    private final double[] expBuf = new double[ComponentBudget.TOTAL];
    private final int[] weightBuf = new int[ComponentBudget.TOTAL];
    private Alphabet alphabet = Alphabet.FULL;
    private int symbols = SYMBOLS;
    private int spread = SPREAD;
    private int n;   // active components (weight > 0), compacted
    private final Elementary fn;
    private final ElementaryMemo invScaleMemo;

    /** A quantizer using {@code StrictMath} (the models of format versions 1 to 3). */
    public QuantizedMixture() {
        this(Elementary.STRICT);
    }

    /** A quantizer using the given elementary functions (the coded model's, see {@link Elementary}). */
    public QuantizedMixture(Elementary fn) {
        this.fn = fn;
        this.invScaleMemo = ElementaryMemo.exp(fn);
    }

    /** Loads (and sanitizes) a mixture over the full alphabet; returns this. */
    public QuantizedMixture set(LogisticMixture m) {
        return set(m, Alphabet.FULL);
    }

    /** Loads (and sanitizes) a mixture over the symbols of {@code alphabet}; returns this. */
    public QuantizedMixture set(LogisticMixture m, Alphabet alphabet) {
        this.alphabet = alphabet;
        this.symbols = alphabet.size();
        this.spread = TOTAL - symbols;
        int k = m.components();
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            double l = clean(m.logit[i], 0.0, -1e4, 1e4);
            expBuf[i] = l;
            if (l > max) {
                max = l;
            }
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double d = expBuf[i] - max;
            double e = d == 0 ? 1.0 : fn.exp(d);   // exp(+-0) is 1 exactly in every Elementary
            expBuf[i] = e;
            sum += e;
        }
        // integer weights: floor of the share, remainder to the first largest component
        int assigned = 0;
        int best = 0;
        int[] w = weightBuf;
        for (int i = 0; i < k; i++) {
            w[i] = (int) (expBuf[i] / sum * WEIGHT_ONE);
            if (w[i] > WEIGHT_ONE) {
                w[i] = WEIGHT_ONE;
            }
            assigned += w[i];
            if (expBuf[i] > expBuf[best]) {
                best = i;
            }
        }
        w[best] += WEIGHT_ONE - assigned;
        n = 0;
        for (int i = 0; i < k; i++) {
            if (w[i] > 0) {
                weight[n] = w[i];
                mean[n] = clean(m.mean[i], 127.5, -1024, 1279);
                invScale[n] = invScaleMemo.apply(-clean(m.logScale[i], 0.0, MIN_LOG_SCALE, MAX_LOG_SCALE));
                n++;
            }
        }
        return this;
    }

    private static double clean(double v, double ifNaN, double lo, double hi) {
        if (Double.isNaN(v)) {
            return ifNaN;
        }
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /** Number of symbols of the current alphabet. */
    public int symbols() {
        return symbols;
    }

    public Alphabet alphabet() {
        return alphabet;
    }

    /**
     * Cumulative frequency C(b) of symbols below b, 0 <= b <= symbols(): {@code b + R(b)}, or with a
     * {@link CdfMap} {@code b + map(R(b))}, where {@code R(b)} is {@link #spreadCumulative}, or with a
     * {@link SpreadBlend} {@code blend(b, R(b))} in its place.
     */
    public int cumulative(int b) {
        if (b <= 0) {
            lastSpread = 0;
            return 0;
        }
        if (b >= symbols) {
            lastSpread = spread;
            return TOTAL;
        }
        int r = spreadCumulative(b);
        if (blend != null) {
            r = blend.blend(b, r);
        }
        lastSpread = r;
        return b + (map == null ? r : map.map(r, spread));
    }

    /**
     * {@link #spreadCumulative} at the b of the last {@link #cumulative} call (spares evaluating it again),
     * after the {@link SpreadBlend} if there is one: what the {@link CdfMap} was given.
     */
    public int lastSpreadCumulative() {
        return lastSpread;
    }

    private int lastSpread;

    /**
     * The mixture's share of C(b) before any {@link CdfMap}: {@code R(b) = floor(F(b) * M / 2^38)}, in
     * {@code [0, M]} ({@code M = T - symbols()}) and non-decreasing in b; {@code R(0) = 0},
     * {@code R(symbols()) = M}.
     */
    public int spreadCumulative(int b) {
        if (b <= 0) {
            return 0;
        }
        if (b >= symbols) {
            return spread;
        }
        double x = alphabet.boundary(b);
        long f = 0;
        for (int i = 0; i < n; i++) {
            f += (long) weight[i] * FixedSigmoid.apply((x - mean[i]) * invScale[i]);
        }
        return (int) ((f * spread) >>> F_SHIFT);
    }

    /** {@code M = T - symbols()}: the frequency the mixture spreads over the symbols beyond the floor. */
    public int spread() {
        return spread;
    }

    /**
     * The weighted mean of the components' inverse scales, {@code sum_k w_k / scale_k / 2^15} (double, in
     * component order): how sharp the loaded mixture is.
     */
    public double meanInverseScale() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += weight[i] * invScale[i];
        }
        return s / WEIGHT_ONE;
    }

    /**
     * A non-decreasing map of {@code [0, M]} into itself applied to {@link #spreadCumulative} (null: none),
     * e.g. a calibration stage's. Being non-decreasing keeps every frequency >= 1; mapping into
     * {@code [0, M]} keeps {@code C(symbols() - 1) <= T - 1}.
     */
    public void setMap(CdfMap map) {
        this.map = map;
    }

    /** A non-decreasing map of {@code [0, spread]} into itself. */
    @FunctionalInterface
    public interface CdfMap {
        int map(int r, int spread);
    }

    private CdfMap map;

    /**
     * A rework of {@link #spreadCumulative} applied before the {@link CdfMap} (null: none), e.g. the chroma
     * spikes stage's: {@code blend(b, R(b))} for {@code 0 < b < symbols()} must be non-decreasing in b and in
     * {@code [0, M]}, which keeps every frequency >= 1 and the total exact.
     */
    public void setBlend(SpreadBlend blend) {
        this.blend = blend;
    }

    /** A non-decreasing rework of the spread part of the cumulative frequencies: see {@link #setBlend}. */
    @FunctionalInterface
    public interface SpreadBlend {
        int blend(int b, int r);
    }

    private SpreadBlend blend;

    /** Frequency of symbol s (always >= 1). */
    public int frequency(int s) {
        return cumulative(s + 1) - cumulative(s);
    }

    /** The symbol s with C(s) <= target < C(s+1), by binary search (8 evaluations of C). */
    public int symbolFor(int target) {
        int lo = 0;
        int hi = symbols;      // invariant: C(lo) = cLo <= target < cHi = C(hi)
        int cLo = 0;
        int cHi = TOTAL;
        int rLo = 0;
        int rHi = spread;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            int cm = cumulative(mid);
            if (cm <= target) {
                lo = mid;
                cLo = cm;
                rLo = lastSpread;
            } else {
                hi = mid;
                cHi = cm;
                rHi = lastSpread;
            }
        }
        foundLow = cLo;
        foundHigh = cHi;
        foundLowSpread = rLo;
        foundHighSpread = rHi;
        return lo;
    }

    /** C(s) of the symbol s last returned by {@link #symbolFor}. */
    public int foundLow() {
        return foundLow;
    }

    /** C(s+1) of the symbol s last returned by {@link #symbolFor}. */
    public int foundHigh() {
        return foundHigh;
    }

    /** {@link #spreadCumulative} of s and of s+1 for the symbol s last returned by {@link #symbolFor}. */
    public int foundLowSpread() {
        return foundLowSpread;
    }

    public int foundHighSpread() {
        return foundHighSpread;
    }

    private int foundLow;
    private int foundHigh;
    private int foundLowSpread;
    private int foundHighSpread;

    /** -log2 of the probability of symbol s under this distribution. */
    public double bits(int s) {
        return bitsOfFrequency(frequency(s));
    }

    /** -log2(freq / T), computed with StrictMath. */
    public static double bitsOfFrequency(int freq) {
        return TOTAL_BITS - StrictMath.log(freq) * INV_LN2;
    }

    static final double INV_LN2 = 1.0 / StrictMath.log(2.0);
}
