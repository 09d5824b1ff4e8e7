package io.lcompress.codec.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;

/**
 * Online mixing of two pixel models: the coded distribution is {@code w P_a + (1 - w) P_b}, itself a
 * logistic mixture (the components of both, reweighted), so it is coded exactly like any other.
 *
 * <p>The weight adapts to the image as it is coded, identically on both sides: per channel and
 * context (the first model's predicted spread, in 8 classes), a Bayesian mixture with fixed share:
 * after each sample {@code w <- w P_a(x) / (w P_a(x) + (1 - w) P_b(x))}, then
 * {@code w <- (1 - eps) w + eps / 2} so the weight can move when one model starts to do better.
 * {@code P_a} and {@code P_b} are each model's own integer distribution for the sample. All arithmetic
 * is double in a fixed order with {@code StrictMath}.
 */
public final class MixedPixelModel implements PixelModel {
    private static final double SHARE = 0.02;
    private static final int CLASSES = 8;
    private final String name;
    private final PixelModel a;
    private final PixelModel b;
    private final long fingerprint;

    public MixedPixelModel(String name, PixelModel a, PixelModel b) {
        this.name = name;
        this.a = a;
        this.b = b;
        long h = 0x6d69780000000001L;   // "mix" v1
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
        return new Predictor(a.newPredictor(raster), b.newPredictor(raster), raster.channels());
    }

    private static final class Predictor implements PixelPredictor {
        private final PixelPredictor pa;
        private final PixelPredictor pb;
        private final LogisticMixture ma = new LogisticMixture();
        private final LogisticMixture mb = new LogisticMixture();
        private final QuantizedMixture qa = new QuantizedMixture();
        private final QuantizedMixture qb = new QuantizedMixture();
        private final double[] weight;
        private int ctx;

        Predictor(PixelPredictor pa, PixelPredictor pb, int channels) {
            this.pa = pa;
            this.pb = pb;
            this.weight = new double[channels * CLASSES];
            java.util.Arrays.fill(weight, 0.5);
        }

        @Override
        public void beginPixel(int x, int y) {
            pa.beginPixel(x, y);
            pb.beginPixel(x, y);
        }

        private static double logSumExp(double[] v, int n) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double t = Double.isNaN(v[i]) ? 0 : v[i];
                if (t > max) {
                    max = t;
                }
            }
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += StrictMath.exp((Double.isNaN(v[i]) ? 0 : v[i]) - max);
            }
            return max + StrictMath.log(s);
        }

        @Override
        public void predict(int c, LogisticMixture out) {
            pa.predict(c, ma);
            pb.predict(c, mb);
            // context: the first model's mean log-scale, in classes of width 0.5 from -1
            double ls = 0;
            for (int k = 0; k < ma.components(); k++) {
                ls += Double.isNaN(ma.logScale[k]) ? 0 : ma.logScale[k];
            }
            ls /= ma.components();
            int cls = (int) StrictMath.floor((ls + 1.0) * 2.0);
            cls = cls < 0 ? 0 : (cls >= CLASSES ? CLASSES - 1 : cls);
            ctx = c * CLASSES + cls;
            double w = weight[ctx];
            int ka = ma.components();
            int kb = mb.components();
            int n = Math.min(ka + kb, LogisticMixture.MAX_COMPONENTS);
            double lseA = logSumExp(ma.logit, ka);
            double lseB = logSumExp(mb.logit, kb);
            double lwA = StrictMath.log(w);
            double lwB = StrictMath.log(1 - w);
            out.setComponents(n);
            for (int k = 0; k < ka; k++) {
                out.logit[k] = ma.logit[k] - lseA + lwA;
                out.mean[k] = ma.mean[k];
                out.logScale[k] = ma.logScale[k];
            }
            for (int k = 0; k < kb && ka + k < n; k++) {
                out.logit[ka + k] = mb.logit[k] - lseB + lwB;
                out.mean[ka + k] = mb.mean[k];
                out.logScale[ka + k] = mb.logScale[k];
            }
        }

        @Override
        public void observe(int c, int value) {
            qa.set(ma);
            qb.set(mb);
            double p1 = qa.frequency(value);
            double p2 = qb.frequency(value);
            double w = weight[ctx];
            double num = w * p1;
            double post = num / (num + (1 - w) * p2);
            weight[ctx] = (1 - SHARE) * post + SHARE * 0.5;
            pa.observe(c, value);
            pb.observe(c, value);
        }
    }
}
