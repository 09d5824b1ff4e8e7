package io.lcompress.codec.coding.stage;

import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.ColourSet;
import io.lcompress.codec.mixture.QuantizedMixture;

/**
 * Colour histogram, version 1: for planes coded with a colour set, the coded distribution of each channel
 * is blended with the counts of the colours in three causal windows around the pixel. Stage bit
 * {@link ModelPlane#STAGE_COLOUR_HISTOGRAM}.
 *
 * <p>Why: an image reduced to a few hundred colours (a palette image, a dithered photo) uses, in any small
 * region, a few dozen of them, scattered over the colour space where a continuous model cannot place
 * them; their local counts predict the next colour well. On set14's baboon (220 colours) the strongest
 * level goes from 1.984 to 1.590 bits per subpixel (JPEG-XL e9 1.910, WebP 1.796).
 *
 * <h2>Definition (integer arithmetic, except the weights' update; exact on every machine)</h2>
 * <b>Windows.</b> For each radius {@code R} of {@code 2, 6, 16}: the pixels of the stripe at rows
 * {@code y-R..y-1} and columns {@code x-R..x+R}, and at row {@code y}, columns {@code x-R..x-1}, clipped
 * to the stripe (a stripe starts with empty windows). Each pixel counts for its colour.
 *
 * <p><b>Histograms of a channel.</b> For channel {@code c} and window k, the window's colours whose
 * channels {@code 0..c-1} equal the current pixel's, counted by the symbol of their channel-c value in
 * the channel's alphabet: total {@code H_k}, prefix sums {@code Hc_k(j)} (the counts of symbols below j).
 *
 * <p><b>Blend.</b> With the cumulative frequencies {@code C(j)} the coder would use without this stage
 * (the model's mixture, after any CDF calibration), {@code n} symbols, {@code M = T - n}, and integer
 * weights {@code W_k} (out of 4096; 0 for a window with {@code H_k = 0}), {@code W_0 = 4096 - sum W_k}:
 * <pre>
 *   C'(j) = j + floor( (W_0 * (C(j) - j) + sum_k floor(W_k * M * Hc_k(j) / H_k)) / 4096 )   (0 <= j < n)
 *   C'(n) = T
 * </pre>
 * Every term is non-decreasing in j and at most {@code M} in total, so {@code C'(0) = 0}, every frequency
 * stays >= 1 and the last symbol takes what the floors leave. When every {@code H_k} is 0, {@code C' = C}.
 * In real terms a symbol's probability is {@code w_0 P_model + sum_k w_k h_k(s) / H_k}.
 *
 * <p><b>Weights.</b> Per window and context {@code (channel, min(9, floor(log2 H_k)))}, a double
 * {@code w}, starting at {@value #START}; {@code W_k = max(1, (int) (w * 4096))}; when the {@code W_k}
 * sum above 4032 each becomes {@code floor(W_k * 4032 / sum)}. After coding symbol s with
 * frequencies {@code f = C(s+1) - C(s)} and {@code f' = C'(s+1) - C'(s)}, for every window with
 * {@code H_k > 0}: {@code w += }{@value #RATE}{@code  * (h_k(s) / H_k - f / T) / (f' / T)}, then clamped
 * to {@code [0.005, 0.95]}: a step of gradient ascent on the log-likelihood of the blend (double, in this
 * order).
 *
 * <p>Chosen on the validation images with a colour set (baboon, face, head, lenna), level 1: one window of
 * radius 6, 8, 12, 16 or 20 gave 1.421, 1.419, 1.427, 1.437, 1.447 bits per subpixel over the four and
 * man (1.617 without the stage); two of 2 and 12, 1.403; three of 2, 6, 16, 1.392 (of 1, 3, 8, 20: 1.391);
 * rates 0.001 and 0.004, 1.392 and 1.394; starting weights 0.1 and 0.3, 1.393.
 */
public final class ColourHistogram {
    /** The stage bit that turns this stage on. */
    public static final int STAGE_BIT = ModelPlane.STAGE_COLOUR_HISTOGRAM;
    /** The version of the stage's rule that {@link #STAGE_BIT} names; a changed rule is a new bit. */
    public static final int VERSION = 1;
    /** The windows' radii, ascending (so each window holds the pixels of the smaller ones). */
    static final int[] RADII = {2, 6, 16};
    static final double START = 0.2;
    static final double RATE = 0.002;
    private static final int ONE = 4096;
    private static final int MAX_SUM = ONE - 64;
    private static final int BUCKETS = 10;
    private static final int T = QuantizedMixture.TOTAL;

    private final int[] colours;      // packed, ascending
    private final int channels;
    private final int width;
    private final int windows;
    private final int maxRadius;
    private final int[] count;        // per colour index and window: count[i * windows + k]
    private final int[] firstSymbol;  // per colour index, the symbol of its channel-0 value
    private final int[][] first;      // per window, the counts by channel-0 symbol (kept as the window moves)
    private final int[] ring;         // colour index of the coded pixels of the last ringRows rows
    private final int ringRows;       // maxRadius + 1, or the stripe's height if fewer
    private final int[][] cum;        // per window, prefix sums over the channel's symbols
    private final double[][] weight;  // per window and context
    private final int[] total;
    private final int[] ctx;
    private final int[] w;
    private int x;
    private int y;
    private int spread;
    private int symbols;
    private int model;                // ONE - sum of w

    /**
     * The stage for a stripe of {@code width x height} pixels coded with the colour set {@code set}. Its
     * memory: 4 bytes a pixel of at most {@code maxRadius + 1} rows, and a few counts per colour.
     */
    public ColourHistogram(ColourSet set, int width, int height) {
        this.colours = set.packedColours();
        this.channels = set.channels();
        this.width = width;
        this.windows = RADII.length;
        int m = 0;
        for (int r : RADII) {
            m = Math.max(m, r);
        }
        this.maxRadius = m;
        this.count = new int[colours.length * windows];
        this.firstSymbol = new int[colours.length];
        Alphabet channel0 = set.firstAlphabet();
        for (int i = 0; i < colours.length; i++) {
            firstSymbol[i] = channel0.symbolOf(colours[i] >>> 8 * (channels - 1) & 0xFF);
        }
        this.first = new int[windows][channel0.size()];
        this.ringRows = Math.max(1, Math.min(maxRadius + 1, height));
        this.ring = new int[ringRows * width];
        this.cum = new int[windows][QuantizedMixture.SYMBOLS + 1];
        this.weight = new double[windows][channels * BUCKETS];
        for (double[] ww : weight) {
            java.util.Arrays.fill(ww, START);
        }
        total = new int[windows];
        ctx = new int[windows];
        w = new int[windows];
    }

    /** Starts pixel (x, y): the windows move there (every pixel before it is coded). */
    public void beginPixel(int x, int y) {
        this.x = x;
        this.y = y;
        if (x == 0) {
            java.util.Arrays.fill(count, 0);
            for (int[] f : first) {
                java.util.Arrays.fill(f, 0);
            }
        }
        for (int k = 0; k < windows; k++) {
            move(k, RADII[k]);
        }
    }

    private void add(int colour, int k) {
        count[colour * windows + k]++;
        first[k][firstSymbol[colour]]++;
    }

    private void remove(int colour, int k) {
        count[colour * windows + k]--;
        first[k][firstSymbol[colour]]--;
    }

    /** Window k (radius {@code radius}) from the pixel before to this one (at x = 0: filled afresh). */
    private void move(int k, int radius) {
        int top = Math.max(0, y - radius);
        int rows = ringRows;
        if (x == 0) {
            for (int yy = top; yy < y; yy++) {
                int row = (yy % rows) * width;
                for (int xx = 0, end = Math.min(width - 1, radius); xx <= end; xx++) {
                    add(ring[row + xx], k);
                }
            }
            return;
        }
        int leave = x - 1 - radius;
        int enter = x + radius;
        for (int yy = top; yy < y; yy++) {
            int row = (yy % rows) * width;
            if (leave >= 0) {
                remove(ring[row + leave], k);
            }
            if (enter < width) {
                add(ring[row + enter], k);
            }
        }
        int row = (y % rows) * width;
        add(ring[row + x - 1], k);
        if (leave >= 0) {
            remove(ring[row + leave], k);
        }
    }

    /**
     * Builds channel {@code c}'s histograms over {@code alphabet} (the colour set's alphabet of the channel
     * given the pixel's earlier channels, at {@code samples[pixel..]}) and chooses the weights.
     */
    public void begin(int c, Alphabet alphabet, byte[] samples, int pixel) {
        int n = alphabet.size();
        symbols = n;
        spread = T - n;
        int shift = 8 * (channels - c);
        int lo = 0;
        int hi = colours.length;
        if (c > 0) {
            int prefix = 0;
            for (int k = 0; k < c; k++) {
                prefix = prefix << 8 | (samples[pixel + k] & 0xFF);
            }
            lo = firstAtLeast((long) prefix << shift);
            hi = firstAtLeast((long) (prefix + 1) << shift);
        }
        if (c == 0) {
            // channel 0 takes every colour: its counts by symbol are kept as the windows move
            for (int k = 0; k < windows; k++) {
                System.arraycopy(first[k], 0, cum[k], 1, n);
            }
        } else {
            // the colours of this prefix, a short run of indices
            int valueShift = 8 * (channels - 1 - c);
            for (int k = 0; k < windows; k++) {
                java.util.Arrays.fill(cum[k], 0, n + 1, 0);
            }
            for (int i = lo; i < hi; i++) {
                int at = i * windows;
                if (count[at + windows - 1] != 0) {    // the largest window holds every pixel of the others
                    int j = alphabet.symbolOf(colours[i] >>> valueShift & 0xFF) + 1;
                    for (int k = 0; k < windows; k++) {
                        cum[k][j] += count[at + k];
                    }
                }
            }
        }
        int sumW = 0;
        for (int k = 0; k < windows; k++) {
            int[] h = cum[k];
            int s = 0;
            for (int j = 1; j <= n; j++) {
                s += h[j];
                h[j] = s;
            }
            total[k] = s;
            if (s > 0) {
                ctx[k] = c * BUCKETS + Math.min(BUCKETS - 1, 31 - Integer.numberOfLeadingZeros(s));
                int v = (int) (weight[k][ctx[k]] * ONE);
                w[k] = v < 1 ? 1 : v;
            } else {
                w[k] = 0;
            }
            sumW += w[k];
        }
        if (sumW > MAX_SUM) {
            int scaled = 0;
            for (int k = 0; k < windows; k++) {
                w[k] = (int) ((long) w[k] * MAX_SUM / sumW);
                scaled += w[k];
            }
            sumW = scaled;
        }
        model = ONE - sumW;
    }

    /** The first colour index whose packed value is at least {@code v} (unsigned). */
    private int firstAtLeast(long v) {
        int lo = 0;
        int hi = colours.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Integer.toUnsignedLong(colours[mid]) < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** C'(j) from the coder's C(j) for the current channel. */
    public int cumulative(int j, int cj) {
        if (model == ONE) {
            return cj;
        }
        if (j >= symbols) {
            return T;
        }
        long num = (long) model * (cj - j);
        for (int k = 0; k < windows; k++) {
            if (w[k] != 0) {
                num += (long) w[k] * spread * cum[k][j] / total[k];
            }
        }
        return j + (int) (num / ONE);
    }

    /** Learns from symbol s, coded with C(s), C(s+1) (without this stage) and C'(s), C'(s+1). */
    public void observe(int s, int lo, int hi, int blendedLo, int blendedHi) {
        double pm = (double) (hi - lo) / T;
        double p = (double) (blendedHi - blendedLo) / T;
        for (int k = 0; k < windows; k++) {
            if (total[k] > 0) {
                double ph = (double) (cum[k][s + 1] - cum[k][s]) / total[k];
                double v = weight[k][ctx[k]] + RATE * (ph - pm) / p;
                weight[k][ctx[k]] = v < 0.005 ? 0.005 : (v > 0.95 ? 0.95 : v);
            }
        }
    }

    /** How many pixels of colour index {@code colour} window {@code k} holds now (tests). */
    int count(int k, int colour) {
        return count[colour * windows + k];
    }

    /** The pixels of window k whose channel-0 value has symbol {@code symbol} in channel 0's alphabet (tests). */
    int countByFirstSymbol(int k, int symbol) {
        return first[k][symbol];
    }

    /** The pixel just finished (every channel coded): counted from the next pixel on. */
    public void endPixel(byte[] samples, int pixel) {
        int col = 0;
        for (int c = 0; c < channels; c++) {
            col = col << 8 | (samples[pixel + c] & 0xFF);
        }
        int i = firstAtLeast(Integer.toUnsignedLong(col));
        ring[(y % ringRows) * width + x] = i < colours.length ? i : 0;
    }
}
