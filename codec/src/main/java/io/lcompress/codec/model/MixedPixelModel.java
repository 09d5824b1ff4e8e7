package io.lcompress.codec.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.ComponentBudget;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;

/**
 * Online mixing of a learned model with the {@code fast} baseline. Three experts:
 * <ol>
 *   <li>the first model's mixture as it is;</li>
 *   <li>the same mixture corrected for this image: every mean shifted by a linear prediction of its
 *       error from the first model's residuals at W, N, NW, NE (same channel) and at this pixel's earlier
 *       channels (normalized LMS per channel, step 0.01, weights from 0), plus a running bias; every
 *       log-scale shifted by a running log-ratio of the observed to the expected absolute error (bias
 *       and log-ratio per channel and context, exponential averages with rate 1/32). The network is
 *       trained on other images; its errors on this one are spatially correlated, and this learns
 *       how (-1.2 % on the tuning images, up to -2 % on the flower photo; {@link ResidualCorrection});</li>
 *   <li>the second model's mixture.</li>
 * </ol>
 * The coded distribution is {@code sum_e w_e P_e}, itself a logistic mixture (the experts' components,
 * reweighted), so it is coded exactly like any other. The weights adapt as the image is coded,
 * identically on both sides: two sets of Bayesian mixture weights with fixed share ({@link ExpertWeights}),
 * one per channel and class of the first model's mean log-scale (8 classes of width 0.5 from -1), one
 * per channel and class of the disagreement {@code |mean_first - mean_second|} (8 classes, 0.5, 1, 2,
 * ..., 32); the weights used are the average of the two sets' weights. Share 0.2 and long-run rate 0.02
 * were tuned on crops of the flower photo and five other valid images (one set alone, uniform share:
 * +1 %). {@code P_e} is each expert's own integer distribution. All arithmetic is double in a fixed
 * order with the model's {@link Elementary} functions: {@code StrictMath} for {@code default} (format
 * versions 1 to 3), the fixed-sequence ones for models added with the effort levels.
 */
public final class MixedPixelModel implements PixelModel {
    private static final int CLASSES = ResidualCorrection.CLASSES;
    private static final int EXPERTS = 3;
    /** Mean absolute deviation of a logistic is 2 ln 2 times its scale. */
    private static final double MAD_PER_SCALE = 2 * 0.6931471805599453;

    private final String name;
    private final PixelModel a;
    private final PixelModel b;
    private final long fingerprint;
    private final Elementary fn;

    /** Mixes {@code a} and {@code b} with {@code StrictMath} (the {@code default} model of format 1 to 3). */
    public MixedPixelModel(String name, PixelModel a, PixelModel b) {
        this(name, a, b, Elementary.STRICT);
    }

    /**
     * Mixes {@code a} and {@code b} with the given elementary functions; the fingerprint covers both
     * models and, for revisions other than 1, the functions' revision.
     */
    public MixedPixelModel(String name, PixelModel a, PixelModel b, Elementary fn) {
        FrequencyModel.requireMixtures("the mixed model", a, b);
        this.name = name;
        this.a = a;
        this.b = b;
        this.fn = fn;
        long h = 0x6d69780000000004L;   // "mix" v4
        h = h * 0x9E3779B97F4A7C15L + a.fingerprint();
        h = h * 0x9E3779B97F4A7C15L + b.fingerprint();
        if (fn.revision() != 1) {
            h = h * 0x9E3779B97F4A7C15L + fn.revision();
        }
        this.fingerprint = h ^ (h >>> 29);
    }

    @Override
    public Elementary elementary() {
        return fn;
    }

    public PixelModel first() {
        return a;
    }

    public PixelModel second() {
        return b;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean supportsChannels(int channels) {
        return a.supportsChannels(channels) && b.supportsChannels(channels);
    }

    /** The first model's components twice (as it is and corrected) and the second's, at most {@link ComponentBudget#TOTAL}. */
    @Override
    public int maxComponents() {
        return Math.min(ComponentBudget.TOTAL, 2 * a.maxComponents() + b.maxComponents());
    }

    @Override
    public PixelPredictor newPredictor(Raster raster) {
        return new Predictor(a.newPredictor(raster), b.newPredictor(raster), raster.channels(), raster.width(), fn);
    }

    private static final class Predictor implements PixelPredictor {
        private final Elementary fn;
        private final PixelPredictor pa;
        private final PixelPredictor pb;
        private final LogisticMixture[] m = {new LogisticMixture(), new LogisticMixture(), new LogisticMixture()};
        private final QuantizedMixture q;
        private final ExpertWeights set1;
        private final ExpertWeights set2;
        private int ctx2;
        private final ResidualCorrection correction;
        private final double[] lse = new double[EXPERTS];
        private final double[] p = new double[EXPERTS];
        private double expectedAbs;
        private double meanA;
        private int ctx;
        private int x;
        private int y;

        Predictor(PixelPredictor pa, PixelPredictor pb, int channels, int width, Elementary fn) {
            this.fn = fn;
            this.q = new QuantizedMixture(fn);
            this.pa = pa;
            this.pb = pb;
            this.correction = new ResidualCorrection(channels, width);
            this.set1 = new ExpertWeights(channels * CLASSES, EXPERTS);
            this.set2 = new ExpertWeights(channels * CLASSES, EXPERTS);
        }

        @Override
        public void beginPixel(int x, int y) {
            this.x = x;
            this.y = y;
            pa.beginPixel(x, y);
            pb.beginPixel(x, y);
        }

        @Override
        public void predict(int c, LogisticMixture out) {
            LogisticMixture ma = m[0];
            LogisticMixture adj = m[1];
            LogisticMixture mb = m[2];
            pa.predict(c, ma);
            pb.predict(c, mb);
            int ka = ma.components();
            ctx = ResidualCorrection.context(c, ma);
            // the corrected copy, and the first model's mean and expected absolute error
            lse[0] = ma.logSumExpOfLogits(fn);
            double mean = 0;
            double mad = 0;
            adj.setComponents(ka);
            correction.predict(c, x, y, ctx);
            double shift = correction.shift();
            double scaleShift = correction.scaleShift();
            for (int k = 0; k < ka; k++) {
                double wk = fn.exp(LogisticMixture.finite(ma.logit[k]) - lse[0]);
                double mk = LogisticMixture.finite(ma.mean[k]);
                mean += wk * mk;
                mad += wk * MAD_PER_SCALE * fn.exp(LogisticMixture.finite(ma.logScale[k]) > 7 ? 7 : LogisticMixture.finite(ma.logScale[k]));
                adj.logit[k] = ma.logit[k];
                adj.mean[k] = mk + shift;
                adj.logScale[k] = LogisticMixture.finite(ma.logScale[k]) + scaleShift;
            }
            meanA = mean;
            expectedAbs = mad;
            lse[1] = lse[0];
            lse[2] = mb.logSumExpOfLogits(fn);
            double meanB = 0;
            for (int k = 0; k < mb.components(); k++) {
                meanB += fn.exp(LogisticMixture.finite(mb.logit[k]) - lse[2]) * LogisticMixture.finite(mb.mean[k]);
            }
            ctx2 = c * CLASSES + ExpertWeights.disagreementClass(mean, meanB, CLASSES);
            int n = 0;
            int base = ctx * EXPERTS;
            int base2 = ctx2 * EXPERTS;
            for (int e = 0; e < EXPERTS; e++) {
                LogisticMixture me = m[e];
                double we = 0.5 * (set1.w[base + e] + set2.w[base2 + e]);
                double lw = fn.log(we) - lse[e];
                // the bound truncates only networks over ComponentBudget.Mixing.THREE_EXPERT's budget (K >= 12),
                // which loading for encoding refuses; files coded with one before decode as they did
                for (int k = 0; k < me.components() && n < ComponentBudget.TOTAL; k++, n++) {
                    out.logit[n] = LogisticMixture.finite(me.logit[k]) + lw;
                    out.mean[n] = me.mean[k];
                    out.logScale[n] = me.logScale[k];
                }
            }
            out.setComponents(n);
        }

        @Override
        public void observe(int c, int value) {
            for (int e = 0; e < EXPERTS; e++) {
                q.set(m[e]);
                p[e] = q.frequency(value);
            }
            set1.update(ctx * EXPERTS, p);
            set2.update(ctx2 * EXPERTS, p);
            correction.observe(c, x, y, value, meanA, fn.log(0.5 + expectedAbs), fn);
            pa.observe(c, value);
            pb.observe(c, value);
        }
    }
}
