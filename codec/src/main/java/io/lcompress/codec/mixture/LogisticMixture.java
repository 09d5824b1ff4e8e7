package io.lcompress.codec.mixture;

/**
 * Parameters of a K-component mixture of logistic distributions over the sample range 0..255,
 * as a pixel model predicts it for one subpixel.
 *
 * <p>All values are in pixel units: component {@code k} is a logistic with location {@code mean[k]}
 * (e.g. 127.3) and scale {@code exp(logScale[k])} (natural log), weighted by
 * {@code softmax(logit)[k]}. The discretization into 256 bins (PixelCNN++: bins [x-0.5, x+0.5], left
 * tail folded into 0, right tail into 255) happens in {@link QuantizedMixture}.
 *
 * <p>A model may write anything here, NaN and infinities included; the quantizer sanitizes.
 * Instances are mutable and reused per subpixel to avoid allocation on the coding path.
 */
public final class LogisticMixture {
    /** Largest number of components a mixture holds: {@link ComponentBudget#TOTAL}. */
    public static final int MAX_COMPONENTS = ComponentBudget.TOTAL;

    public final double[] logit = new double[ComponentBudget.TOTAL];
    public final double[] mean = new double[ComponentBudget.TOTAL];
    public final double[] logScale = new double[ComponentBudget.TOTAL];
    private int components = 1;

    public int components() {
        return components;
    }

    public void setComponents(int k) {
        if (k < 1 || k > ComponentBudget.TOTAL) {
            throw new IllegalArgumentException("components must be in 1.." + ComponentBudget.TOTAL + ": " + k);
        }
        components = k;
    }

    /** {@code v} made finite for arithmetic on model outputs: NaN -> 0, clamped to +-1e4. */
    public static double finite(double v) {
        return Double.isNaN(v) ? 0 : (v < -1e4 ? -1e4 : (v > 1e4 ? 1e4 : v));
    }

    /**
     * log(sum_k exp(logit_k)) over the components, max-shifted, with {@link #finite} logits and
     * {@code StrictMath}, in a fixed order (used to renormalize mixtures when combining them).
     */
    public double logSumExpOfLogits() {
        return logSumExpOfLogits(Elementary.STRICT);
    }

    /** As {@link #logSumExpOfLogits()}, with the given elementary functions. */
    public double logSumExpOfLogits(Elementary fn) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < components; i++) {
            double t = finite(logit[i]);
            if (t > max) {
                max = t;
            }
        }
        double s = 0;
        for (int i = 0; i < components; i++) {
            double d = finite(logit[i]) - max;
            s += d == 0 ? 1.0 : fn.exp(d);        // exp(+-0) is 1 exactly in every Elementary
        }
        return max + (s == 1 ? 0.0 : fn.log(s));  // log(1) is +0 exactly in every Elementary (a single component)
    }

    /** Makes this mixture a copy of {@code src}. */
    public void copyFrom(LogisticMixture src) {
        int k = src.components;
        System.arraycopy(src.logit, 0, logit, 0, k);
        System.arraycopy(src.mean, 0, mean, 0, k);
        System.arraycopy(src.logScale, 0, logScale, 0, k);
        components = k;
    }

    /**
     * Writes the components of {@code src} (at most {@code limit}) as this mixture's first components,
     * renormalized so that together they weigh {@code exp(logWeight)}: logit {@code finite(l) - lse +
     * logWeight}. Returns how many were written; the caller appends its own and sets the count.
     */
    public int putScaled(LogisticMixture src, double logWeight, int limit) {
        return putScaled(src, logWeight, limit, Elementary.STRICT);
    }

    /** As {@link #putScaled(LogisticMixture, double, int)}, with the given elementary functions. */
    public int putScaled(LogisticMixture src, double logWeight, int limit, Elementary fn) {
        double lse = src.logSumExpOfLogits(fn);
        int n = 0;
        for (int k = 0; k < src.components && n < limit; k++, n++) {
            logit[n] = finite(src.logit[k]) - lse + logWeight;
            mean[n] = src.mean[k];
            logScale[n] = src.logScale[k];
        }
        return n;
    }

    /** Convenience: a single logistic with the given location and natural-log scale. */
    public LogisticMixture single(double mean, double logScale) {
        components = 1;
        this.logit[0] = 0;
        this.mean[0] = mean;
        this.logScale[0] = logScale;
        return this;
    }
}
