package io.lcompress.codec.coding.stage;

import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import io.lcompress.codec.model.PixelPredictor;

/**
 * Adds to a model's prediction of channels 1 and 2 of a colour image sharp components at the values that
 * repeat a neighbour's channel difference: for neighbour n in W, N, NW, NE the candidate for channel c is
 * {@code here[c-1] + n[c] - n[c-1]}. Images that went through chroma subsampling (video frames, many
 * JPEG-derived photos) share their colour differences between the pixels of a 2x1 or 2x2 block, exactly
 * or almost, so once the first channel is known the others are nearly certain - a structure a continuous
 * per-pixel model cannot express.
 *
 * <p>The coded distribution is {@code (1 - w) P_base + w S}, where {@code S} puts the candidates'
 * share of mass on each candidate (a logistic of log-scale -3, i.e. practically one bin). {@code w} is
 * learned online per context (channel x column parity x row parity, since a block's first pixel does not
 * repeat its left neighbour while its second does) by the online EM step of a two-component mixture:
 * {@code w <- w + (r - w) / 32} with {@code r = w S(v) / ((1 - w) P_base(v) + w S(v))} the posterior that
 * the spike explained the value {@code v}, clamped to [1/1024, 0.995]. On images without such
 * structure {@code w} sinks to about 1/1024 and costs ~0.0014 bits per subpixel. The split among the
 * candidates is learned the same way, per context: after a sample that some candidate hit, each valid
 * source's share moves by 1/32 toward its posterior responsibility (its normalized share if its
 * candidate hit, divided by the hits' total; 0 if it missed), floored at 1/1024 - so the neighbour that
 * really repeats (W at a block's second pixel) takes nearly all the mass instead of a share in
 * proportion to hit rates (which cost ~0.5 bit per hit on Set14's barbara).
 *
 * <p>Both sides run the same double arithmetic in a fixed order; {@code P_base} is the base mixture's
 * exact integer distribution over the channel's alphabet ({@link QuantizedMixture}). The stage is a
 * coding tool signalled per plane: stage bit {@link ModelPlane#STAGE_CHROMA_REPEAT} (options bit 0 from
 * format version 4, tools bit 0 in versions 2 and 3, absent in version 1), version 1 of the stage; the
 * encoder turns it on for colour planes of 3 or 4 channels without a colour set. It keeps at most
 * {@code ComponentBudget.MODEL} components of the wrapped mixture and adds at most 4.
 */
public final class ChromaRepeatPredictor extends CodingStage {
    /** The stage bit that turns this stage on ({@link ModelPlane#STAGE_CHROMA_REPEAT}). */
    public static final int STAGE_BIT = ModelPlane.STAGE_CHROMA_REPEAT;
    /** The version of the stage's rule that {@link #STAGE_BIT} names; a changed rule is a new bit. */
    public static final int VERSION = 1;
    private static final double RATE = 1.0 / 32;
    private static final double MIN_WEIGHT = 1.0 / 1024;
    private static final double MAX_WEIGHT = 0.995;
    private final Alphabet[] alphabets;
    private final double[] weight = new double[2 * 4];
    private final double[] share = new double[2 * 4 * SOURCES];
    private final QuantizedMixture q;
    private final int[] candidate = new int[SOURCES];
    private final boolean[] valid = new boolean[SOURCES];
    private double total;
    private int ctx;

    ChromaRepeatPredictor(PixelPredictor base, Raster raster, Alphabet[] alphabets, Elementary fn) {
        super(base, raster, fn);
        this.q = new QuantizedMixture(fn);
        this.alphabets = alphabets;
        java.util.Arrays.fill(weight, MIN_WEIGHT);
        java.util.Arrays.fill(share, 1.0 / SOURCES);
    }

    /** Whether the stage can apply to planes of this many channels (colour: 3 or 4). */
    public static boolean appliesTo(int channels) {
        return channels >= 3;
    }

    @Override
    public void predict(int c, LogisticMixture out) {
        if (c == 0 || c > 2) {
            ctx = -1;
            predictBase(c, out);
            return;
        }
        predictBase(c, inner);
        ctx = (c - 1) * 4 + (x & 1) + 2 * (y & 1);
        byte[] s = raster.samples();
        int anchor = s[CausalNeighbours.offsets(raster, x, y, offsets) + c - 1] & 0xFF;
        total = 0;
        for (int k = 0; k < SOURCES; k++) {
            int off = offsets[k];
            valid[k] = false;
            if (off >= 0) {
                int v = anchor + (s[off + c] & 0xFF) - (s[off + c - 1] & 0xFF);
                if (v >= 0 && v <= 255) {
                    valid[k] = true;
                    candidate[k] = v;
                    total += share[ctx * SOURCES + k];
                }
            }
        }
        if (total == 0) {
            ctx = -1;
            out.copyFrom(inner);
            return;
        }
        double w = weight[ctx];
        int n = putBase(out, w);
        for (int k = 0; k < SOURCES; k++) {
            if (valid[k]) {
                n = putSharp(out, n, w, share[ctx * SOURCES + k], total, candidate[k]);
            }
        }
        out.setComponents(n);
    }

    @Override
    void learn(int c, int v) {
        if (ctx >= 0) {
            double spike = 0;
            for (int k = 0; k < SOURCES; k++) {
                if (valid[k] && candidate[k] == v) {
                    spike += share[ctx * SOURCES + k] / total;
                }
            }
            if (spike > 0) {
                // EM step for the split: each valid source moves toward its posterior responsibility
                for (int k = 0; k < SOURCES; k++) {
                    if (valid[k]) {
                        int i = ctx * SOURCES + k;
                        double r = candidate[k] == v ? share[i] / total / spike : 0;
                        double next = share[i] + RATE * (r - share[i]);
                        share[i] = next < MIN_WEIGHT ? MIN_WEIGHT : next;
                    }
                }
            }
            double w = weight[ctx];
            Alphabet alphabet = alphabets[c];
            int sym = alphabet.symbolOf(v);
            double pBase = alphabet.size() > 1 ? q.set(inner, alphabet).frequency(sym) * (1.0 / QuantizedMixture.TOTAL) : 1.0;
            double r = w * spike / ((1 - w) * pBase + w * spike);
            w += RATE * (r - w);
            weight[ctx] = w < MIN_WEIGHT ? MIN_WEIGHT : (w > MAX_WEIGHT ? MAX_WEIGHT : w);
        }
    }
}
