package io.lcompress.codec.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;

/**
 * Online mixing of a learned model with the {@code fast} baseline. Three experts:
 * <ol>
 *   <li>the first model's mixture as it is;</li>
 *   <li>the same mixture corrected for this image: every mean shifted by a running bias and every
 *       log-scale by a running log-ratio of the observed to the expected absolute error (per channel and
 *       context, exponential averages with rate 1/32);</li>
 *   <li>the second model's mixture.</li>
 * </ol>
 * The coded distribution is {@code sum_e w_e P_e}, itself a logistic mixture (the experts' components,
 * reweighted), so it is coded exactly like any other. The weights adapt as the image is coded,
 * identically on both sides: per channel and context (the first model's mean log-scale, 8 classes), a
 * Bayesian mixture with fixed share: after each sample {@code w_e <- w_e P_e(x) / sum_f w_f P_f(x)}, then
 * {@code w_e <- (1 - eps) w_e + eps / 3} with {@code eps = 0.2} (tuned on skimage and waterloo), so the weights follow whichever expert does best locally.
 * {@code P_e} is each expert's own integer distribution. All arithmetic is double in a fixed order
 * with {@code StrictMath}.
 */
public final class MixedPixelModel implements PixelModel {
    private static final double SHARE = 0.2;
    private static final double RATE = 1.0 / 32;
    private static final int CLASSES = 8;
    private static final int EXPERTS = 3;
    /** Mean absolute deviation of a logistic is 2 ln 2 times its scale. */
    private static final double MAD_PER_SCALE = 2 * 0.6931471805599453;
    private final String name;
    private final PixelModel a;
    private final PixelModel b;
    private final long fingerprint;

    public MixedPixelModel(String name, PixelModel a, PixelModel b) {
        this.name = name;
        this.a = a;
        this.b = b;
        long h = 0x6d69780000000003L;   // "mix" v3
        h = h * 0x9E3779B97F4A7C15L + a.fingerprint();
        h = h * 0x9E3779B97F4A7C15L + b.fingerprint();
        this.fingerprint = h ^ (h >>> 29);
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

    @Override
    public PixelPredictor newPredictor(Raster raster) {
        PixelPredictor mixed = new Predictor(a.newPredictor(raster), b.newPredictor(raster), raster.channels());
        return ChromaRepeatPredictor.appliesTo(raster.channels()) ? new ChromaRepeatPredictor(mixed, raster) : mixed;
    }

    private static final class Predictor implements PixelPredictor {
        private final PixelPredictor pa;
        private final PixelPredictor pb;
        private final LogisticMixture[] m = {new LogisticMixture(), new LogisticMixture(), new LogisticMixture()};
        private final QuantizedMixture q = new QuantizedMixture();
        private final double[] weight;
        private final double[] bias;
        private final double[] logRatio;
        private final double[] lse = new double[EXPERTS];
        private final double[] p = new double[EXPERTS];
        private double expectedAbs;
        private double meanA;
        private int ctx;

        Predictor(PixelPredictor pa, PixelPredictor pb, int channels) {
            this.pa = pa;
            this.pb = pb;
            this.weight = new double[channels * CLASSES * EXPERTS];
            java.util.Arrays.fill(weight, 1.0 / EXPERTS);
            this.bias = new double[channels * CLASSES];
            this.logRatio = new double[channels * CLASSES];
        }

        @Override
        public void beginPixel(int x, int y) {
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
            // context: the first model's mean log-scale, in classes of width 0.5 from -1
            double ls = 0;
            for (int k = 0; k < ka; k++) {
                ls += LogisticMixture.finite(ma.logScale[k]);
            }
            ls /= ka;
            int cls = (int) StrictMath.floor((ls + 1.0) * 2.0);
            cls = cls < 0 ? 0 : (cls >= CLASSES ? CLASSES - 1 : cls);
            ctx = c * CLASSES + cls;
            // the corrected copy, and the first model's mean and expected absolute error
            lse[0] = ma.logSumExpOfLogits();
            double mean = 0;
            double mad = 0;
            adj.setComponents(ka);
            double shift = bias[ctx];
            double scaleShift = logRatio[ctx];
            for (int k = 0; k < ka; k++) {
                double wk = StrictMath.exp(LogisticMixture.finite(ma.logit[k]) - lse[0]);
                double mk = LogisticMixture.finite(ma.mean[k]);
                mean += wk * mk;
                mad += wk * MAD_PER_SCALE * StrictMath.exp(LogisticMixture.finite(ma.logScale[k]) > 7 ? 7 : LogisticMixture.finite(ma.logScale[k]));
                adj.logit[k] = ma.logit[k];
                adj.mean[k] = mk + shift;
                adj.logScale[k] = LogisticMixture.finite(ma.logScale[k]) + scaleShift;
            }
            meanA = mean;
            expectedAbs = mad;
            lse[1] = lse[0];
            lse[2] = mb.logSumExpOfLogits();
            int n = 0;
            int base = ctx * EXPERTS;
            for (int e = 0; e < EXPERTS; e++) {
                LogisticMixture me = m[e];
                double lw = StrictMath.log(weight[base + e]) - lse[e];
                for (int k = 0; k < me.components() && n < LogisticMixture.MAX_COMPONENTS; k++, n++) {
                    out.logit[n] = LogisticMixture.finite(me.logit[k]) + lw;
                    out.mean[n] = me.mean[k];
                    out.logScale[n] = me.logScale[k];
                }
            }
            out.setComponents(n);
        }

        @Override
        public void observe(int c, int value) {
            int base = ctx * EXPERTS;
            double sum = 0;
            for (int e = 0; e < EXPERTS; e++) {
                q.set(m[e]);
                p[e] = weight[base + e] * q.frequency(value);
                sum += p[e];
            }
            for (int e = 0; e < EXPERTS; e++) {
                weight[base + e] = (1 - SHARE) * (p[e] / sum) + SHARE / EXPERTS;
            }
            double r = value - meanA;
            bias[ctx] += RATE * (r - bias[ctx]);
            double observed = StrictMath.log(0.5 + (r < 0 ? -r : r));
            double expected = StrictMath.log(0.5 + expectedAbs);
            logRatio[ctx] += RATE * ((observed - expected) - logRatio[ctx]);
            pa.observe(c, value);
            pb.observe(c, value);
        }
    }
}
