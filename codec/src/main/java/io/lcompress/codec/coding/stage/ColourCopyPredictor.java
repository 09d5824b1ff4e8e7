package io.lcompress.codec.coding.stage;

import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.model.PixelPredictor;

/**
 * For planes coded with a colour set (few-colour images), adds to the model's mixture sharp components
 * at the colours of the neighbours W, N, NW and NE - those whose earlier channels equal the current
 * pixel's - because such images repeat exact colours (dithering, flat regions, palettes) in a way a
 * continuous model cannot express.
 *
 * <p>The weight of the copy components is the running rate (exponential average, rate 1/16, kept in
 * [0.02, 0.98]) at which the sample equalled a matching neighbour's, per channel; it is split among the
 * matching neighbours by their own running hit rates. Each copy component is a logistic of log-scale
 * -3 centred on the neighbour's value. All in double arithmetic in a fixed order; the rule is part of
 * the format. Stage bit {@link ModelPlane#STAGE_COLOUR_COPY} (options bit 1 from format version 4; in
 * versions 1 to 3 implied by a colour set), version 1 of the stage; it applies only to planes with a
 * colour set. It keeps at most {@code ComponentBudget.MODEL} components of the wrapped mixture and adds
 * at most 4. Unlike chroma repeat it renormalizes the wrapped mixture even when no neighbour matches
 * (weight 0).
 */
public final class ColourCopyPredictor extends CodingStage {
    /** The stage bit that turns this stage on ({@link ModelPlane#STAGE_COLOUR_COPY}). */
    public static final int STAGE_BIT = ModelPlane.STAGE_COLOUR_COPY;
    /** The version of the stage's rule that {@link #STAGE_BIT} names; a changed rule is a new bit. */
    public static final int VERSION = 1;
    private static final double RATE = 1.0 / 16;
    private final double[] copyRate;              // per channel
    private final double[] sourceRate;            // per channel and source
    private final int[] value = new int[SOURCES];
    private final boolean[] match = new boolean[SOURCES];

    ColourCopyPredictor(PixelPredictor base, Raster raster, Elementary fn) {
        super(base, raster, fn);
        this.copyRate = new double[channels];
        java.util.Arrays.fill(copyRate, 0.5);
        this.sourceRate = new double[channels * SOURCES];
        java.util.Arrays.fill(sourceRate, 0.5);
    }

    @Override
    public void predict(int c, LogisticMixture out) {
        predictBase(c, inner);
        byte[] s = raster.samples();
        int here = CausalNeighbours.offsets(raster, x, y, offsets);
        double total = 0;
        for (int k = 0; k < SOURCES; k++) {
            int off = offsets[k];
            boolean m = off >= 0;
            for (int j = 0; j < c && m; j++) {
                m = s[off + j] == s[here + j];
            }
            match[k] = m;
            if (m) {
                value[k] = s[off + c] & 0xFF;
                total += sourceRate[c * SOURCES + k];
            }
        }
        double copy = total > 0 ? copyRate[c] : 0;
        int n = putBase(out, copy);
        if (total > 0) {
            for (int k = 0; k < SOURCES; k++) {
                if (match[k]) {
                    n = putSharp(out, n, copy, sourceRate[c * SOURCES + k], total, value[k]);
                }
            }
        }
        out.setComponents(n);
    }

    @Override
    void learn(int c, int v) {
        boolean any = false;
        boolean hit = false;
        for (int k = 0; k < SOURCES; k++) {
            if (match[k]) {
                any = true;
                boolean h = value[k] == v;
                hit |= h;
                int i = c * SOURCES + k;
                sourceRate[i] += RATE * ((h ? 1 : 0) - sourceRate[i]);
            }
        }
        if (any) {
            copyRate[c] += RATE * ((hit ? 1 : 0) - copyRate[c]);
            copyRate[c] = copyRate[c] < 0.02 ? 0.02 : (copyRate[c] > 0.98 ? 0.98 : copyRate[c]);
        }
    }
}
