package io.lcompress.codec.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.ComponentBudget;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.ElementaryMemo;
import io.lcompress.codec.mixture.LogisticMixture;

/**
 * Online least squares: a single logistic per subpixel whose location is a linear prediction fitted to
 * this image as it is coded, the predictor of the context-mixing image coders (TMW, MRP, paq8px's OLS).
 * It learns what a network trained on other images cannot: this image's own interpolation kernel, texture
 * period or colour correlation. Alone it is weaker than {@code fast}; its use is as an expert beside a
 * network or beside {@code fast} ({@code fast-ols}: -3.5 % on the validation photos against {@code fast}
 * with calibration; {@code wide-ols}: -1.8 % against the wide network mixed with {@code fast} alone, -5 % on
 * the largest photo). It is not a model of its own on the command line.
 *
 * <p><b>Parameters</b> (part of the fingerprint): the number of spatial neighbours {@code s} (the first
 * {@code s} of the offsets below), the forgetting factor {@code lambda}, the ridge {@code r} and how
 * often the weights are solved, every {@code k} columns.
 *
 * <p><b>Location.</b> Per channel {@code c}, the inputs are the first {@code s} of the causal neighbours
 * of the same channel at offsets (dx, dy) (-1,0), (0,-1), (-1,-1), (1,-1), (-2,0), (0,-2), (-2,-1),
 * (-1,-2), (1,-2), (2,-1), (-2,-2), (2,-2), (-3,0), (0,-3), (-3,-1), (3,-1), (-1,-3), (1,-3), (-3,-2),
 * (3,-2), (-2,-3), (2,-3), then for each of the (at most two) channels just before it, nearest first, that
 * channel's value at this pixel, at W and at N. The weights solve {@code (A + r I) w = b} with
 * {@code A = sum_t lambda^(T-t) x_t x_t^T} and {@code b = sum_t lambda^(T-t) v_t x_t} over the samples of
 * this channel coded so far (lower triangle only; after each sample {@code A[r][c] = lambda A[r][c] + x_r x_c},
 * {@code b[r] = lambda b[r] + x_r v}), by a Cholesky factorization with {@code StrictMath.sqrt} (the order
 * of operations: {@code Predictor.solveAndPredict}) before the prediction at every column {@code x} with
 * {@code x mod k = 0}; in between the channel's last weights are used (a pivot at or below 1e-9 gives the
 * weights (1, 0, ..., 0): the W input). Weights start at 0. The prediction is {@code w . x}. Every dot
 * product here keeps four partial sums ({@code Predictor.dot}): the solve runs at several times the
 * speed of one running sum, whose every addition waits for the one before.
 * The prediction is clamped to [-16, 271]. A neighbour outside the image is taken at the nearest column and
 * at row 0; a position that is then not before the current pixel in raster order (whatever the channel,
 * so also an earlier channel's W at column 0 and N at row 0) is replaced by the same channel's sample to
 * the left of the current pixel, else the one above it, else 128.
 *
 * <p><b>Scale.</b> Per channel, 16 classes ({@code fast}'s bounds 0, 1, 2, 4, 6, 9, 13, 19, 27, 39, 55, 79, 112,
 * 160, 230) of the sum of the rounded doubled absolute errors of the prediction at W, N, NW and NE (0 outside
 * the image), each with a running mean absolute error (prior sum 2 + 2 class over count 1; sum and count
 * halved when the count reaches 64); the logistic's scale is that mean over {@code 2 ln 2}, at least 0.08.
 *
 * <p>Arithmetic: double, in the order of this source, with {@code StrictMath.sqrt} and
 * {@code StrictMath.log}: encoder and decoder agree on every machine.
 */
public final class OlsPixelModel implements PixelModel {
    private static final long FINGERPRINT = 0x6f6c730000000001L;   // "ols" v1
    private static final int[][] OFFSETS = {
            {-1, 0}, {0, -1}, {-1, -1}, {1, -1}, {-2, 0}, {0, -2},
            {-2, -1}, {-1, -2}, {1, -2}, {2, -1}, {-2, -2}, {2, -2},
            {-3, 0}, {0, -3}, {-3, -1}, {3, -1}, {-1, -3}, {1, -3}, {-3, -2}, {3, -2}, {-2, -3}, {2, -3}};
    private static final int EARLIER = 2;
    private static final int CLASSES = 16;
    private static final int RESET = 64;
    private static final double MIN_SCALE = 0.08;
    private static final double MAD_PER_SCALE = 2 * 0.6931471805599453;
    private final int[][] spatialOffsets;
    private final double lambda;
    private final double ridge;
    private final int solveEvery;
    private final String name;
    private final long fingerprint;

    /**
     * @param spatial    how many of the neighbour offsets are inputs, 1..22
     * @param lambda     the forgetting factor, (0, 1]
     * @param ridge      added to the diagonal, &gt; 0
     * @param solveEvery the weights are solved at the columns divisible by this (1..64) and kept in between
     */
    public OlsPixelModel(String name, int spatial, double lambda, double ridge, int solveEvery) {
        if (spatial < 1 || spatial > OFFSETS.length || !(lambda > 0 && lambda <= 1) || !(ridge > 0)
                || solveEvery < 1 || solveEvery > 64) {
            throw new IllegalArgumentException("ols needs 1.." + OFFSETS.length
                    + " neighbours, 0 < lambda <= 1, ridge > 0 and a solve every 1..64 columns");
        }
        this.solveEvery = solveEvery;
        this.name = name;
        this.spatialOffsets = java.util.Arrays.copyOf(OFFSETS, spatial);
        this.lambda = lambda;
        this.ridge = ridge;
        long h = FINGERPRINT;
        h = h * 0x9E3779B97F4A7C15L + spatial;
        h = h * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(lambda);
        h = h * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(ridge);
        h = h * 0x9E3779B97F4A7C15L + solveEvery;
        this.fingerprint = h ^ (h >>> 29);
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
        return channels >= 1 && channels <= 4;
    }

    @Override
    public int maxComponents() {
        return ComponentBudget.FAST;
    }

    @Override
    public PixelPredictor newPredictor(Raster raster) {
        return new Predictor(raster);
    }

    /**
     * {@code a[ai..ai+len) . b[bi..bi+len)}: four partial sums over {@code k mod 4} for the first
     * {@code 4 floor(len/4)} terms, the rest added to the first, the result {@code (s0 + s1) + (s2 + s3)}.
     */
    private static double dot(double[] a, int ai, double[] b, int bi, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 4 <= len; k += 4) {
            s0 += a[ai + k] * b[bi + k];
            s1 += a[ai + k + 1] * b[bi + k + 1];
            s2 += a[ai + k + 2] * b[bi + k + 2];
            s3 += a[ai + k + 3] * b[bi + k + 3];
        }
        for (; k < len; k++) {
            s0 += a[ai + k] * b[bi + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Per-raster state; the parameters are the model's. */
    private final class Predictor implements PixelPredictor {
        private final Raster raster;
        private final int width;
        private final int channels;
        private final int[] inputs;
        private final double[][] a;      // per channel: n x n, row-major, symmetric
        private final double[][] b;
        private final double[][] x;      // per channel: the current inputs
        private final double[][] wc;     // per channel: the weights
        private final double[] chol;
        private final double[] tmp;
        private final double[] prediction;
        private final int[] context;
        private final double[] absSum;
        private final int[] count;
        private final int[][] errPrev;   // per channel and column: |error| x 2, rounded, previous row
        private final int[][] errCur;
        private final ElementaryMemo logMemo = ElementaryMemo.log(Elementary.STRICT);
        private int px;
        private int py;

        Predictor(Raster raster) {
            this.raster = raster;
            this.width = raster.width();
            this.channels = raster.channels();
            inputs = new int[channels];
            a = new double[channels][];
            b = new double[channels][];
            x = new double[channels][];
            wc = new double[channels][];
            for (int c = 0; c < channels; c++) {
                int n = spatialOffsets.length + 3 * Math.min(c, EARLIER);
                inputs[c] = n;
                a[c] = new double[n * n];
                b[c] = new double[n];
                x[c] = new double[n];
                wc[c] = new double[n];
            }
            chol = new double[(spatialOffsets.length + 3 * EARLIER) * (spatialOffsets.length + 3 * EARLIER)];
            tmp = new double[spatialOffsets.length + 3 * EARLIER];
            prediction = new double[channels];
            context = new int[channels];
            absSum = new double[channels * CLASSES];
            count = new int[channels * CLASSES];
            for (int i = 0; i < absSum.length; i++) {
                absSum[i] = 2 + 2 * (i % CLASSES);
                count[i] = 1;
            }
            errPrev = new int[channels][width];
            errCur = new int[channels][width];
        }

        @Override
        public void beginPixel(int x, int y) {
            if (x == 0 && y > 0) {
                for (int c = 0; c < channels; c++) {
                    int[] t = errPrev[c];
                    errPrev[c] = errCur[c];
                    errCur[c] = t;
                }
            }
            this.px = x;
            this.py = y;
        }

        /** Channel {@code c} at (xx, yy), or the nearest coded sample if that one is not coded yet. */
        private int causal(int xx, int yy, int c) {
            if (xx < 0) {
                xx = 0;
            } else if (xx >= width) {
                xx = width - 1;
            }
            if (yy < 0) {
                yy = 0;
            }
            if (yy > py || (yy == py && xx >= px)) {
                if (px > 0) {
                    xx = px - 1;
                    yy = py;
                } else if (py > 0) {
                    yy = py - 1;
                } else {
                    return 128;
                }
            }
            return raster.get(xx, yy, c);
        }

        private int error(int[] row, int xx) {
            if (xx < 0 || xx >= width) {
                return 0;
            }
            return row[xx];
        }

        @Override
        public void predict(int c, LogisticMixture out) {
            int n = inputs[c];
            double[] in = x[c];
            int i = 0;
            if (py >= 3 && px >= 3 && px + 3 < width) {     // every offset inside the image and coded
                for (int[] d : spatialOffsets) {
                    in[i++] = raster.get(px + d[0], py + d[1], c);
                }
                for (int e = c - 1; e >= 0 && e >= c - EARLIER; e--) {
                    in[i++] = raster.get(px, py, e);
                    in[i++] = raster.get(px - 1, py, e);
                    in[i++] = raster.get(px, py - 1, e);
                }
            } else {
                for (int[] d : spatialOffsets) {
                    in[i++] = causal(px + d[0], py + d[1], c);
                }
                for (int e = c - 1; e >= 0 && e >= c - EARLIER; e--) {
                    in[i++] = raster.get(px, py, e);
                    in[i++] = causal(px - 1, py, e);
                    in[i++] = causal(px, py - 1, e);
                }
            }
            double p = px % solveEvery == 0 ? solveAndPredict(a[c], b[c], in, n, wc[c]) : dot(wc[c], 0, in, 0, n);
            if (!(p > -16)) {
                p = -16;    // also NaN
            } else if (p > 271) {
                p = 271;
            }
            prediction[c] = p;
            int[] cur = errCur[c];
            int[] prev = errPrev[c];
            int e = error(cur, px - 1) + error(prev, px) + error(prev, px - 1) + error(prev, px + 1);
            int ctx = c * CLASSES + FastPixelModel.activityClassOf(e);
            context[c] = ctx;
            double mad = absSum[ctx] / count[ctx];
            double scale = mad / MAD_PER_SCALE;
            if (scale < MIN_SCALE) {
                scale = MIN_SCALE;
            }
            out.single(p, logMemo.apply(scale));   // StrictMath.log, of scales that recur (k <= 64)
        }

        /**
         * Solves (A + r I) w = b into {@code w} and returns w . in: Cholesky {@code L L^T}, row by row,
         * {@code L[r][c] = (A[r][c] (+ r on the diagonal) - dot(L[r][0..c), L[c][0..c))) / L[c][c]} and
         * {@code L[r][r] = sqrt(...)}; forward substitution {@code t[r] = (b[r] - dot(L[r][0..r), t[0..r))) / L[r][r]};
         * back substitution by columns, {@code w[r] = t[r] / L[r][r]} then {@code t[k] -= L[r][k] w[r]} for
         * {@code k < r}, from the last row up. If a pivot is not above 1e-9 the weights become
         * (1, 0, ..., 0), the W input.
         */
        private double solveAndPredict(double[] am, double[] bv, double[] in, int n, double[] w) {
            for (int r = 0; r < n; r++) {
                int rr = r * n;
                for (int col = 0; col < r; col++) {
                    double s = am[rr + col] - dot(chol, rr, chol, col * n, col);
                    chol[rr + col] = s / chol[col * n + col];
                }
                double s = (am[rr + r] + ridge) - dot(chol, rr, chol, rr, r);
                if (!(s > 1e-9)) {
                    java.util.Arrays.fill(w, 0, n, 0.0);
                    w[0] = 1;
                    return in[0];
                }
                chol[rr + r] = StrictMath.sqrt(s);
            }
            for (int r = 0; r < n; r++) {
                tmp[r] = (bv[r] - dot(chol, r * n, tmp, 0, r)) / chol[r * n + r];
            }
            for (int r = n - 1; r >= 0; r--) {
                double wr = tmp[r] / chol[r * n + r];
                w[r] = wr;
                for (int k = 0; k < r; k++) {
                    tmp[k] -= chol[r * n + k] * wr;
                }
            }
            return dot(w, 0, in, 0, n);
        }

        @Override
        public void observe(int c, int value) {
            int n = inputs[c];
            double[] in = x[c];
            double[] am = a[c];
            double[] bv = b[c];
            for (int r = 0; r < n; r++) {
                double xr = in[r];
                for (int col = 0; col <= r; col++) {
                    am[r * n + col] = lambda * am[r * n + col] + xr * in[col];
                }
                bv[r] = lambda * bv[r] + xr * value;
            }
            double err = value - prediction[c];
            double abs = err < 0 ? -err : err;
            errCur[c][px] = (int) (2 * abs + 0.5);
            int ctx = context[c];
            absSum[ctx] += abs;
            if (++count[ctx] >= RESET) {
                absSum[ctx] *= 0.5;
                count[ctx] >>= 1;
            }
        }
    }
}
