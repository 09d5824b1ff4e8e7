package io.lcompress.codec.model.neural;

import io.lcompress.codec.image.Raster;

/**
 * The network input for one pixel, built from causal samples only. Used identically by the coder
 * (through {@link NeuralPixelModel}) and by training (the {@code model} module builds its samples with
 * this class), so both see bit-identical inputs.
 *
 * <h2>Feature spec 1 ({@link #SPEC_CTX24_BORDER_MED})</h2>
 * For pixel (x, y) of a raster with C channels (C = 1 or 3), in this order:
 * <ol>
 *   <li>24 context positions x C channels, position-major ({@code index = p * C + c}): rows
 *       {@code y-3, y-2, y-1} (top to bottom), each at columns {@code x-3 .. x+3}; then row {@code y} at
 *       columns {@code x-3, x-2, x-1}. A sample v is scaled to {@code (v - 127.5f) / 127.5f} (float);
 *       positions outside the image are exactly 0.</li>
 *   <li>9 border indicators, 1 if the position exists and 0 otherwise: {@code y>=1, y>=2, y>=3,
 *       x>=1, x>=2, x>=3, x+1<w, x+2<w, x+3<w}.</li>
 *   <li>C median-edge (LOCO-I) predictions, one per channel, in the scaled domain, from
 *       W = (x-1, y), N = (x, y-1), NW = (x-1, y-1): if y = 0 then W (0 if x = 0 too); else if x = 0
 *       then N; else {@code NW >= max(W,N) ? min(W,N) : NW <= min(W,N) ? max(W,N) : W + N - NW}
 *       (float arithmetic).</li>
 * </ol>
 * Only samples of rows above and of pixels left of x in row y are read: never the current pixel.
 */
public final class ContextFeatures {
    /** Feature spec id stored in weight files. */
    public static final int SPEC_CTX24_BORDER_MED = 1;
    /** Number of context positions. */
    public static final int POSITIONS = 24;
    /** Number of border indicator inputs. */
    public static final int BORDER_FLAGS = 9;

    private static final float[] SCALE = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            SCALE[v] = (v - 127.5f) / 127.5f;
        }
    }

    private final int channels;
    private final int size;

    public ContextFeatures(int spec, int channels) {
        if (spec != SPEC_CTX24_BORDER_MED) {
            throw new IllegalArgumentException("unknown feature spec " + spec);
        }
        if (!supportsChannels(channels)) {
            throw new IllegalArgumentException("feature spec " + spec + " does not support " + channels + " channels");
        }
        this.channels = channels;
        this.size = sizeFor(channels);
    }

    public static boolean supportsChannels(int channels) {
        return channels == 1 || channels == 3;
    }

    /** Input vector length for {@code channels} channels. */
    public static int sizeFor(int channels) {
        return POSITIONS * channels + BORDER_FLAGS + channels;
    }

    public int size() {
        return size;
    }

    public int channels() {
        return channels;
    }

    /** The scaled value of sample v: {@code (v - 127.5f) / 127.5f}. */
    public static float scaled(int v) {
        return SCALE[v];
    }

    /**
     * Writes the features of pixel (x, y) of {@code r} into {@code out[offset .. offset + size())}.
     * The raster must have {@link #channels()} channels.
     */
    public void compute(Raster r, int x, int y, float[] out, int offset) {
        final int c3 = channels;
        if (r.channels() != c3) {
            throw new IllegalArgumentException("raster has " + r.channels() + " channels, features expect " + c3);
        }
        final int w = r.width();
        final byte[] s = r.samples();
        int o = offset;
        // three rows above, columns x-3..x+3
        for (int dy = 3; dy >= 1; dy--) {
            int yy = y - dy;
            if (yy < 0) {
                for (int k = 0; k < 7 * c3; k++) {
                    out[o++] = 0f;
                }
                continue;
            }
            int rowBase = yy * w;
            for (int dx = -3; dx <= 3; dx++) {
                int xx = x + dx;
                if (xx < 0 || xx >= w) {
                    for (int c = 0; c < c3; c++) {
                        out[o++] = 0f;
                    }
                } else {
                    int base = (rowBase + xx) * c3;
                    for (int c = 0; c < c3; c++) {
                        out[o++] = SCALE[s[base + c] & 0xFF];
                    }
                }
            }
        }
        // current row, three pixels to the left
        int rowBase = y * w;
        for (int dx = -3; dx <= -1; dx++) {
            int xx = x + dx;
            if (xx < 0) {
                for (int c = 0; c < c3; c++) {
                    out[o++] = 0f;
                }
            } else {
                int base = (rowBase + xx) * c3;
                for (int c = 0; c < c3; c++) {
                    out[o++] = SCALE[s[base + c] & 0xFF];
                }
            }
        }
        // border indicators
        out[o++] = y >= 1 ? 1f : 0f;
        out[o++] = y >= 2 ? 1f : 0f;
        out[o++] = y >= 3 ? 1f : 0f;
        out[o++] = x >= 1 ? 1f : 0f;
        out[o++] = x >= 2 ? 1f : 0f;
        out[o++] = x >= 3 ? 1f : 0f;
        out[o++] = x + 1 < w ? 1f : 0f;
        out[o++] = x + 2 < w ? 1f : 0f;
        out[o++] = x + 3 < w ? 1f : 0f;
        // median-edge predictions: W is position 23 (row y, x-1), N is position 17 (row y-1, x),
        // NW is position 16 (row y-1, x-1)
        int wIdx = offset + 23 * c3;
        int nIdx = offset + 17 * c3;
        int nwIdx = offset + 16 * c3;
        for (int c = 0; c < c3; c++) {
            float pred;
            if (y == 0) {
                pred = x == 0 ? 0f : out[wIdx + c];
            } else if (x == 0) {
                pred = out[nIdx + c];
            } else {
                float a = out[wIdx + c];
                float b = out[nIdx + c];
                float cc = out[nwIdx + c];
                float mx = a > b ? a : b;
                float mn = a > b ? b : a;
                if (cc >= mx) {
                    pred = mn;
                } else if (cc <= mn) {
                    pred = mx;
                } else {
                    pred = a + b - cc;
                }
            }
            out[o++] = pred;
        }
    }
}
