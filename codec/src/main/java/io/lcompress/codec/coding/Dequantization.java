package io.lcompress.codec.coding;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.PixelPredictor;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Diagnostics of a network's logistic mixture read two ways (what {@code lcompress eval --dequantized}
 * reports): as a distribution over the 256 bins and as a continuous density. Nothing here feeds the
 * coder, so it computes in plain double with {@link Math}.
 *
 * <p>The mixture of one subpixel is first sanitized as {@link QuantizedMixture} does (NaN logits 0,
 * clamped to +-1e4; NaN means 127.5, clamped to [-1024, 1279]; NaN log-scales 0, clamped to [-7, 7]),
 * giving weights {@code w_k = softmax(logit)_k}, locations {@code mu_k} and scales
 * {@code s_k = exp(logScale_k)}. With {@code sigma} the logistic sigmoid and {@code z_k(y) = (y - mu_k) / s_k}:
 *
 * <h2>Discrete: the mixture's own bin masses</h2>
 * <pre>
 *   F(y)    = sum_k w_k sigma(z_k(y))                         (the mixture CDF)
 *   P(b)    = F(b + 0.5) - F(b - 0.5),   F(-0.5) := 0 for b = 0,  F(255.5) := 1 for b = 255
 * </pre>
 * (bins centred on the values, left tail folded into 0 and right tail into 255: PixelCNN++). Per
 * component, with {@code a = z_k(b + 0.5)} and {@code c = z_k(b - 0.5)} ({@code a - c = 1 / s_k}), the
 * difference is taken in log space without cancellation:
 * <pre>
 *   log(sigma(a) - sigma(c)) = log sigma(a) + log sigma(-c) + log(1 - exp(-(a - c)))
 *   log sigma(x)             = -(max(-x, 0) + log1p(exp(-|x|)))
 *   log(1 - exp(-d))         = d < ln 2 ? log(-expm1(-d)) : log1p(-exp(-d))
 * </pre>
 * bin 0 being {@code log sigma(a)} and bin 255 {@code log sigma(-c)}; then
 * {@code log P(b) = logsumexp_k (log w_k + log P_k(b))}, floored at {@code log(1e-300)}.
 * {@code discrete_bits} sums {@code -log2 P(x)} over the subpixels' true values x. These are the masses the
 * coder's integer frequencies approximate ({@link QuantizedMixture} adds a floor of 1/2^20 per bin and
 * rounds), so they come out close to {@code model_bits}.
 *
 * <h2>Dequantized: the mixture as a density on the real line</h2>
 * <pre>
 *   f(y)     = sum_k w_k sigma'(z_k(y)) / s_k,   sigma'(z) = sigma(z) sigma(-z)
 *   log f(y) = logsumexp_k (log w_k + log sigma(z_k) + log sigma(-z_k) - logScale_k)
 * </pre>
 * (also floored at {@code log(1e-300)}), evaluated at {@code y = x - 0.5 + u} with {@code u} uniform in
 * [0, 1) drawn {@code S} times per subpixel from a {@link SplittableRandom} seeded with
 * {@code seed + stripe index}: {@code dequantized_bits} sums {@code -(1/S) sum_j log2 f(x - 0.5 + u_j)}.
 * In expectation over {@code u} this is the code length of the dequantized data
 * {@code x + u - 0.5} under the density, and by Jensen it is never below the discrete one:
 * {@code E_u[-log f] >= -log integral_bin f >= -log P(x)} (the density's tails beyond -0.5 and 255.5 are
 * lost to it, while bins 0 and 255 keep them). With finite S a single image's gap can come out slightly
 * negative.
 *
 * <p>The model runs exactly as in coding: per stripe of {@code stripeRows} rows an independent raster and
 * a fresh predictor ({@code beginPixel}, then {@code predict} and {@code observe} per channel, in raster
 * order, the true samples in the raster), without the coding stages ({@code chroma repeat} and the like).
 */
public final class Dequantization {
    /** Floor of bin masses and densities, so that no value costs infinitely many bits. */
    static final double LOG_FLOOR = StrictMath.log(1e-300);
    private static final double LN2 = StrictMath.log(2);

    private Dequantization() {
    }

    /**
     * Totals over an image, in bits: {@code discreteBits} (the mixtures' own bin masses) and
     * {@code dequantizedBits} (the Monte Carlo estimate of the density's code length), and
     * {@code quantizedBits}: the same mixtures' code length under the coder's integer frequencies
     * ({@link QuantizedMixture}, full alphabet), i.e. the model's code length without the coding stages.
     */
    public record Result(long subpixels, double discreteBits, double dequantizedBits, double quantizedBits) {
        public double discreteBpsp() {
            return discreteBits / subpixels;
        }

        public double dequantizedBpsp() {
            return dequantizedBits / subpixels;
        }

        /** dequantized - discrete, in bits per subpixel. */
        public double gapBpsp() {
            return (dequantizedBits - discreteBits) / subpixels;
        }
    }

    /**
     * Both figures for {@code raster}, coded as stripes of {@code stripeRows} rows with fresh predictors of
     * {@code model} (a network whose mixtures are to be read), {@code samples} draws of u per subpixel,
     * stripes on up to {@code threads} threads (the result does not depend on it).
     */
    public static Result evaluate(Raster raster, PixelModel model, int stripeRows, int samples, long seed,
                                  int threads) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be >= 1: " + samples);
        }
        int height = raster.height();
        int stripes = (height + stripeRows - 1) / stripeRows;
        double[][] parts = new double[stripes][];
        int workers = Math.max(1, Math.min(threads, stripes));
        if (workers == 1) {
            for (int s = 0; s < stripes; s++) {
                parts[s] = stripe(raster, model, s, stripeRows, samples, seed);
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            try {
                List<Future<double[]>> futures = new ArrayList<>();
                for (int s = 0; s < stripes; s++) {
                    int index = s;
                    futures.add(pool.submit(() -> stripe(raster, model, index, stripeRows, samples, seed)));
                }
                for (int s = 0; s < stripes; s++) {
                    parts[s] = futures.get(s).get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw c instanceof RuntimeException r ? r : new IllegalStateException(c);
            } finally {
                pool.shutdownNow();
            }
        }
        double discrete = 0;
        double dequantized = 0;
        double quantized = 0;
        for (double[] p : parts) {      // in stripe order: the same sums on any number of threads
            discrete += p[0];
            dequantized += p[1];
            quantized += p[2];
        }
        return new Result((long) raster.width() * height * raster.channels(), discrete, dequantized, quantized);
    }

    /** {discrete bits, dequantized bits, quantized bits} of stripe {@code index}. */
    private static double[] stripe(Raster raster, PixelModel model, int index, int stripeRows, int samples,
                                   long seed) {
        int y0 = index * stripeRows;
        Raster part = raster.rows(y0, Math.min(stripeRows, raster.height() - y0));
        PixelPredictor predictor = model.newPredictor(part);
        LogisticMixture mixture = new LogisticMixture();
        Clean m = new Clean();
        QuantizedMixture q = new QuantizedMixture(model.elementary());
        SplittableRandom random = new SplittableRandom(seed + index);
        int width = part.width();
        int channels = part.channels();
        byte[] v = part.samples();
        double discrete = 0;
        double dequantized = 0;
        double quantized = 0;
        int i = 0;
        for (int y = 0; y < part.height(); y++) {
            for (int x = 0; x < width; x++) {
                predictor.beginPixel(x, y);
                for (int c = 0; c < channels; c++) {
                    int s = v[i++] & 0xFF;
                    predictor.predict(c, mixture);
                    m.set(mixture);
                    discrete -= m.logBinMass(s) / LN2;
                    double nats = 0;
                    for (int j = 0; j < samples; j++) {
                        nats -= m.logDensity(s - 0.5 + random.nextDouble());
                    }
                    dequantized += nats / samples / LN2;
                    quantized += q.set(mixture).bits(s);
                    predictor.observe(c, s);
                }
            }
        }
        return new double[]{discrete, dequantized, quantized};
    }

    /** A sanitized mixture: log-weights, locations and log-scales (see the class comment). */
    static final class Clean {
        final double[] logWeight = new double[LogisticMixture.MAX_COMPONENTS];
        final double[] mean = new double[LogisticMixture.MAX_COMPONENTS];
        final double[] logScale = new double[LogisticMixture.MAX_COMPONENTS];
        final double[] invScale = new double[LogisticMixture.MAX_COMPONENTS];
        private final double[] terms = new double[LogisticMixture.MAX_COMPONENTS];
        int k;

        Clean set(LogisticMixture m) {
            k = m.components();
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                logWeight[i] = clean(m.logit[i], 0.0, -1e4, 1e4);
                max = Math.max(max, logWeight[i]);
            }
            double sum = 0;
            for (int i = 0; i < k; i++) {
                sum += StrictMath.exp(logWeight[i] - max);
            }
            double lse = max + StrictMath.log(sum);
            for (int i = 0; i < k; i++) {
                logWeight[i] -= lse;
                mean[i] = clean(m.mean[i], 127.5, -1024, 1279);
                logScale[i] = clean(m.logScale[i], 0.0, QuantizedMixture.MIN_LOG_SCALE, QuantizedMixture.MAX_LOG_SCALE);
                invScale[i] = StrictMath.exp(-logScale[i]);
            }
            return this;
        }

        /** log P(b), the natural log of bin b's mass (b in 0..255). */
        double logBinMass(int b) {
            for (int i = 0; i < k; i++) {
                double a = (b + 0.5 - mean[i]) * invScale[i];      // upper edge
                double c = (b - 0.5 - mean[i]) * invScale[i];      // lower edge
                double lp;
                if (b <= 0) {
                    lp = logSigmoid(a);
                } else if (b >= 255) {
                    lp = logSigmoid(-c);
                } else {
                    lp = logSigmoid(a) + logSigmoid(-c) + log1mExp(invScale[i]);
                }
                terms[i] = logWeight[i] + lp;
            }
            return Math.max(LOG_FLOOR, logSumExp(terms, k));
        }

        /** log f(y), the natural log of the mixture's density at y. */
        double logDensity(double y) {
            for (int i = 0; i < k; i++) {
                double z = (y - mean[i]) * invScale[i];
                terms[i] = logWeight[i] + logSigmoid(z) + logSigmoid(-z) - logScale[i];
            }
            return Math.max(LOG_FLOOR, logSumExp(terms, k));
        }
    }

    static double clean(double v, double ifNaN, double lo, double hi) {
        if (Double.isNaN(v)) {
            return ifNaN;
        }
        return v < lo ? lo : (v > hi ? hi : v);
    }

    /** log sigma(x) = -softplus(-x), without overflow. */
    static double logSigmoid(double x) {
        return -(Math.max(-x, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x))));
    }

    /** log(1 - exp(-d)) for d > 0 (Maechler's log1mexp). */
    static double log1mExp(double d) {
        return d < LN2 ? StrictMath.log(-StrictMath.expm1(-d)) : StrictMath.log1p(-StrictMath.exp(-d));
    }

    static double logSumExp(double[] t, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, t[i]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += StrictMath.exp(t[i] - max);
        }
        return max + StrictMath.log(s);
    }
}
