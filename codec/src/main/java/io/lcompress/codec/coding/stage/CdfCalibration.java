package io.lcompress.codec.coding.stage;

import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.mixture.QuantizedMixture;

/**
 * CDF calibration, version 1: a secondary estimation stage (the SSE/APM idea of context mixers, applied
 * to a whole cumulative distribution). Stage bit {@link ModelPlane#STAGE_CDF_CALIBRATION}.
 *
 * <p>If the coded distributions were calibrated, the probability integral transform of each coded
 * value - where it falls in its own predicted CDF - would be uniform on [0, 1]. It is not quite: the
 * network is trained on other images and is too sharp or too flat, too heavy- or too light-tailed, in
 * ways that depend on the image. This stage learns, per context, the distribution of those positions as
 * the image is coded, and remaps the CDF through it: where the model's positions pile up, probability
 * moves there.
 *
 * <h2>Definition (all integer arithmetic, exact on every machine)</h2>
 * Let {@code R(b)} in {@code [0, M]} be the quantizer's mixture share of C(b)
 * ({@link QuantizedMixture#spreadCumulative}). {@value #BINS} bins split {@code [0, M]} at
 * {@code e_j = ceil(j M / 32)}. Each context holds a histogram {@code h_0..h_31} of non-negative integer
 * masses, total {@code H}, prefix sums {@code P_j = h_0 + ... + h_(j-1)}. For {@code R} in bin j
 * ({@code j = min(31, floor(32 R / M))}):
 * <pre>
 *   G(R) = floor( (P_j * w_j + h_j * (R - e_j)) * M / (w_j * H) ),   w_j = e_(j+1) - e_j
 *   C(b) = b + floor( (R + 3 G(R)) / 4 )
 * </pre>
 * {@code G} is the histogram's piecewise-linear CDF scaled to {@code [0, M]}: continuous, non-decreasing,
 * {@code G(M) = M}; so C stays non-decreasing with every frequency >= 1 and {@code C(n-1) <= T - 1}.
 *
 * <p><b>Context.</b> {@code ((channel * 8 + sharpness) * 4 + last) * 4 + above}: sharpness is the
 * number of the thresholds {@code exp(0.5 - 0.5 t)}, t = 0..6 (StrictMath), that exceed the mixture's
 * {@link QuantizedMixture#meanInverseScale} - 8 classes of the scale from sharp to flat; last is the
 * quarter of {@code [0, M]} ({@code min(3, floor(4 mid / M))}) holding the midpoint
 * {@code mid = floor((lo + hi) / 2)} of this channel's previous coded interval (the previous coded pixel
 * in raster order); above is the same quarter for the last coded pixel of this column (the pixel above
 * when it was coded). Both start at 2 in a stripe. Context counts are per stripe: a stripe starts afresh.
 *
 * <p><b>Update,</b> after coding symbol s with {@code R(s) = lo <= hi = R(s+1)}: every bin of the context
 * loses {@code h >> 10}; then a mass of {@code 2^12} is added: all of it to the bin of lo when lo and hi
 * share a bin (or {@code lo == hi}), else to each bin j the share {@code floor(2^12 * overlap_j / (hi - lo))}
 * of the overlap of {@code [lo, hi)} with {@code [e_j, e_(j+1))}. Histograms start at {@code 2^14} in
 * every bin (the weight of 128 observations). Masses stay below 2^23, so every product above fits in a long.
 *
 * <p>Chosen on eight valid photos (set5's baby, bird, butterfly; set14's barbara, baboon, monarch; sail;
 * 4.2.06) with {@code neural-mix}: -0.78 % of the code length (with a prior of 512 a bin -0.73 %, and
 * without the above context -0.58 %, without either -0.39 %; with the last context only, mixing 2/4 of
 * G -0.48 %, all of it -0.58 %, 64 bins -0.59 %, rates 1/512 -0.56 % and 1/2048 -0.59 %). On the five
 * 192x144 test crops the prior matters more: -0.32 % (prior 512: +0.09 %), and -0.47 % with {@code fast}.
 */
public final class CdfCalibration implements QuantizedMixture.CdfMap {
    /** The stage bit that turns this stage on. */
    public static final int STAGE_BIT = ModelPlane.STAGE_CDF_CALIBRATION;
    /** The version of the stage's rule that {@link #STAGE_BIT} names; a changed rule is a new bit. */
    public static final int VERSION = 1;
    static final int BINS = 32;
    private static final int SHARPNESS = 8;
    private static final int QUARTERS = 4;
    private static final int UNIT = 1 << 12;
    private static final int PRIOR = 1 << 14;
    private static final int DECAY_SHIFT = 10;
    private static final double[] THRESHOLDS = new double[SHARPNESS - 1];

    static {
        for (int t = 0; t < THRESHOLDS.length; t++) {
            THRESHOLDS[t] = StrictMath.exp(0.5 - 0.5 * t);
        }
    }

    private final int[] h;         // per context BINS masses
    private final long[] prefix;   // per context BINS + 1 prefix sums
    private final int[] last;      // per channel, the quarter of the previous coded interval
    private int ctx;

    private final byte[] above;   // per channel and column, the quarter of that column's last coded interval
    private final int width;
    private int x;

    /** A calibration for a stripe of {@code channels} channels and {@code width} pixels a row. */
    public CdfCalibration(int channels, int width) {
        this.width = width;
        above = new byte[channels * width];
        java.util.Arrays.fill(above, (byte) 2);
        int contexts = channels * SHARPNESS * QUARTERS * QUARTERS;
        h = new int[contexts * BINS];
        prefix = new long[contexts * (BINS + 1)];
        java.util.Arrays.fill(h, PRIOR);
        for (int c = 0; c < contexts; c++) {
            refresh(c);
        }
        last = new int[channels];
        java.util.Arrays.fill(last, 2);
    }

    /** Chooses the context for channel {@code c} of the pixel in column {@code x} from the mixture just loaded into {@code q}. */
    public void begin(int c, int x, QuantizedMixture q) {
        this.x = x;
        double inv = q.meanInverseScale();
        int sharp = 0;
        while (sharp < THRESHOLDS.length && inv < THRESHOLDS[sharp]) {
            sharp++;
        }
        ctx = ((c * SHARPNESS + sharp) * QUARTERS + last[c]) * QUARTERS + above[c * width + x];
    }

    /** Bin edge e_j = ceil(j M / 32). */
    private static int edge(int j, int spread) {
        return (int) (((long) j * spread + BINS - 1) / BINS);
    }

    private static int bin(int r, int spread) {
        int j = (int) ((long) r * BINS / spread);
        return j < BINS ? j : BINS - 1;
    }

    @Override
    public int map(int r, int spread) {
        int j = bin(r, spread);
        int e0 = edge(j, spread);
        long w = edge(j + 1, spread) - e0;
        int base = ctx * (BINS + 1);
        long total = prefix[base + BINS];
        long num = prefix[base + j] * w + (long) h[ctx * BINS + j] * (r - e0);
        int g = (int) (num * spread / (w * total));
        return (int) (((long) r + 3L * g) >>> 2);
    }

    /** Learns from the symbol just coded in channel {@code c}: {@code lo = R(s)}, {@code hi = R(s+1)}. */
    public void observe(int c, int lo, int hi, int spread) {
        int off = ctx * BINS;
        for (int j = 0; j < BINS; j++) {
            h[off + j] -= h[off + j] >> DECAY_SHIFT;
        }
        int ja = bin(lo, spread);
        int jb = hi > lo ? bin(hi - 1, spread) : ja;
        if (ja == jb) {
            h[off + ja] += UNIT;
        } else {
            long span = hi - lo;
            for (int j = ja; j <= jb; j++) {
                long from = Math.max(lo, edge(j, spread));
                long to = Math.min(hi, edge(j + 1, spread));
                h[off + j] += (int) (UNIT * (to - from) / span);
            }
        }
        refresh(ctx);
        int mid = (int) (((long) lo + hi) >>> 1);
        int q = (int) ((long) mid * QUARTERS / spread);
        last[c] = q < QUARTERS ? q : QUARTERS - 1;
        above[c * width + x] = (byte) last[c];
    }

    private void refresh(int context) {
        int off = context * BINS;
        int base = context * (BINS + 1);
        long s = 0;
        prefix[base] = 0;
        for (int j = 0; j < BINS; j++) {
            s += h[off + j];
            prefix[base + j + 1] = s;
        }
    }
}
