package io.lcompress.cli;

import org.jfree.chart.renderer.PaintScale;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;

/**
 * The viridis colour map (perceptually uniform, readable in grey and by colour-blind viewers) as a
 * JFreeChart {@link PaintScale}. The table holds every 8th entry of matplotlib's 256-entry viridis
 * (and the last one), linearly interpolated in between; the colour maps were released under CC0 by
 * Stéfan van der Walt, Nathaniel J. Smith and Eric Firing.
 */
final class Viridis implements PaintScale, Serializable {
    private static final long serialVersionUID = 1L;

    /** Positions in the original 256-entry table (0..255) and the colours there, as sRGB in 0..1. */
    private static final int[] INDEX = {0, 8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120, 128,
            136, 144, 152, 160, 168, 176, 184, 192, 200, 208, 216, 224, 232, 240, 248, 255};
    private static final double[][] RGB = {
            {0.267004, 0.004874, 0.329415}, {0.277018, 0.050344, 0.375715}, {0.282327, 0.094955, 0.417331},
            {0.282884, 0.135920, 0.453427}, {0.278826, 0.175490, 0.483397}, {0.270595, 0.214069, 0.507052},
            {0.258965, 0.251537, 0.524736}, {0.244972, 0.287675, 0.537260}, {0.229739, 0.322361, 0.545706},
            {0.214298, 0.355619, 0.551184}, {0.199430, 0.387607, 0.554642}, {0.185556, 0.418570, 0.556753},
            {0.172719, 0.448791, 0.557885}, {0.160665, 0.478540, 0.558115}, {0.149039, 0.508051, 0.557250},
            {0.137770, 0.537492, 0.554906}, {0.127568, 0.566949, 0.550556}, {0.120565, 0.596422, 0.543611},
            {0.120638, 0.625828, 0.533488}, {0.132268, 0.655014, 0.519661}, {0.157851, 0.683765, 0.501686},
            {0.196571, 0.711827, 0.479221}, {0.246070, 0.738910, 0.452024}, {0.304148, 0.764704, 0.419943},
            {0.369214, 0.788888, 0.382914}, {0.440137, 0.811138, 0.340967}, {0.515992, 0.831158, 0.294279},
            {0.595839, 0.848717, 0.243329}, {0.678489, 0.863742, 0.189503}, {0.762373, 0.876424, 0.137064},
            {0.845561, 0.887322, 0.099702}, {0.926106, 0.897330, 0.104071}, {0.993248, 0.906157, 0.143936}};

    /** 256 packed 0xRRGGBB colours, index 0 = lowest value. */
    private static final int[] LUT = buildLut();

    private final double lower;
    private final double upper;

    Viridis(double lower, double upper) {
        if (!(upper > lower)) {
            throw new IllegalArgumentException("empty colour scale range [" + lower + ", " + upper + "]");
        }
        this.lower = lower;
        this.upper = upper;
    }

    private static int[] buildLut() {
        int[] lut = new int[256];
        int seg = 0;
        for (int i = 0; i < 256; i++) {
            while (INDEX[seg + 1] < i) {
                seg++;
            }
            double t = (i - INDEX[seg]) / (double) (INDEX[seg + 1] - INDEX[seg]);
            int rgb = 0;
            for (int ch = 0; ch < 3; ch++) {
                double v = RGB[seg][ch] + t * (RGB[seg + 1][ch] - RGB[seg][ch]);
                rgb = (rgb << 8) | (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
            }
            lut[i] = rgb;
        }
        return lut;
    }

    /** The packed 0xRRGGBB colour for a value, clamped to the scale's range. */
    int rgb(double value) {
        double t = (value - lower) / (upper - lower);
        if (!(t > 0)) {
            return LUT[0];      // also NaN
        }
        if (t >= 1) {
            return LUT[255];
        }
        return LUT[(int) (t * 255 + 0.5)];
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        return new Color(rgb(value));
    }
}
