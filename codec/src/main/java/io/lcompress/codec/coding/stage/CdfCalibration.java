package io.lcompress.codec.coding.stage;

import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.mixture.QuantizedMixture;

/**
 * CDF calibration: a secondary estimation stage (the SSE/APM idea of context mixers, applied to a whole
 * cumulative distribution), in two versions of one rule. Stage bit
 * {@link ModelPlane#STAGE_CDF_CALIBRATION} (version 1) or {@link ModelPlane#STAGE_CDF_CALIBRATION_2}
 * (version 2), at most one of them on a plane.
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
 * ({@link QuantizedMixture#spreadCumulative}). {@code B} bins (version 1: 32, version 2: 16) split
 * {@code [0, M]} at {@code e_j = ceil(j M / B)}. Each context holds a histogram {@code h_0..h_(B-1)} of
 * non-negative integer masses, total {@code H}, prefix sums {@code P_j = h_0 + ... + h_(j-1)}. For
 * {@code R} in bin j ({@code j = min(B - 1, floor(B R / M))}):
 * <pre>
 *   G(R) = floor( (P_j * w_j + h_j * (R - e_j)) * M / (w_j * H) ),   w_j = e_(j+1) - e_j
 *   C(b) = b + floor( (R (4 - g) + g G(R)) / 4 )      version 1: g = 3; version 2: g = 4, C(b) = b + G(R)
 * </pre>
 * {@code G} is the histogram's piecewise-linear CDF scaled to {@code [0, M]}: continuous, non-decreasing,
 * {@code G(M) = M}; so C stays non-decreasing with every frequency >= 1 and {@code C(n-1) <= T - 1}.
 *
 * <p><b>Context.</b> {@code ((channel * 8 + sharpness) * 4 + last) * 4 + above}: sharpness is the
 * number of the thresholds {@code exp(a - 0.5 t)}, t = 0..6 (StrictMath; version 1: a = 0.5, version 2:
 * a = 2), that exceed the mixture's {@link QuantizedMixture#meanInverseScale} - 8 classes of the scale from
 * sharp to flat; last is the quarter of {@code [0, M]} ({@code min(3, floor(4 mid / M))}) holding the midpoint
 * {@code mid = floor((lo + hi) / 2)} of this channel's previous coded interval (the previous coded pixel
 * in raster order); above is the same quarter for the last coded pixel of this column (the pixel above
 * when it was coded). Both start at 2 in a stripe. Context counts are per stripe: a stripe starts afresh.
 *
 * <p><b>Update, version 1,</b> after coding symbol s with {@code R(s) = lo <= hi = R(s+1)}: every bin of the
 * context loses {@code h >> 10}; then a mass of {@code u = 2^12} is added: all of it to the bin of lo when lo
 * and hi share a bin (or {@code lo == hi}), else to each bin j the share {@code floor(u * overlap_j / (hi - lo))}
 * of the overlap of {@code [lo, hi)} with {@code [e_j, e_(j+1))}. Histograms start at {@code 2^14} in every bin
 * (the weight of 128 observations). Masses stay below 2^23, so every product above fits in a long.
 *
 * <p><b>Update, version 2:</b> no bin decays; the context's own increment u (it starts at {@code 2^12}) is
 * added as above, straight to the prefix sums ({@code P_k} gains the shares of the bins below k), then u
 * grows by {@code u >> 10}, so that older observations weigh relatively less, about as version 1's decay makes
 * them; when u reaches {@code 2^15}, u and every {@code P_k} are halved (floor: the sums stay
 * non-decreasing). The histogram is its prefix sums ({@code h_j = P_(j+1) - P_j}), which start at
 * {@code 2^14} a bin (64 observations). Totals stay below {@code 2^26}: products below {@code 2^62}.
 *
 * <p><b>Version 1</b> was chosen on eight valid photos (set5's baby, bird, butterfly; set14's barbara,
 * baboon, monarch; sail; 4.2.06) with {@code neural-mix}: -0.78 % of the code length (with a prior of 512 a
 * bin -0.73 %, and without the above context -0.58 %, without either -0.39 %; with the last context only,
 * mixing 2/4 of G -0.48 %, all of it -0.58 %, 64 bins -0.59 %, rates 1/512 -0.56 % and 1/2048 -0.59 %). On
 * the five 192x144 test crops the prior matters more: -0.32 % (prior 512: +0.09 %), and -0.47 % with
 * {@code fast}.
 *
 * <p><b>Version 2</b> is the rule for the classical models ({@code fast}), chosen on the 39 validation
 * images with {@code fast} and chroma repeat version 3 (file sizes, bits per subpixel): version 1 2.70580;
 * G alone 2.70303; and 16 bins 2.70279; and the thresholds from {@code exp(1 - 0.5 t)} 2.70214, from
 * {@code exp(1.5 - 0.5 t)} 2.70148, {@code exp(2 - 0.5 t)} 2.70141, {@code exp(2.5 - 0.5 t)} 2.70161
 * (without calibration 2.73375). Also tried on top: 64 bins, 12 bins, prior 2^12 or 2^15 a bin, a decay of
 * {@code h >> 9} or {@code h >> 11}, 6 classes of last and above, 10 or 12 sharpness classes: none better by
 * more than 0.0002. The update of version 2 (the growing increment in place of the decay, the prefix sums
 * kept instead of recomputed) gives the same total size to the byte (2.70141; images differ by at most 1e-4
 * bit a subpixel) at about 3 % less of level 2's encode time (in-process, one thread, C1).
 */
public final class CdfCalibration implements QuantizedMixture.CdfMap {
    /** The stage bit of version 1. */
    public static final int STAGE_BIT = ModelPlane.STAGE_CDF_CALIBRATION;
    /** The stage bit of version 2. */
    public static final int STAGE_BIT_2 = ModelPlane.STAGE_CDF_CALIBRATION_2;
    /** Both stage bits: a plane has at most one of them. */
    public static final int STAGE_BITS = ModelPlane.CALIBRATION_STAGES;
    /** The version of the stage's rule that {@link #STAGE_BIT} names; a changed rule is a new bit. */
    public static final int VERSION = 1;
    /** The version that {@link #STAGE_BIT_2} names. */
    public static final int VERSION_2 = 2;
    private static final int SHARPNESS = 8;
    private static final int QUARTERS = 4;
    private static final int UNIT = 1 << 12;
    private static final int PRIOR = 1 << 14;
    private static final int DECAY_SHIFT = 10;
    /** Version 2: the increment at which a context's increment and prefix sums are halved. */
    private static final long V2_RESCALE = 1 << 15;
    private static final double[] THRESHOLDS_1 = thresholds(0.5);
    private static final double[] THRESHOLDS_2 = thresholds(2);

    /** The stage bit of {@code version} (1 or 2). */
    public static int stageBit(int version) {
        return switch (version) {
            case VERSION -> STAGE_BIT;
            case VERSION_2 -> STAGE_BIT_2;
            default -> throw new IllegalArgumentException("calibration version " + version);
        };
    }

    /** The version of the calibration among {@code stages} (a set of stage bits), or 0 for none. */
    public static int versionOf(int stages) {
        return (stages & STAGE_BIT_2) != 0 ? VERSION_2 : (stages & STAGE_BIT) != 0 ? VERSION : 0;
    }

    private static double[] thresholds(double a) {
        double[] t = new double[SHARPNESS - 1];
        for (int i = 0; i < t.length; i++) {
            t[i] = StrictMath.exp(a - 0.5 * i);
        }
        return t;
    }

    /** B as a power of two: bins = 1 << binBits. */
    private final int binBits;
    private final int bins;
    /** g of the definition: the weight, in quarters, of G in the map. */
    private final int gQuarters;
    private final double[] thresholds;
    private final boolean v2;
    private final int[] h;         // version 1: per context B masses
    private final long[] prefix;   // per context B + 1 prefix sums
    private final long[] increment;   // version 2: per context, the mass the next observation adds
    private final int[] last;      // per channel, the quarter of the previous coded interval
    private int ctx;

    private final byte[] above;   // per channel and column, the quarter of that column's last coded interval
    private final int width;
    private int x;

    /** A calibration, version 1, for a stripe of {@code channels} channels and {@code width} pixels a row. */
    public CdfCalibration(int channels, int width) {
        this(VERSION, channels, width);
    }

    /** A calibration of {@code version} (1 or 2) for a stripe of {@code channels} channels and {@code width} pixels a row. */
    public CdfCalibration(int version, int channels, int width) {
        if (version != VERSION && version != VERSION_2) {
            throw new IllegalArgumentException("calibration version " + version);
        }
        this.binBits = version == VERSION ? 5 : 4;
        this.bins = 1 << binBits;
        this.gQuarters = version == VERSION ? 3 : 4;
        this.thresholds = version == VERSION ? THRESHOLDS_1 : THRESHOLDS_2;
        this.v2 = version == VERSION_2;
        this.width = width;
        above = new byte[channels * width];
        java.util.Arrays.fill(above, (byte) 2);
        int contexts = channels * SHARPNESS * QUARTERS * QUARTERS;
        prefix = new long[contexts * (bins + 1)];
        if (v2) {
            h = null;
            increment = new long[contexts];
            java.util.Arrays.fill(increment, UNIT);
            for (int c = 0; c < contexts; c++) {
                for (int j = 0; j <= bins; j++) {
                    prefix[c * (bins + 1) + j] = (long) j * PRIOR;
                }
            }
        } else {
            increment = null;
            h = new int[contexts * bins];
            java.util.Arrays.fill(h, PRIOR);
            for (int c = 0; c < contexts; c++) {
                refresh(c);
            }
        }
        last = new int[channels];
        java.util.Arrays.fill(last, 2);
    }

    /** Chooses the context for channel {@code c} of the pixel in column {@code x} from the mixture just loaded into {@code q}. */
    public void begin(int c, int x, QuantizedMixture q) {
        this.x = x;
        double inv = q.meanInverseScale();
        int sharp = 0;
        double[] thresholds = this.thresholds;
        while (sharp < thresholds.length && inv < thresholds[sharp]) {
            sharp++;
        }
        ctx = ((c * SHARPNESS + sharp) * QUARTERS + last[c]) * QUARTERS + above[c * width + x];
    }

    /*
     * In int: M = spread <= T = 2^20 and B <= 32, so j M + B - 1, B R and 4 mid stay below 2^26 (an int
     * division, where a long one is a call into the runtime under the quick JIT); the results are the
     * definition's exactly.
     */

    /** Bin edge e_j = ceil(j M / B) (B a power of two: a shift of a non-negative int). */
    private int edge(int j, int spread) {
        return (j * spread + bins - 1) >> binBits;
    }

    private int bin(int r, int spread) {
        int j = (r << binBits) / spread;
        return j < bins ? j : bins - 1;
    }

    @Override
    public int map(int r, int spread) {
        int j = bin(r, spread);
        int e0 = edge(j, spread);
        long w = edge(j + 1, spread) - e0;
        int base = ctx * (bins + 1);
        long total = prefix[base + bins];
        long pj = prefix[base + j];
        long hj = v2 ? prefix[base + j + 1] - pj : h[ctx * bins + j];
        long num = pj * w + hj * (r - e0);
        int g = (int) (num * spread / (w * total));
        return (int) (((long) r * (4 - gQuarters) + (long) gQuarters * g) >>> 2);
    }

    /** {@code floor(unit * overlap_j / (hi - lo))}: bin j's share of a mass spread over {@code [lo, hi)}, {@code lo < hi}. */
    private long share(long unit, int j, int lo, int hi, int spread) {
        long from = Math.max(lo, edge(j, spread));
        long to = Math.min(hi, edge(j + 1, spread));
        return unit * (to - from) / (hi - lo);
    }

    /** Learns from the symbol just coded in channel {@code c}: {@code lo = R(s)}, {@code hi = R(s+1)}. */
    public void observe(int c, int lo, int hi, int spread) {
        if (v2) {
            observe2(lo, hi, spread);
        } else {
            observe1(lo, hi, spread);
        }
        int mid = (int) (((long) lo + hi) >>> 1);
        int q = mid * QUARTERS / spread;
        last[c] = q < QUARTERS ? q : QUARTERS - 1;
        above[c * width + x] = (byte) last[c];
    }

    /** Version 1: decay every bin, add {@code UNIT} over the coded interval, recompute the prefix sums. */
    private void observe1(int lo, int hi, int spread) {
        int off = ctx * bins;
        for (int j = 0; j < bins; j++) {
            h[off + j] -= h[off + j] >> DECAY_SHIFT;
        }
        int ja = bin(lo, spread);
        int jb = hi > lo ? bin(hi - 1, spread) : ja;
        if (ja == jb) {
            h[off + ja] += UNIT;
        } else {
            for (int j = ja; j <= jb; j++) {
                h[off + j] += (int) share(UNIT, j, lo, hi, spread);
            }
        }
        refresh(ctx);
    }

    /**
     * Version 2: the context's increment spread over the coded interval's bins, added to the prefix sums
     * above them; then the increment grows by {@code inc >> 10} (older observations weigh relatively less,
     * as v1's decay makes them), and once it reaches {@code 2^15} it and every prefix sum are halved
     * (floor: the sums stay non-decreasing).
     */
    private void observe2(int lo, int hi, int spread) {
        int base = ctx * (bins + 1);
        long inc = increment[ctx];
        int ja = bin(lo, spread);
        int jb = hi > lo ? bin(hi - 1, spread) : ja;
        if (ja == jb) {
            for (int k = ja + 1; k <= bins; k++) {
                prefix[base + k] += inc;
            }
        } else {
            long added = 0;
            for (int j = ja; j < bins; j++) {
                if (j <= jb) {
                    added += share(inc, j, lo, hi, spread);
                }
                prefix[base + j + 1] += added;
            }
        }
        inc += inc >> DECAY_SHIFT;
        if (inc >= V2_RESCALE) {
            inc >>= 1;
            for (int k = 1; k <= bins; k++) {
                prefix[base + k] >>= 1;
            }
        }
        increment[ctx] = inc;
    }

    private void refresh(int context) {
        int off = context * bins;
        int base = context * (bins + 1);
        long s = 0;
        prefix[base] = 0;
        for (int j = 0; j < bins; j++) {
            s += h[off + j];
            prefix[base + j + 1] = s;
        }
    }
}
