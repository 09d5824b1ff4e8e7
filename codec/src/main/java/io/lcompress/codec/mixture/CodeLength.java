package io.lcompress.codec.mixture;

/**
 * The summed code length {@code sum_i -log2(f_i / 2^20)} of coded symbols (frequencies {@code f_i} out of
 * {@link QuantizedMixture#TOTAL}), kept as a product instead of a sum of logarithms: one multiplication a
 * symbol and one logarithm at the end, where summing {@link QuantizedMixture#bitsOfFrequency} takes a
 * {@code StrictMath.log} a symbol (about 10 % of a level-1 encode).
 *
 * <p>Invariant: the length so far is {@code 20 n - (exponent + log2(product))}, {@code n} the symbols
 * added. Every frequency is in {@code [1, 2^20]}, so the product only grows from 1; it is brought back
 * into {@code [1, 2)} by an exact power-of-two scaling every {@value #RENORMALIZE} symbols, before it
 * could overflow ({@code 2^(20 x 32) < 2^1023}). Each multiplication rounds once (relative error at most
 * {@code 2^-53}), so after {@code n} symbols the length is off by at most about {@code 1.6e-16 n} bits:
 * less than a millionth of a bit for 10^9 symbols. This is only the reported model size; it never feeds the
 * coder.
 */
public final class CodeLength {
    private static final int RENORMALIZE = 32;
    private double product = 1;
    private long exponent;
    private long symbols;

    /** Adds a symbol of frequency {@code frequency} (1 .. 2^20). */
    public void add(int frequency) {
        product *= frequency;
        if ((++symbols & (RENORMALIZE - 1)) == 0) {
            int e = Math.getExponent(product);
            product = Math.scalb(product, -e);
            exponent += e;
        }
    }

    /** The summed code length in bits of the symbols added so far. */
    public double bits() {
        return (double) (symbols * QuantizedMixture.TOTAL_BITS)
                - (exponent + StrictMath.log(product) * QuantizedMixture.INV_LN2);
    }
}
