package io.lcompress.codec.coding.stage;

import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.QuantizedMixture;

/**
 * Chroma repeat, version 2: {@link ChromaRepeatPredictor}'s idea and learning, applied to the coded
 * frequencies instead of the mixture. For channels 1 and 2 of a colour image, each causal neighbour n
 * (W, N, NW, NE) proposes the value {@code here[c-1] + n[c] - n[c-1]} that repeats its channel difference
 * (chroma-subsampled images share those differences within a 2x1 or 2x2 block).
 *
 * <h2>Frequencies</h2>
 * A {@link QuantizedMixture.SpreadBlend}: it reworks the mixture's share {@code R(j)} of the cumulative
 * frequencies (in {@code [0, M]}, {@code M = 2^20 - symbols}) before the {@link CdfCalibration} map, if any.
 * With the spike weight {@code w} of the context (channel x column parity x row parity) and the shares
 * {@code share_k} of the valid candidates (values in the channel's alphabet; {@code total} their sum),
 * integers {@code A = 2^16 - floor(w 2^16)}, {@code S = M - floor(M A / 2^16)}, and per candidate in the
 * order W, N, NW, NE {@code s_k = min(floor(S (share_k / total)), S - s_0 - ... - s_(k-1))}, the remainder
 * of S going to the first valid candidate:
 * <pre>
 *   R'(j) = floor(R(j) A / 2^16) + sum of s_k over the candidates whose symbol is below j
 * </pre>
 * for {@code 0 < j < symbols}. {@code R} is non-decreasing from {@code R(0) = 0} to {@code R(symbols) = M},
 * so {@code R'} is too, with the same ends: every symbol keeps frequency >= 1 and the total stays 2^20.
 * Coding costs a few integer operations more than without the stage, where version 1 quantized a mixture
 * of five components instead of one (and quantized the base once more to learn).
 *
 * <h2>Learning</h2>
 * After the sample {@code v} (symbol {@code s}), from {@code R'(s)} and {@code R'(s + 1)} as coded:
 * {@code spike = sum share_k / total} over the candidates equal to v; if positive, each valid candidate's
 * share moves by 1/32 toward its responsibility (its share / total / spike if it hit, else 0), floored at
 * 1/1024; then {@code w} moves by 1/32 toward the posterior {@code w spike / ((1 - w) P + w spike)} with
 * {@code P = (1 + (R'(s + 1) - R'(s) - s_v) 2^16 / A) / 2^20}, the frequency v had without the spikes
 * ({@code s_v} the spikes' mass on v), and is clamped to [1/1024, 0.995]. Weights start at 1/1024, shares
 * at 1/4. Double arithmetic in the order of this source: the encoder and the decoder agree on every
 * machine.
 *
 * <p>Options bit 9 ({@link ModelPlane#STAGE_CHROMA_SPIKES}); planes of 3 or 4 channels without a colour
 * set.
 */
public final class ChromaSpikes implements QuantizedMixture.SpreadBlend {
    /** The stage bit of version 2: spikes at the candidates. */
    public static final int STAGE_BIT = ModelPlane.STAGE_CHROMA_SPIKES;
    /** The stage bit of version 3: spikes at the candidates and at their neighbouring values. */
    public static final int NEAR_STAGE_BIT = ModelPlane.STAGE_CHROMA_NEAR_SPIKES;
    /** The version of chroma repeat {@link #STAGE_BIT} names ({@link ChromaRepeatPredictor} is version 1). */
    public static final int VERSION = 2;
    /** The version {@link #NEAR_STAGE_BIT} names. */
    public static final int NEAR_VERSION = 3;
    private static final double SIDE_START = 1.0 / 1024;
    private static final double SIDE_RATE = 1.0 / 64;
    private static final double MIN_SIDE = 1.0 / 1024;
    private static final double MAX_SIDE = 0.1;
    private static final int SOURCES = CausalNeighbours.COUNT;
    private static final int ONE = 1 << 16;
    private static final double RATE = 1.0 / 32;
    private static final double MIN_WEIGHT = 1.0 / 1024;
    private static final double MAX_WEIGHT = 0.995;
    private static final int T = QuantizedMixture.TOTAL;

    private final Raster raster;
    private final int[] offsets = new int[SOURCES];
    private final double[] weight = new double[2 * 4];
    private final double[] share = new double[2 * 4 * SOURCES];
    private final boolean[] valid = new boolean[SOURCES];
    private final int[] value = new int[SOURCES];
    private final int[] symbol = new int[SOURCES];
    private final int[] mass = new int[SOURCES];
    // version 3: per candidate the spikes at value - 1 and value + 1 (symbol, or -1 when that value is not
    // in the alphabet: its mass stays at the candidate), and per context the share of a candidate's mass
    // they take together
    private final boolean near;
    private final double[] side = new double[2 * 4];
    private final int[] lowSymbol = new int[SOURCES];
    private final int[] lowMass = new int[SOURCES];
    private final int[] highSymbol = new int[SOURCES];
    private final int[] highMass = new int[SOURCES];
    // every spike of the current sample, for blend: symbols (MAX_VALUE for none) and masses, the candidates'
    // first, then (version 3) the values below and above them
    private final int[] pointSymbol = new int[3 * SOURCES];
    private final int[] pointMass = new int[3 * SOURCES];
    private int points;
    private double total;
    private int ctx = -1;
    private int base;

    /** The stage, version 2, for a plane whose samples are in {@code raster}. */
    public ChromaSpikes(Raster raster) {
        this(raster, false);
    }

    /** The stage, version 3 when {@code near} (else 2), for a plane whose samples are in {@code raster}. */
    public ChromaSpikes(Raster raster, boolean near) {
        this.raster = raster;
        this.near = near;
        java.util.Arrays.fill(weight, MIN_WEIGHT);
        java.util.Arrays.fill(share, 1.0 / SOURCES);
        java.util.Arrays.fill(side, SIDE_START);
    }

    /** Whether the stage can apply to planes of this many channels (colour: 3 or 4). */
    public static boolean appliesTo(int channels) {
        return channels >= 3;
    }

    /**
     * Prepares channel {@code c} of pixel (x, y), whose earlier channels are in the raster, coded over
     * {@code alphabet} (of at least 2 symbols). Channels other than 1 and 2, and samples without a candidate
     * in the alphabet, are left as they are.
     */
    public void begin(int c, int x, int y, Alphabet alphabet) {
        ctx = -1;
        if (c == 0 || c > 2) {
            return;
        }
        int context = (c - 1) * 4 + (x & 1) + 2 * (y & 1);
        byte[] s = raster.samples();
        int anchor = s[CausalNeighbours.offsets(raster, x, y, offsets) + c - 1] & 0xFF;
        double sum = 0;
        for (int k = 0; k < SOURCES; k++) {
            int off = offsets[k];
            valid[k] = false;
            if (off >= 0) {
                int v = anchor + (s[off + c] & 0xFF) - (s[off + c - 1] & 0xFF);
                int j = v >= 0 && v <= 255 ? alphabet.symbolOf(v) : -1;
                if (j >= 0) {
                    valid[k] = true;
                    value[k] = v;
                    symbol[k] = j;
                    sum += share[context * SOURCES + k];
                }
            }
        }
        if (sum == 0) {
            return;
        }
        ctx = context;
        total = sum;
        int spread = T - alphabet.size();
        base = ONE - (int) (weight[ctx] * ONE);
        int spikes = spread - (int) ((long) spread * base >>> 16);
        int assigned = 0;
        int first = -1;
        for (int k = 0; k < SOURCES; k++) {
            mass[k] = 0;
            if (valid[k]) {
                int m = (int) (spikes * (share[ctx * SOURCES + k] / total));
                m = Math.max(0, Math.min(m, spikes - assigned));
                mass[k] = m;
                assigned += m;
                if (first < 0) {
                    first = k;
                }
            }
        }
        mass[first] += spikes - assigned;
        if (near) {
            double sd = side[ctx];
            for (int k = 0; k < SOURCES; k++) {
                lowSymbol[k] = -1;
                highSymbol[k] = -1;
                if (valid[k]) {
                    int sides = (int) (mass[k] * sd);
                    int low = sides >> 1;
                    int high = sides - low;
                    int v = value[k];
                    if (v > 0 && alphabet.symbolOf(v - 1) >= 0) {
                        lowSymbol[k] = alphabet.symbolOf(v - 1);
                        lowMass[k] = low;
                        mass[k] -= low;
                    }
                    if (v < 255 && alphabet.symbolOf(v + 1) >= 0) {
                        highSymbol[k] = alphabet.symbolOf(v + 1);
                        highMass[k] = high;
                        mass[k] -= high;
                    }
                }
            }
        }
        for (int k = 0; k < SOURCES; k++) {
            pointSymbol[k] = valid[k] ? symbol[k] : Integer.MAX_VALUE;
            pointMass[k] = mass[k];
            if (near) {
                pointSymbol[SOURCES + k] = valid[k] && lowSymbol[k] >= 0 ? lowSymbol[k] : Integer.MAX_VALUE;
                pointMass[SOURCES + k] = lowMass[k];
                pointSymbol[2 * SOURCES + k] = valid[k] && highSymbol[k] >= 0 ? highSymbol[k] : Integer.MAX_VALUE;
                pointMass[2 * SOURCES + k] = highMass[k];
            }
        }
        points = near ? 3 * SOURCES : SOURCES;
    }

    /** Whether the current sample is reworked ({@link #begin} found a candidate). */
    public boolean active() {
        return ctx >= 0;
    }

    @Override
    public int blend(int j, int r) {
        if (ctx < 0) {
            return r;
        }
        int b = (int) ((long) r * base >>> 16);
        for (int i = 0; i < points; i++) {
            if (pointSymbol[i] < j) {
                b += pointMass[i];
            }
        }
        return b;
    }

    /**
     * Learns from the sample {@code v}, coded between the blended shares {@code lo = R'(s)} and
     * {@code hi = R'(s + 1)} of its symbol s.
     */
    public void observe(int v, int lo, int hi) {
        if (ctx < 0) {
            return;
        }
        if (near) {
            observeNear(v, lo, hi);
            return;
        }
        double spike = 0;
        for (int k = 0; k < SOURCES; k++) {
            if (valid[k] && value[k] == v) {
                spike += share[ctx * SOURCES + k] / total;
            }
        }
        if (spike > 0) {
            for (int k = 0; k < SOURCES; k++) {
                if (valid[k]) {
                    int i = ctx * SOURCES + k;
                    double r = value[k] == v ? share[i] / total / spike : 0;
                    double next = share[i] + RATE * (r - share[i]);
                    share[i] = next < MIN_WEIGHT ? MIN_WEIGHT : next;
                }
            }
        }
        int own = hi - lo;
        for (int k = 0; k < SOURCES; k++) {
            if (valid[k] && value[k] == v) {
                own -= mass[k];
            }
        }
        updateWeight(spike, own);
    }

    /**
     * Version 3: the spike distribution gives v {@code (1 - side) hit + side / 2 near}, hit and near the
     * summed normalized shares of the candidates equal to v and one away from it; the shares move toward
     * their responsibilities for that, the side share toward the responsibility of the neighbouring values
     * ({@code side / 2 near / spike}).
     */
    private void observeNear(int v, int lo, int hi) {
        double sd = side[ctx];
        double hit = 0;
        double nearby = 0;
        for (int k = 0; k < SOURCES; k++) {
            if (valid[k]) {
                int d = value[k] - v;
                if (d == 0) {
                    hit += share[ctx * SOURCES + k] / total;
                } else if (d == 1 || d == -1) {
                    nearby += share[ctx * SOURCES + k] / total;
                }
            }
        }
        double spike = (1 - sd) * hit + sd * 0.5 * nearby;
        if (spike > 0) {
            for (int k = 0; k < SOURCES; k++) {
                if (valid[k]) {
                    int i = ctx * SOURCES + k;
                    int d = value[k] - v;
                    double own = d == 0 ? 1 - sd : (d == 1 || d == -1 ? sd * 0.5 : 0);
                    double r = share[i] / total * own / spike;
                    double next = share[i] + RATE * (r - share[i]);
                    share[i] = next < MIN_WEIGHT ? MIN_WEIGHT : next;
                }
            }
            double rs = sd * 0.5 * nearby / spike;
            double next = sd + SIDE_RATE * (rs - sd);
            side[ctx] = next < MIN_SIDE ? MIN_SIDE : (next > MAX_SIDE ? MAX_SIDE : next);
        }
        int own = hi - lo;
        for (int k = 0; k < SOURCES; k++) {
            if (valid[k]) {
                if (value[k] == v) {
                    own -= mass[k];
                }
                if (lowSymbol[k] >= 0 && value[k] - 1 == v) {
                    own -= lowMass[k];
                }
                if (highSymbol[k] >= 0 && value[k] + 1 == v) {
                    own -= highMass[k];
                }
            }
        }
        updateWeight(spike, own);
    }

    /** The spike weight's online EM step, {@code own} the part of v's frequency the spikes did not give. */
    private void updateWeight(double spike, int own) {
        double w = weight[ctx];
        double pBase = (1 + own * (double) ONE / base) * (1.0 / T);
        double r = w * spike / ((1 - w) * pBase + w * spike);
        w += RATE * (r - w);
        weight[ctx] = w < MIN_WEIGHT ? MIN_WEIGHT : (w > MAX_WEIGHT ? MAX_WEIGHT : w);
    }
}
