package io.lcompress.codec.mixture;

/**
 * A categorical distribution over the 256 sample values, given by one real logit per value, turned
 * into the integer frequencies the arithmetic coder uses: the categorical counterpart of
 * {@link QuantizedMixture}, with the same total and the same floor.
 *
 * <h2>Definition</h2>
 * Over an {@link Alphabet} of {@code n} levels (symbol {@code j} is the value {@code alphabet.level(j)};
 * the full alphabet has {@code n = 256}), with total {@code T = 2^20} and spread {@code S = T - n}:
 * <pre>
 *   l_j   = sanitize(logit[level(j)])                       (j = 0..n-1)
 *   mx    = max_j l_j
 *   e_j   = exp(l_j - mx)                                   ({@link Elementary#exp} of the caller's functions)
 *   sum   = e_0 + e_1 + ... + e_{n-1}                       (left to right, double)
 *   q_j   = (int) (e_j / sum * S)                           (double; truncation = floor, q_j >= 0)
 *   f_j   = 1 + q_j,  plus S - (q_0 + ... + q_{n-1}) for the first j with the largest e_j
 * </pre>
 * so the softmax runs over the alphabet's levels only (unused values cost nothing) and, in real terms,
 * {@code P(j) ~= (1 + S * softmax(l)_j) / T}. Every operation is a plain IEEE double operation in this
 * fixed order (no FMA, no parallel sum) and the exponential is {@link Elementary#FIXED} for the shipped
 * models: the table is identical on every JVM and CPU.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li>the frequencies sum to exactly {@code T}: the remainder is added to one symbol by
 *       construction;</li>
 *   <li>every symbol has frequency {@code >= 1}: each {@code q_j >= 0}; {@code e_j <= sum} (the sum
 *       contains it and every term is {@code >= 0}, IEEE addition of non-negative terms is monotone), so
 *       {@code e_j / sum <= 1} and {@code q_j <= S}; the largest term is {@code exp(0) = 1}, so
 *       {@code sum} is in [1, n] and the largest symbol's share is at least {@code S / n - 1}, while the
 *       rounding can make the sum of the {@code q_j} exceed {@code S} by less than {@code n} (each
 *       product rounds up by less than one unit), so a negative remainder never takes that symbol below
 *       {@code S / n - n >= 1} (for {@code n <= 256}: {@code 4095 - 256});</li>
 *   <li>symbols not in the alphabet get no frequency at all.</li>
 * </ul>
 *
 * <h2>Sanitizing</h2>
 * Whatever the network wrote: a NaN logit becomes {@value #MIN_LOGIT} (that symbol keeps only its
 * floor), and logits are clamped to [{@value #MIN_LOGIT}, {@value #MAX_LOGIT}] (infinities included),
 * so {@code l_j - mx} is finite and the exponentials lie in [0, 1].
 */
public final class QuantizedCategorical {
    public static final int TOTAL_BITS = QuantizedMixture.TOTAL_BITS;
    public static final int TOTAL = 1 << TOTAL_BITS;
    public static final int SYMBOLS = 256;
    public static final double MIN_LOGIT = -1e6;
    public static final double MAX_LOGIT = 1e6;

    private final Elementary fn;
    private final double[] e = new double[SYMBOLS];
    private final int[] freq = new int[SYMBOLS];
    private Alphabet alphabet = Alphabet.FULL;
    private int symbols = SYMBOLS;

    /** A quantizer computing its exponentials with {@code fn} (the coded model's, see {@link Elementary}). */
    public QuantizedCategorical(Elementary fn) {
        this.fn = fn;
    }

    /** Sanitized logit: NaN to {@link #MIN_LOGIT}, then clamped to [{@link #MIN_LOGIT}, {@link #MAX_LOGIT}]. */
    public static double sanitize(double logit) {
        if (Double.isNaN(logit)) {
            return MIN_LOGIT;
        }
        return logit < MIN_LOGIT ? MIN_LOGIT : (logit > MAX_LOGIT ? MAX_LOGIT : logit);
    }

    /**
     * Loads the distribution of {@code logits} (indexed by sample value 0..255) restricted to the levels
     * of {@code alphabet}; returns this.
     */
    public QuantizedCategorical set(double[] logits, Alphabet alphabet) {
        this.alphabet = alphabet;
        int n = alphabet.size();
        this.symbols = n;
        double mx = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double l = sanitize(logits[alphabet.level(j)]);
            e[j] = l;
            if (l > mx) {
                mx = l;
            }
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double v = fn.exp(e[j] - mx);
            e[j] = v;
            sum += v;
        }
        int spread = TOTAL - n;
        long assigned = 0;
        int best = 0;
        for (int j = 0; j < n; j++) {
            int q = (int) (e[j] / sum * spread);
            freq[j] = 1 + q;
            assigned += q;
            if (e[j] > e[best]) {
                best = j;
            }
        }
        freq[best] += (int) (spread - assigned);
        return this;
    }

    /** Number of symbols of the current alphabet. */
    public int symbols() {
        return symbols;
    }

    public Alphabet alphabet() {
        return alphabet;
    }

    /** Frequency of symbol {@code j} (0 <= j < symbols()); at least 1, all of them summing to {@link #TOTAL}. */
    public int frequency(int j) {
        return freq[j];
    }

    /** Writes the cumulative frequencies {@code C(0) = 0 .. C(symbols()) = TOTAL} into {@code cumulative}. */
    public void cumulative(int[] cumulative) {
        int c = 0;
        cumulative[0] = 0;
        for (int j = 0; j < symbols; j++) {
            c += freq[j];
            cumulative[j + 1] = c;
        }
    }

    /** Code length in bits of symbol {@code j}: {@link QuantizedMixture#bitsOfFrequency} of its frequency. */
    public double bits(int j) {
        return QuantizedMixture.bitsOfFrequency(freq[j]);
    }
}
