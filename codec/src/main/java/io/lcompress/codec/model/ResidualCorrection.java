package io.lcompress.codec.model;

import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.LogisticMixture;

/**
 * The correction of a learned model's mixture for the image being coded, shared by both mixers
 * ({@link MixedPixelModel}, {@link LeanMixedPixelModel}). The network is trained on other images; its
 * errors on this one are spatially correlated, and this learns how, identically in encoder and decoder:
 * <ul>
 *   <li>every mean is shifted by a running bias plus a normalized-LMS prediction of the model's error
 *       from its residuals at W, N, NW, NE (same channel) and at this pixel's two earlier channels
 *       (step {@value #MU}, weights per channel from 0);</li>
 *   <li>every log-scale is shifted by a running log-ratio of the observed to the expected absolute
 *       error ({@code log(0.5 + |r|) - log(0.5 + E)}, E the mixture's mean absolute deviation);</li>
 *   <li>bias and log-ratio per channel and context ({@link #context}: 8 classes of the model's mean
 *       log-scale), exponential averages with rate 1/32.</li>
 * </ul>
 * Double arithmetic in the order of this source; the only elementary function is the log of the
 * observed error, from the mixer's {@link Elementary}.
 */
final class ResidualCorrection {
    static final int CLASSES = 8;
    private static final double RATE = 1.0 / 32;
    /** Normalized-LMS step of the residual correction, and its taps (W, N, NW, NE, two earlier channels). */
    private static final double MU = 0.01;
    private static final int TAPS = 6;

    private final int width;
    private final int channels;
    private final double[] resid;        // two rows of the model's residuals, ring buffer
    private final double[] lms;          // per channel TAPS weights
    private final double[] tap = new double[TAPS];
    private final double[] bias;
    private final double[] logRatio;
    private double corr;
    private int ctx;

    ResidualCorrection(int channels, int width) {
        this.width = width;
        this.channels = channels;
        this.resid = new double[2 * width * channels];
        this.lms = new double[channels * TAPS];
        this.bias = new double[channels * CLASSES];
        this.logRatio = new double[channels * CLASSES];
    }

    /** Context of channel c: the mixture's mean (finite) log-scale in classes of width 0.5 from -1. */
    static int context(int c, LogisticMixture m) {
        int k = m.components();
        double ls = 0;
        for (int i = 0; i < k; i++) {
            ls += LogisticMixture.finite(m.logScale[i]);
        }
        ls /= k;
        int cls = (int) StrictMath.floor((ls + 1.0) * 2.0);
        cls = cls < 0 ? 0 : (cls >= CLASSES ? CLASSES - 1 : cls);
        return c * CLASSES + cls;
    }

    /** Prepares the correction of channel c at (x, y) in context {@code ctx} (see {@link #context}). */
    void predict(int c, int x, int y, int ctx) {
        this.ctx = ctx;
        int row = (y & 1) * width * channels;
        int prev = ((y + 1) & 1) * width * channels;
        tap[0] = x > 0 ? resid[row + (x - 1) * channels + c] : 0;
        tap[1] = y > 0 ? resid[prev + x * channels + c] : 0;
        tap[2] = x > 0 && y > 0 ? resid[prev + (x - 1) * channels + c] : 0;
        tap[3] = x + 1 < width && y > 0 ? resid[prev + (x + 1) * channels + c] : 0;
        tap[4] = c > 0 ? resid[row + x * channels + c - 1] : 0;
        tap[5] = c > 1 ? resid[row + x * channels + c - 2] : 0;
        corr = 0;
        for (int i = 0; i < TAPS; i++) {
            corr += lms[c * TAPS + i] * tap[i];
        }
    }

    /** What to add to every mean of the prepared channel. */
    double shift() {
        return bias[ctx] + corr;
    }

    /** What to add to every log-scale of the prepared channel. */
    double scaleShift() {
        return logRatio[ctx];
    }

    /**
     * Learns from the coded value of the prepared channel: {@code meanA} the uncorrected mixture's mean,
     * {@code expectedLog} = {@code log(0.5 + E)} with E its mean absolute deviation.
     */
    void observe(int c, int x, int y, int value, double meanA, double expectedLog, Elementary fn) {
        double raw = value - meanA;
        resid[(y & 1) * width * channels + x * channels + c] = raw;
        double r = raw - corr;
        double e = r - bias[ctx];       // error of the corrected mean
        double norm = 1.0;
        for (int i = 0; i < TAPS; i++) {
            norm += tap[i] * tap[i];
        }
        double step = MU * e / norm;
        for (int i = 0; i < TAPS; i++) {
            lms[c * TAPS + i] += step * tap[i];
        }
        bias[ctx] += RATE * (r - bias[ctx]);
        double observed = fn.log(0.5 + (r < 0 ? -r : r));
        logRatio[ctx] += RATE * ((observed - expectedLog) - logRatio[ctx]);
    }
}
