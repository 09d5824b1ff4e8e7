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

    private static final class Predictor implements PixelPredictor {
        private final Raster raster;
        private final int width;
        private final int channels;
        private final int[] absSum;
        private final int[] errSum;
        private final int[] count;
        // per channel, predictor and column: absolute error (x2, rounded) on the previous and current row
        private final int[][] errPrev;
        private final int[][] errCur;
        // per channel and column: absolute error of the blended prediction on previous and current row
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
        private final int[] lmsCount;
        private final ElementaryMemo logMemo = ElementaryMemo.log(Elementary.STRICT);   // StrictMath.log of recurring scales
        private int x;
        private int y;

        Predictor(Raster raster) {
            this.raster = raster;
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
            errPrev = new int[channels * PREDICTORS][width];
            errCur = new int[channels * PREDICTORS][width];
            blendPrev = new int[channels][width];
            blendCur = new int[channels][width];
            preds = new double[channels][PREDICTORS];
            med = new double[channels];
            wv = new int[channels];
            nv = new int[channels];
            context = new int[channels];
            location = new double[channels];
            lmsWeights = new double[channels][LMS_INPUTS];
            slowWeights = new double[channels][LMS_INPUTS];
            lmsInputs = new double[channels][LMS_INPUTS];
            lmsCount = new int[channels];
        }

        /** Sample at (xx, yy) if it is already coded, else {@code fallback}; columns are clamped above. */
        private int causal(int xx, int yy, int c, int fallback) {
            if (yy < 0 || (yy == y && (xx < 0 || xx >= x))) {
                return fallback;
            }
            xx = xx < 0 ? 0 : (xx >= width ? width - 1 : xx);
            return raster.get(xx, yy, c);
        }

        @Override
        public void beginPixel(int x, int y) {
            if (x == 0 && y > 0) {
                for (int i = 0; i < errCur.length; i++) {
                    int[] r = errPrev[i];
                    errPrev[i] = errCur[i];
                    errCur[i] = r;
                }
                for (int c = 0; c < channels; c++) {
                    int[] r = blendPrev[c];
                    blendPrev[c] = blendCur[c];
                    blendCur[c] = r;
                }
            }
            this.x = x;
            this.y = y;
        }

        /** Sum of an error row's values at N, W, NW, NE (0 outside the image). */
        private int neighbourhood(int[] prev, int[] cur) {
            int s = 0;
            if (x > 0) {
                s += cur[x - 1];
            }
            if (y > 0) {
                s += prev[x];
                if (x > 0) {
                    s += prev[x - 1];
                }
                if (x + 1 < width) {
                    s += prev[x + 1];
                }
            }
            return s;
        }

        @Override
        public void predict(int c, LogisticMixture out) {
            int w;
            int n;
            int nw;
            int ne;
            if (y == 0) {
                w = x > 0 ? raster.get(x - 1, 0, c) : 128;
                n = w;
                nw = w;
                ne = w;
            } else {
                n = raster.get(x, y - 1, c);
                w = x > 0 ? raster.get(x - 1, y, c) : n;
                nw = x > 0 ? raster.get(x - 1, y - 1, c) : n;
                ne = x + 1 < width ? raster.get(x + 1, y - 1, c) : n;
            }
            int mx = Math.max(w, n);
            int mn = Math.min(w, n);
            int m = nw >= mx ? mn : (nw <= mn ? mx : w + n - nw);
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
            u[4] = causal(x, y - 2, c, n) - m;
            u[5] = causal(x - 2, y, c, w) - m;
            u[6] = causal(x + 1, y - 2, c, ne) - m;
            u[7] = c > 0 ? raster.get(x, y, c - 1) - med[c - 1] : 0;
            u[8] = c > 1 ? raster.get(x, y, c - 2) - med[c - 2] : 0;
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
                int prev = raster.get(x, y, c - 1);
                p[7] = m + (prev - med[c - 1]);
                p[8] = w + (prev - wv[c - 1]);
                p[9] = n + (prev - nv[c - 1]);
                used = 10;
            }
            double num = 0;
            double den = 0;
            int base = c * PREDICTORS;
            for (int i = 0; i < used; i++) {
                int s = neighbourhood(errPrev[base + i], errCur[base + i]);
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
            int cls = activityClass(neighbourhood(blendPrev[c], blendCur[c]));
            int sub;
            if (c == 0) {
                double lo = Math.min(Math.min(p[0], p[1]), Math.min(p[2], p[3]));
                double hi = Math.max(Math.max(p[0], p[1]), Math.max(p[2], p[3]));
                double spread = hi - lo;
                sub = spread <= 2 ? 0 : (spread <= 8 ? 1 : (spread <= 20 ? 2 : 3));
            } else {
                double r = raster.get(x, y, c - 1) - location[c - 1];
                r = r < 0 ? -r : r;
                sub = r <= 1.5 ? 0 : (r <= 4.5 ? 1 : (r <= 12.5 ? 2 : 3));
            }
            int ctx = (c * CLASSES + cls) * SUB + sub;
            double loc = blend + (double) errSum[ctx] / (4.0 * count[ctx]);
            context[c] = ctx;
            location[c] = loc;
            double scale = (double) absSum[ctx] / count[ctx] / MAD_PER_SCALE;
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
            int base = c * PREDICTORS;
            for (int i = 0; i < used; i++) {
                double e = value - p[i];
                errCur[base + i][x] = (int) ((e < 0 ? -e : e) * 2 + 0.5);
            }
            int ctx = context[c];
            double err = value - location[c];
            int absErr = (int) ((err < 0 ? -err : err) + 0.5);
            blendCur[c][x] = absErr;
            absSum[ctx] += absErr;
            double biasErr = err + (double) errSum[ctx] / (4.0 * count[ctx]);   // error of the unbiased blend
            errSum[ctx] += (int) StrictMath.rint(4 * biasErr);
            count[ctx]++;
            if (count[ctx] >= RESET) {
                absSum[ctx] >>= 1;
                errSum[ctx] /= 2;
                count[ctx] >>= 1;
            }
        }
    }
}
