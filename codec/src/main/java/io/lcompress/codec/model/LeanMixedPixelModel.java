package io.lcompress.codec.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.ComponentBudget;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.ElementaryMemo;
import io.lcompress.codec.mixture.FixedSigmoid;
import io.lcompress.codec.mixture.LogisticMixture;

/**
 * The online mixing of {@link MixedPixelModel} made cheap, for the middle effort levels: two experts
 * instead of three, and the experts' probabilities of the coded value computed from what the
 * prediction already evaluated, without quantizing each expert.
 * <ol>
 *   <li>the first model's mixture <b>corrected for this image</b> by {@link ResidualCorrection}, as
 *       {@link MixedPixelModel}'s second expert (means shifted by a running bias plus a normalized-LMS
 *       prediction of the error from the neighbours' residuals, log-scales by a running log-ratio of
 *       observed to expected absolute error, expected: {@code sum_k w_k 2 ln 2 scale_k});</li>
 *   <li>the second model's mixture.</li>
 * </ol>
 * The coded mixture is {@code w_1 P_1 + w_2 P_2}: the experts' components with their softmax weights
 * times the expert's weight (6 components for a 5-component network and {@code fast}, where the
 * three-expert mixer gives 11). The weights are two {@link ExpertWeights} sets (contexts: the first
 * model's mean log-scale, and the distance between the experts' means, 8 classes each, per channel),
 * averaged, updated after every sample with each expert's probability of the sample:
 * {@code 2^-20 + sum_k softmax_k (S_k(v + 1/2) - S_k(v - 1/2))}, {@code S_k} the component's logistic
 * CDF by {@link FixedSigmoid} (bin 0 takes the left tail, bin 255 the right), with the component's
 * location and {@code 1/scale = exp(-clamp(logScale)) exp(-logRatio)} for the corrected expert
 * ({@code exp(-clamp(logScale))} for the second), clamps as the coder's ([-7, 7], [-1024, 1279]).
 *
 * <p>Arithmetic: double, in the order of this source, with the given {@link Elementary} functions.
 */
public final class LeanMixedPixelModel implements PixelModel {
    private static final int CLASSES = ResidualCorrection.CLASSES;
    private static final int EXPERTS = 2;
    /** Mean absolute deviation of a logistic is 2 ln 2 times its scale. */
    private static final double MAD_PER_SCALE = 2 * 0.6931471805599453;
    private static final double FLOOR = 1.0 / (1 << 20);
    private static final double SIGMOID_ONE = FixedSigmoid.ONE;

    private final String name;
    private final PixelModel a;
    private final PixelModel b;
    private final Elementary fn;
    private final long fingerprint;

    public LeanMixedPixelModel(String name, PixelModel a, PixelModel b, Elementary fn) {
        FrequencyModel.requireMixtures("the lean mixed model", a, b);
        this.name = name;
        this.a = a;
        this.b = b;
        this.fn = fn;
        long h = 0x6c65616e00000001L;   // "lean" v1
        h = h * 0x9E3779B97F4A7C15L + a.fingerprint();
        h = h * 0x9E3779B97F4A7C15L + b.fingerprint();
        h = h * 0x9E3779B97F4A7C15L + fn.revision();
        this.fingerprint = h ^ (h >>> 29);
    }

    @Override
    public String name() {
        return name;
    }

    public PixelModel first() {
        return a;
    }

    public PixelModel second() {
        return b;
    }

    @Override
    public long fingerprint() {
        return fingerprint;
    }

    @Override
    public Elementary elementary() {
        return fn;
    }

    @Override
    public boolean supportsChannels(int channels) {
        return a.supportsChannels(channels) && b.supportsChannels(channels);
    }

    /** The first model's components and the second's, at most {@link ComponentBudget#TOTAL}. */
    @Override
    public int maxComponents() {
        return Math.min(ComponentBudget.TOTAL, a.maxComponents() + b.maxComponents());
    }

    @Override
    public PixelPredictor newPredictor(Raster raster) {
        return new Predictor(a.newPredictor(raster), b.newPredictor(raster), raster.channels(), raster.width(), fn);
    }

    /** One expert's components as the prediction left them: weight, location, 1 / scale. */
    private static final class Components {
        final double[] weight = new double[ComponentBudget.TOTAL];
        final double[] mean = new double[ComponentBudget.TOTAL];
        final double[] invScale = new double[ComponentBudget.TOTAL];
        int count;

        /** {@code 2^-20 + sum_k weight_k (S_k(v + 1/2) - S_k(v - 1/2))}, tails folded into 0 and 255. */
        double probability(int v) {
            double p = 0;
            for (int k = 0; k < count; k++) {
                double m = mean[k];
                double is = invScale[k];
                int hi = v >= 255 ? FixedSigmoid.ONE : FixedSigmoid.apply((v + 0.5 - m) * is);
                int lo = v <= 0 ? 0 : FixedSigmoid.apply((v - 0.5 - m) * is);
                p += weight[k] * (hi - lo);
            }
            return FLOOR + p / SIGMOID_ONE;
        }
    }

    private static double clampLogScale(double ls) {
        return ls < -7 ? -7 : (ls > 7 ? 7 : ls);
    }

    private static double clampMean(double m) {
        return m < -1024 ? -1024 : (m > 1279 ? 1279 : m);
    }

    private static final class Predictor implements PixelPredictor {
        private final PixelPredictor pa;
        private final PixelPredictor pb;
        private final Elementary fn;
        private final LogisticMixture ma = new LogisticMixture();
        private final LogisticMixture mb = new LogisticMixture();
        private final Components ca = new Components();
        private final Components cb = new Components();
        private final double[] share = new double[ComponentBudget.TOTAL];
        private final ExpertWeights set1;
        private final ExpertWeights set2;
        private final double[] p = new double[EXPERTS];
        private final ResidualCorrection correction;
        private final ElementaryMemo invScaleMemo;   // the classical experts' scales recur
        private final ElementaryMemo expectedLogs;   // and so do their mean absolute deviations
        private double meanA;
        private double expectedLog;
        private int ctx;
        private int ctx2;
        private int x;
        private int y;

        Predictor(PixelPredictor pa, PixelPredictor pb, int channels, int width, Elementary fn) {
            this.pa = pa;
            this.pb = pb;
            this.fn = fn;
            this.invScaleMemo = ElementaryMemo.exp(fn);
            this.expectedLogs = ElementaryMemo.log(fn);
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

        /**
         * Softmax of {@code m}'s finite logits into {@code share}; returns the log of the normalizer
         * relative to the largest logit's (so {@code logit_k - max - returned} is the log share).
         */
        private double softmax(LogisticMixture m, double[] share) {
            int k = m.components();
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                double t = LogisticMixture.finite(m.logit[i]);
                if (t > max) {
                    max = t;
                }
            }
            double sum = 0;
            for (int i = 0; i < k; i++) {
                double d = LogisticMixture.finite(m.logit[i]) - max;
                double e = d == 0 ? 1.0 : fn.exp(d);   // exp(+-0) is 1 exactly in every Elementary
                share[i] = e;
                sum += e;
            }
            for (int i = 0; i < k; i++) {
                share[i] = share[i] / sum;
            }
            return max + (sum == 1 ? 0.0 : fn.log(sum));   // log(1) is +0 exactly in every Elementary
        }

        @Override
        public void predict(int c, LogisticMixture out) {
            pa.predict(c, ma);
            pb.predict(c, mb);
            int ka = ma.components();
            ctx = ResidualCorrection.context(c, ma);
            correction.predict(c, x, y, ctx);
            double shift = correction.shift();
            double scaleShift = correction.scaleShift();
            double lseA = softmax(ma, ca.weight);
            double mean = 0;
            double mad = 0;
            double shrink = fn.exp(-scaleShift);
            for (int k = 0; k < ka; k++) {
                double wk = ca.weight[k];
                double mk = LogisticMixture.finite(ma.mean[k]);
                double inv = invScaleMemo.apply(-clampLogScale(LogisticMixture.finite(ma.logScale[k])));
                mean += wk * mk;
                mad += wk * MAD_PER_SCALE / inv;
                ca.mean[k] = clampMean(mk + shift);
                ca.invScale[k] = inv * shrink;
            }
            ca.count = ka;
            meanA = mean;
            expectedLog = expectedLogs.apply(0.5 + mad);
            int kb = mb.components();
            double lseB = softmax(mb, cb.weight);
            double meanB = 0;
            for (int k = 0; k < kb; k++) {
                double mk = LogisticMixture.finite(mb.mean[k]);
                meanB += cb.weight[k] * mk;
                cb.mean[k] = clampMean(mk);
                cb.invScale[k] = invScaleMemo.apply(-clampLogScale(LogisticMixture.finite(mb.logScale[k])));
            }
            cb.count = kb;
            ctx2 = c * CLASSES + ExpertWeights.disagreementClass(mean, meanB, CLASSES);
            int base = ctx * EXPERTS;
            int base2 = ctx2 * EXPERTS;
            double lw0 = fn.log(0.5 * (set1.w[base] + set2.w[base2])) - lseA;
            double lw1 = fn.log(0.5 * (set1.w[base + 1] + set2.w[base2 + 1])) - lseB;
            int n = 0;
            for (int k = 0; k < ka; k++, n++) {
                out.logit[n] = LogisticMixture.finite(ma.logit[k]) + lw0;
                out.mean[n] = LogisticMixture.finite(ma.mean[k]) + shift;
                out.logScale[n] = LogisticMixture.finite(ma.logScale[k]) + scaleShift;
            }
            // ka + kb is at most 16 + 1 for every weight file (ComponentBudget.Mixing.LEAN): the bound never cuts
            for (int k = 0; k < kb && n < ComponentBudget.TOTAL; k++, n++) {
                out.logit[n] = LogisticMixture.finite(mb.logit[k]) + lw1;
                out.mean[n] = mb.mean[k];
                out.logScale[n] = mb.logScale[k];
            }
            out.setComponents(n);
        }

        @Override
        public void observe(int c, int value) {
            p[0] = ca.probability(value);
            p[1] = cb.probability(value);
            set1.update(ctx * EXPERTS, p);
            set2.update(ctx2 * EXPERTS, p);
            correction.observe(c, x, y, value, meanA, expectedLog, fn);
            pa.observe(c, value);
            pb.observe(c, value);
        }
    }
}
