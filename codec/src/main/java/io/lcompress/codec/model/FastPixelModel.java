package io.lcompress.codec.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.ElementaryMemo;
import io.lcompress.codec.mixture.LogisticMixture;

/**
 * The non-learned baseline ({@code --model fast}): a single logistic per subpixel from a blend of
 * classical predictors that corrects itself as it goes.
 *
 * <p><b>Location.</b> Several predictors - W, N, the gradient W+N-NW, (W+NE)/2, the median-edge
 * (LOCO-I) predictor, two normalized-LMS linear predictors over seven neighbours and the earlier
 * channels' residuals (weights adapted per channel as the image is coded, steps 0.15 and 0.01) and, for
 * channels after the first, the same pixel's previous-channel residual carried over to the
 * median-edge, W and N predictions - are blended with weights
 * {@code 1 / (0.5 + E_i)^2}, where {@code E_i} is predictor i's absolute error summed over the N, W, NW
 * and NE neighbours (a simplified form of JPEG-XL's self-correcting weighted predictor). An adaptive
 * per-context bias is added.
 *
 * <p><b>Scale.</b> Per channel, 16 classes from the blended prediction's absolute errors at the N, W,
 * NW and NE neighbours times 4 classes of the spread of the W, N, gradient and (W+NE)/2 predictions
 * (first channel) or of the previous channel's error at this pixel (later channels); each keeps the running mean absolute error (integer sums halved every
 * 64 samples, as in JPEG-LS), and the logistic's scale is that mean divided by {@code 2 ln 2}.
 *
 * <p>All state is integer or double arithmetic in a fixed order, plus {@code StrictMath.log}: encoder
 * and decoder agree on every machine. Borders: outside neighbours fall back to the nearest available
 * one (N for W at the first column, W for N on the first row, 128 at the first pixel); errors outside
 * the image count as 0.
 */
public final class FastPixelModel implements PixelModel {
    public static final String NAME = "fast";
    /** Bump when the algorithm changes: files made by another version are refused by fingerprint. */
    private static final long FINGERPRINT = 0x6661737400000004L;   // "fast" v4

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public long fingerprint() {
        return FINGERPRINT;
    }

    @Override
    public boolean supportsChannels(int channels) {
        return channels >= 1 && channels <= 4;
    }

    /** A single logistic ({@link io.lcompress.codec.mixture.ComponentBudget#FAST}). */
    @Override
    public int maxComponents() {
        return io.lcompress.codec.mixture.ComponentBudget.FAST;
    }

    @Override
    public PixelPredictor newPredictor(Raster raster) {
        return new Predictor(raster);
    }

    private static final int CLASSES = 16;
    private static final int RESET = 64;
    private static final double MIN_SCALE = 0.08;
    /** Second context dimension: predictor spread (first channel) or previous channel's error. */
    private static final int SUB = 4;
    private static final int PREDICTORS = 10;
    /** Inputs of the NLMS predictor: 7 neighbours and up to 2 earlier-channel residuals. */
    private static final int LMS_INPUTS = 9;
    /** NLMS step size (normalized; 0 < rate < 2). */
    private static final double LMS_RATE = 0.15;
    /** A second, slower NLMS predictor (step 0.01) for smooth, clean images. */
    private static final double SLOW_LMS_RATE = 0.01;
    /** Mean absolute deviation of a logistic is 2 ln 2 times its scale. */
    private static final double MAD_PER_SCALE = 2 * 0.6931471805599453;
    /** 2^52: from it on every double is an integer. */
    private static final double TWO_TO_52 = 4503599627370496.0;

    /**
     * {@code (int) StrictMath.rint(x)}, bit for bit, for every double (NaN 0, the infinities and values beyond
     * the int range clamped as the cast clamps them): the same sequence of operations as {@code
     * StrictMath.rint} (adding and subtracting 2^52 rounds to the nearest integer, ties to even), without
     * its {@code Math.copySign}, which the quick JIT calls instead of inlining (1.5 % of a level 1 encode).
     * A negative x goes the mirrored way, {@code (x - 2^52) + 2^52} (IEEE rounding is symmetric). Beyond 2^52 in
     * magnitude the sum may round, but such a value is beyond the int range both ways, and the cast clamps it;
     * NaN stays NaN and casts to 0. Small enough (29 bytes of bytecode) for the quick JIT to inline.
     */
    static int rintToInt(double x) {
        return (int) (x >= 0 ? (x + TWO_TO_52) - TWO_TO_52 : (x - TWO_TO_52) + TWO_TO_52);
    }

    private static final int[] BOUNDS = {0, 1, 2, 4, 6, 9, 13, 19, 27, 39, 55, 79, 112, 160, 230};
    /**
     * A predictor's blending weight {@code 1 / e^2}, {@code e = 0.5 + 0.5 s}, for the neighbourhood error
     * sums {@code s} below 4096: the same expression, computed once (sums beyond it are computed in place).
     */
    private static final double[] INVERSE_SQUARES = new double[4096];

    static {
        for (int s = 0; s < INVERSE_SQUARES.length; s++) {
            double e = 0.5 + 0.5 * s;
            INVERSE_SQUARES[s] = 1.0 / (e * e);
        }
    }

    /**
     * The class 0..15 of a neighbourhood's summed (doubled, rounded) absolute errors: the number of
     * {@code BOUNDS} it exceeds. Shared with {@link OlsPixelModel}'s scale contexts.
     */
    static int activityClass(int activity) {
        int cls = 0;
        while (cls < BOUNDS.length && activity > BOUNDS[cls]) {
            cls++;
        }
        return cls;
    }

    /** {@link #activityClass} of the sums below its last bound plus one, read from a table. */
    private static final byte[] ACTIVITY_CLASS = new byte[BOUNDS[BOUNDS.length - 1] + 1];

    static {
        for (int a = 0; a < ACTIVITY_CLASS.length; a++) {
            ACTIVITY_CLASS[a] = (byte) activityClass(a);
        }
    }

    /** {@link #activityClass}, by table up to the last bound (every larger sum exceeds all bounds). */
    static int activityClassOf(int activity) {
        return activity < ACTIVITY_CLASS.length ? (activity < 0 ? 0 : ACTIVITY_CLASS[activity]) : BOUNDS.length;
    }

    /**
     * The predictor of one raster. Error rows are padded: column x lives at index x + 1, and the two
     * pads (x = -1 and x = width) are never written, so they read as the 0 that the definition gives
     * outside the image; before the second row the previous row is all 0 as well. The per-predictor
     * errors of a row are interleaved ({@code (x + 1) * PREDICTORS + i}), so a pixel's neighbourhood
     * sums read four short runs of one array. Same sums, same order of floating-point operations as
     * the definition above: the bytes coded are unchanged.
     */
    private static final class Predictor implements PixelPredictor {
        private final Raster raster;
        private final byte[] samples;
        private final int width;
        private final int channels;
        private final int[] absSum;
        private final int[] errSum;
        private final int[] count;
        // per channel, padded and interleaved: the predictors' absolute errors (x2, rounded) on the
        // previous and the current row
        private final int[][] errPrev;
        private final int[][] errCur;
        // per channel, padded: absolute error of the blended prediction on previous and current row
        private final int[][] blendPrev;
        private final int[][] blendCur;
        private final double[][] preds;   // per channel: the predictors' values at the current pixel
        private final double[] med;       // median-edge prediction per channel of the current pixel
        private final int[] wv;           // W, N per channel of the current pixel (for residual transfer)
        private final int[] nv;
        private final int[] context;
        private final double[] location;
        private final double[][] lmsWeights;
        private final double[][] slowWeights;
        private final double[][] lmsInputs;
        private final ElementaryMemo logMemo = ElementaryMemo.log(Elementary.STRICT);   // StrictMath.log of recurring scales
        private int x;
        private int y;

        Predictor(Raster raster) {
            this.raster = raster;
            this.samples = raster.samples();
            this.width = raster.width();
            this.channels = raster.channels();
            int n = channels * CLASSES * SUB;
            absSum = new int[n];
            errSum = new int[n];
            count = new int[n];
            for (int i = 0; i < n; i++) {
                absSum[i] = 2 + 2 * (i / SUB % CLASSES);   // prior: larger errors in busier contexts
                count[i] = 1;
            }
            errPrev = new int[channels][(width + 2) * PREDICTORS];
            errCur = new int[channels][(width + 2) * PREDICTORS];
            blendPrev = new int[channels][width + 2];
            blendCur = new int[channels][width + 2];
            preds = new double[channels][PREDICTORS];
            med = new double[channels];
            wv = new int[channels];
            nv = new int[channels];
            context = new int[channels];
            location = new double[channels];
            lmsWeights = new double[channels][LMS_INPUTS];
            slowWeights = new double[channels][LMS_INPUTS];
            lmsInputs = new double[channels][LMS_INPUTS];
        }

        @Override
        public void beginPixel(int x, int y) {
            if (x == 0 && y > 0) {
                for (int c = 0; c < channels; c++) {
                    int[] r = errPrev[c];
                    errPrev[c] = errCur[c];
                    errCur[c] = r;
                    r = blendPrev[c];
                    blendPrev[c] = blendCur[c];
                    blendCur[c] = r;
                }
            }
            this.x = x;
            this.y = y;
        }

        @Override
        public void predict(int c, LogisticMixture out) {
            final int x = this.x;
            final int y = this.y;
            final byte[] samples = this.samples;
            final int channels = this.channels;
            final int at = (y * width + x) * channels + c;     // this subpixel's index
            final int up = at - width * channels;
            int w;
            int n;
            int nw;
            int ne;
            if (y == 0) {
                w = x > 0 ? samples[at - channels] & 0xFF : 128;
                n = w;
                nw = w;
                ne = w;
            } else {
                n = samples[up] & 0xFF;
                w = x > 0 ? samples[at - channels] & 0xFF : n;
                nw = x > 0 ? samples[up - channels] & 0xFF : n;
                ne = x + 1 < width ? samples[up + channels] & 0xFF : n;
            }
            int mx = w > n ? w : n;
            int mn = w < n ? w : n;
            int m = nw >= mx ? mn : (nw <= mn ? mx : w + n - nw);
            final double[] med = this.med;
            med[c] = m;
            wv[c] = w;
            nv[c] = n;
            double[] p = preds[c];
            p[0] = w;
            p[1] = n;
            p[2] = w + n - nw;
            p[3] = (w + ne) * 0.5;
            p[4] = m;
            // normalized LMS on the neighbours (and earlier channels' residuals), relative to MED
            double[] u = lmsInputs[c];
            u[0] = n - m;
            u[1] = w - m;
            u[2] = nw - m;
            u[3] = ne - m;
            // N of N, W of W and NE of N, where coded, else N, W and NE (columns clamped at the right edge)
            int up2 = up - width * channels;
            u[4] = (y >= 2 ? samples[up2] & 0xFF : n) - m;
            u[5] = (x >= 2 ? samples[at - 2 * channels] & 0xFF : w) - m;
            u[6] = (y >= 2 ? samples[x + 1 < width ? up2 + channels : up2] & 0xFF : ne) - m;
            u[7] = c > 0 ? (samples[at - 1] & 0xFF) - med[c - 1] : 0;
            u[8] = c > 1 ? (samples[at - 2] & 0xFF) - med[c - 2] : 0;
            double[] lw = lmsWeights[c];
            double[] sw = slowWeights[c];
            double dot = 0;
            double slow = 0;
            for (int i = 0; i < LMS_INPUTS; i++) {
                dot += lw[i] * u[i];
                slow += sw[i] * u[i];
            }
            p[5] = m + dot;
            p[6] = m + slow;
            int used = 7;
            if (c > 0) {
                int prev = samples[at - 1] & 0xFF;
                p[7] = m + (prev - med[c - 1]);
                p[8] = w + (prev - wv[c - 1]);
                p[9] = n + (prev - nv[c - 1]);
                used = 10;
            }
            double num = 0;
            double den = 0;
            // the neighbourhood N, W, NW, NE of each predictor's errors (0 outside the image: the pads)
            int[] cur = errCur[c];
            int[] prevRow = errPrev[c];
            int o = (x + 1) * PREDICTORS;
            for (int i = 0; i < used; i++, o++) {
                int s = cur[o - PREDICTORS] + prevRow[o] + prevRow[o - PREDICTORS] + prevRow[o + PREDICTORS];
                double wgt;
                if (s < INVERSE_SQUARES.length) {
                    wgt = INVERSE_SQUARES[s];
                } else {
                    double e = 0.5 + 0.5 * s;
                    wgt = 1.0 / (e * e);
                }
                num += wgt * p[i];
                den += wgt;
            }
            double blend = num / den;
            int[] bc = blendCur[c];
            int[] bp = blendPrev[c];
            int cls = activityClassOf(bc[x] + bp[x + 1] + bp[x] + bp[x + 2]);
            int sub;
            if (c == 0) {
                // the spread of W, N, W + N - NW and (W + NE) / 2, doubled: all four are then integers
                int a0 = 2 * w;
                int a1 = 2 * n;
                int a2 = 2 * (w + n - nw);
                int a3 = w + ne;
                int lo = Math.min(Math.min(a0, a1), Math.min(a2, a3));
                int hi = Math.max(Math.max(a0, a1), Math.max(a2, a3));
                int spread2 = hi - lo;
                sub = spread2 <= 4 ? 0 : (spread2 <= 16 ? 1 : (spread2 <= 40 ? 2 : 3));
            } else {
                double r = (samples[at - 1] & 0xFF) - location[c - 1];
                r = r < 0 ? -r : r;
                sub = r <= 1.5 ? 0 : (r <= 4.5 ? 1 : (r <= 12.5 ? 2 : 3));
            }
            int ctx = (c * CLASSES + cls) * SUB + sub;
            int k = count[ctx];
            double loc = blend + (double) errSum[ctx] / (4.0 * k);
            context[c] = ctx;
            location[c] = loc;
            double scale = (double) absSum[ctx] / k / MAD_PER_SCALE;
            if (scale < MIN_SCALE) {
                scale = MIN_SCALE;
            }
            out.single(loc, logMemo.apply(scale));
        }

        @Override
        public void observe(int c, int value) {
            double[] p = preds[c];
            int used = c > 0 ? 10 : 7;
            double[] u = lmsInputs[c];
            double norm = 1.0;
            for (int i = 0; i < LMS_INPUTS; i++) {
                norm += u[i] * u[i];
            }
            double g = LMS_RATE * (value - p[5]) / norm;
            double gs = SLOW_LMS_RATE * (value - p[6]) / norm;
            double[] lw = lmsWeights[c];
            double[] sw = slowWeights[c];
            for (int i = 0; i < LMS_INPUTS; i++) {
                lw[i] += g * u[i];
                sw[i] += gs * u[i];
            }
            int[] cur = errCur[c];
            int o = (x + 1) * PREDICTORS;
            for (int i = 0; i < used; i++) {
                double e = value - p[i];
                cur[o + i] = (int) ((e < 0 ? -e : e) * 2 + 0.5);
            }
            int ctx = context[c];
            double err = value - location[c];
            int absErr = (int) ((err < 0 ? -err : err) + 0.5);
            blendCur[c][x + 1] = absErr;
            absSum[ctx] += absErr;
            int k = count[ctx];
            double biasErr = err + (double) errSum[ctx] / (4.0 * k);   // error of the unbiased blend
            errSum[ctx] += rintToInt(4 * biasErr);
            k++;
            if (k >= RESET) {
                absSum[ctx] >>= 1;
                errSum[ctx] /= 2;
                k >>= 1;
            }
            count[ctx] = k;
        }
    }
}
