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
 * <p><b>Version 5, {@code fast2}</b> (levels 1 and 2 since 2026-12-04; {@code fast}, version 4, stays for its
 * files and inside the mixed models). For channels after the first, the median-edge prediction carried over
 * ({@code MED + prev - MED'}) gives way to five predictions in the domain of the difference to the previous
 * channel: {@code prev + D} for D the W, N, median-edge, gradient and (W + NE)/2 predictions of the difference
 * image (channel minus previous channel at each neighbour; the first two are version 4's W and N carried over,
 * unchanged). Where the colours move together (chroma smoother than luma, as in a photo from a video or a
 * JPEG source) they predict far better than each channel on its own, and the blend's weights find them
 * wherever they do. And the scale takes the log of its cell of a fixed grid ({@link #gridLogScale}: 64 cells
 * an octave) in place of its own {@code StrictMath.log}. On the 39 validation photos at level 1 (file
 * sizes): 2.7400 -> 2.7179 bits a subpixel (set5 2.4238 -> 2.3528, waterloo-color 3.4326 -> 3.3381, skimage
 * 3.3852 -> 3.3563; flower_foveon 1.5814 -> 1.5818); the grid alone changes the total by less than 0.0001
 * and spares the logarithm of nearly every sample (and the exponential the coder took of it), in all -4 %
 * of a level-1 encode (in process, one thread). Adding the differences' predictors beside version 4's third
 * transfer instead of in its place gave 2.7223.
 *
 * <p>All state is integer or double arithmetic in a fixed order, plus {@code StrictMath.log}: encoder
 * and decoder agree on every machine. Borders: outside neighbours fall back to the nearest available
 * one (N for W at the first column, W for N on the first row, 128 at the first pixel); errors outside
 * the image count as 0.
 */
public final class FastPixelModel implements PixelModel {
    public static final String NAME = "fast";
    /** The name of version 5 ({@link #channelDifferences()}). */
    public static final String NAME_2 = "fast2";
    /** Bump when the algorithm changes: files made by another version are refused by fingerprint. */
    private static final long FINGERPRINT = 0x6661737400000004L;   // "fast" v4
    private static final long FINGERPRINT_2 = 0x6661737400000005L;   // "fast" v5: fast2

    private final boolean differences;

    /** {@code fast}, version 4: what every level coded with until 2026-12-04, and what the mixed models mix. */
    public FastPixelModel() {
        this(false);
    }

    private FastPixelModel(boolean differences) {
        this.differences = differences;
    }

    /**
     * {@code fast2} (version 5): version 4 with three predictors of the channel differences in place of the
     * median-edge one carried over, and its scales on a grid of 64 steps an octave. See the class comment.
     */
    public static FastPixelModel channelDifferences() {
        return new FastPixelModel(true);
    }

    @Override
    public String name() {
        return differences ? NAME_2 : NAME;
    }

    @Override
    public long fingerprint() {
        return differences ? FINGERPRINT_2 : FINGERPRINT;
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
        return new Predictor(raster, differences);
    }

    private static final int CLASSES = 16;
    private static final int RESET = 64;
    private static final double MIN_SCALE = 0.08;
    /** Second context dimension: predictor spread (first channel) or previous channel's error. */
    private static final int SUB = 4;
    /** Predictors of version 4 (of a channel after the first; the first has 7). */
    private static final int PREDICTORS = 10;
    /** Predictors of version 5 (fast2) of a channel after the first. */
    private static final int PREDICTORS_2 = 12;
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
     * Version 5's scale grid: a scale {@code s >= MIN_SCALE} falls in the cell of the top 11 + 1 + 6 bits of its
     * IEEE bits (sign, exponent, 6 bits of mantissa: 64 cells an octave, each at most 1.6 % wide), and the
     * logistic takes the log of the cell's midpoint ({@code StrictMath.log}, once, into a table). The coder's
     * quantizer then sees one of a few hundred log scales, which its memo of {@code exp} holds, instead of a new
     * one nearly every sample; and no {@code log} is computed while coding. Scales beyond 2^16 take the last cell.
     */
    private static final int GRID_SHIFT = 52 - 6;
    private static final int GRID_BASE = (int) (Double.doubleToRawLongBits(MIN_SCALE) >>> GRID_SHIFT);
    private static final int GRID_LAST = (int) (Double.doubleToRawLongBits(65536.0) >>> GRID_SHIFT) - GRID_BASE;
    private static final double[] GRID_LOG_SCALE = new double[GRID_LAST + 1];

    static {
        for (int i = 0; i <= GRID_LAST; i++) {
            long cell = (long) (i + GRID_BASE) << GRID_SHIFT;
            GRID_LOG_SCALE[i] = StrictMath.log(Double.longBitsToDouble(cell | 1L << (GRID_SHIFT - 1)));
        }
    }

    /** The log of the midpoint of the grid cell of {@code scale} ({@code >= MIN_SCALE}, or NaN: the last cell). */
    static double gridLogScale(double scale) {
        int cell = (int) (Double.doubleToRawLongBits(scale) >>> GRID_SHIFT) - GRID_BASE;
        return GRID_LOG_SCALE[cell >= 0 && cell < GRID_LAST ? cell : GRID_LAST];
    }

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
        /** Version 5 (fast2): channel-difference predictors, the scale grid. */
        private final boolean differences;
        /** Predictors a pixel's error rows interleave: {@link #PREDICTORS} or {@link #PREDICTORS_2}. */
        private final int stride;
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
        private final int[] nwv;          // NW, NE per channel of the current pixel (version 5)
        private final int[] nev;
        private final int[] context;
        private final double[] location;
        private final double[][] lmsWeights;
        private final double[][] slowWeights;
        private final double[][] lmsInputs;
        // version 4: StrictMath.log of recurring scales (version 5 reads the grid's table instead: null)
        private final ElementaryMemo logMemo;
        private int x;
        private int y;

        Predictor(Raster raster, boolean differences) {
            this.raster = raster;
            this.differences = differences;
            this.stride = differences ? PREDICTORS_2 : PREDICTORS;
            this.logMemo = differences ? null : ElementaryMemo.log(Elementary.STRICT);
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
            errPrev = new int[channels][(width + 2) * stride];
            errCur = new int[channels][(width + 2) * stride];
            blendPrev = new int[channels][width + 2];
            blendCur = new int[channels][width + 2];
            preds = new double[channels][stride];
            med = new double[channels];
            wv = new int[channels];
            nv = new int[channels];
            nwv = new int[channels];
            nev = new int[channels];
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
            nwv[c] = nw;
            nev[c] = ne;
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
                if (differences) {
                    // the previous channel's value plus W, N, the median edge, the gradient and (W + NE) / 2
                    // of the difference of the two channels
                    int dw = w - wv[c - 1];
                    int dn = n - nv[c - 1];
                    int dnw = nw - nwv[c - 1];
                    int dne = ne - nev[c - 1];
                    int dmx = dw > dn ? dw : dn;      // the median edge rule of m above, in place (C1 inlining)
                    int dmn = dw < dn ? dw : dn;
                    p[7] = prev + dw;
                    p[8] = prev + dn;
                    p[9] = prev + (dnw >= dmx ? dmn : (dnw <= dmn ? dmx : dw + dn - dnw));
                    p[10] = prev + (dw + dn - dnw);
                    p[11] = prev + (dw + dne) * 0.5;
                    used = PREDICTORS_2;
                } else {
                    p[7] = m + (prev - med[c - 1]);
                    p[8] = w + (prev - wv[c - 1]);
                    p[9] = n + (prev - nv[c - 1]);
                    used = PREDICTORS;
                }
            }
            double num = 0;
            double den = 0;
            // the neighbourhood N, W, NW, NE of each predictor's errors (0 outside the image: the pads)
            int[] cur = errCur[c];
            int[] prevRow = errPrev[c];
            final int stride = this.stride;
            int o = (x + 1) * stride;
            for (int i = 0; i < used; i++, o++) {
                int s = cur[o - stride] + prevRow[o] + prevRow[o - stride] + prevRow[o + stride];
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
            out.single(loc, differences ? gridLogScale(scale) : logMemo.apply(scale));
        }

        @Override
        public void observe(int c, int value) {
            double[] p = preds[c];
            int used = c == 0 ? 7 : stride;
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
            int o = (x + 1) * stride;
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
