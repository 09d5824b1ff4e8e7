package io.lcompress.codec.model.bilevel;

/**
 * The causal binary template of feature spec 2 ({@link #SPEC_BINARY_TEMPLATE}): the network input of the
 * {@code bilevel} model, used identically by the coder ({@link BilevelPixelModel}) and by training (the
 * {@code model} module), so both see the same inputs.
 *
 * <h2>Feature spec 2</h2>
 * A pixel is an <em>ink bit</em>: 1 for the darker of a plane's two levels (symbol 0 of its alphabet),
 * 0 for the brighter. For pixel (x, y) the input is {@value #SIZE} values, each 1f (ink) or 0f, at these
 * offsets (dx, dy), in this order:
 * <ol>
 *   <li>row y-3: dx = -3 .. 3 (7 positions);</li>
 *   <li>row y-2: dx = -4 .. 4 (9 positions);</li>
 *   <li>row y-1: dx = -5 .. 5 (11 positions);</li>
 *   <li>row y: dx = -6 .. -1 (6 positions).</li>
 * </ol>
 * <b>Border rule</b>: a position outside the raster (of the stripe being coded) reads as 0, i.e. as the
 * brighter level (white paper). Only pixels before (x, y) in raster order are read.
 */
public final class BinaryTemplate {
    /** Feature spec id stored in weight files. */
    public static final int SPEC_BINARY_TEMPLATE = 2;
    /** Offsets, in input order. */
    static final int[] DX;
    static final int[] DY;
    /** Input count: 7 + 9 + 11 + 6. */
    public static final int SIZE = 33;

    static {
        int[][] rows = {{-3, 3}, {-2, 4}, {-1, 5}};
        int n = 0;
        for (int[] r : rows) {
            n += 2 * r[1] + 1;
        }
        n += 6;
        if (n != SIZE) {
            throw new AssertionError("template of " + n + " positions");
        }
        DX = new int[n];
        DY = new int[n];
        int k = 0;
        for (int[] r : rows) {
            for (int dx = -r[1]; dx <= r[1]; dx++) {
                DX[k] = dx;
                DY[k++] = r[0];
            }
        }
        for (int dx = -6; dx <= -1; dx++) {
            DX[k] = dx;
            DY[k++] = 0;
        }
    }

    private BinaryTemplate() {
    }

    /**
     * The ink bit at (x, y) of a {@code width x height} bit image ({@code bits[y * width + x]}, 0 or 1), or
     * 0 outside it (the border rule).
     */
    public static int bit(byte[] bits, int width, int height, int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0 : bits[y * width + x];
    }

    /** Writes the {@value #SIZE} inputs of pixel (x, y) into {@code out[offset ..]} as 0f / 1f. */
    public static void compute(byte[] bits, int width, int height, int x, int y, float[] out, int offset) {
        for (int k = 0; k < SIZE; k++) {
            out[offset + k] = bit(bits, width, height, x + DX[k], y + DY[k]);
        }
    }

    /**
     * The indices (increasing) of the inputs of pixel (x, y) that are 1, into {@code set}; returns their
     * count. The sparse form of {@link #compute}.
     */
    public static int setInputs(byte[] bits, int width, int height, int x, int y, int[] set) {
        int n = 0;
        for (int k = 0; k < SIZE; k++) {
            if (bit(bits, width, height, x + DX[k], y + DY[k]) != 0) {
                set[n++] = k;
            }
        }
        return n;
    }
}
