package io.lcompress.codec.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;

import java.util.Random;

/**
 * Builds a small valid image of any PNG kind from fuzzer data: colour type 0/2/3/4/6, every legal bit
 * depth, palettes with and without translucent entries (and with duplicate entries), interlaced or
 * not, 1..48 x 1..48 pixels, with content the data chooses: uniform, grey in colour, fully
 * transparent, a few colours, gradients, noise or the data's own bytes.
 *
 * <p>All structural choices are taken with {@code consumeInt}/{@code consumeBoolean} (which read from
 * the end of the input) before the raw content is taken with {@code consumeRemainingAsBytes} (from the
 * front), so the fuzzer can mutate shape and content independently. {@link FuzzInputWriter} writes
 * inputs that make a chosen image; if the order of the choices below changes, the committed
 * RoundTripFuzzTest inputs must be regenerated (RegressionInputsGenerator).
 */
final class FuzzImages {
    static final int MAX_SIDE = 48;
    static final int[] COLOUR_TYPES = {PngImage.GRAY, PngImage.RGB, PngImage.PALETTE, PngImage.GRAY_ALPHA, PngImage.RGBA};

    /** Content kinds. */
    static final int UNIFORM = 0;
    static final int GREY_IN_COLOUR = 1;
    static final int TRANSPARENT = 2;
    static final int FEW_COLOURS = 3;
    static final int GRADIENT = 4;
    static final int NOISE = 5;
    static final int RAW = 6;
    static final int CONTENT_KINDS = 7;

    /** Alpha kinds (grey+alpha, RGBA). */
    static final int ALPHA_OPAQUE = 0;
    static final int ALPHA_ZERO = 1;
    static final int ALPHA_LIKE_CONTENT = 2;
    static final int ALPHA_MASK = 3;

    /** Palette alpha kinds. */
    static final int PAL_OPAQUE = 0;
    static final int PAL_TRANSLUCENT = 1;
    static final int PAL_ONE_TRANSPARENT = 2;
    static final int PAL_ALL_TRANSPARENT = 3;

    private FuzzImages() {
    }

    static int[] depths(int colorType) {
        return switch (colorType) {
            case PngImage.GRAY -> new int[]{1, 2, 4, 8, 16};
            case PngImage.PALETTE -> new int[]{1, 2, 4, 8};
            default -> new int[]{8, 16};
        };
    }

    static int channels(int colorType) {
        return switch (colorType) {
            case PngImage.GRAY, PngImage.PALETTE -> 1;
            case PngImage.GRAY_ALPHA -> 2;
            case PngImage.RGB -> 3;
            default -> 4;
        };
    }

    static PngImage image(FuzzedDataProvider d) {
        int colorType = COLOUR_TYPES[d.consumeInt(0, COLOUR_TYPES.length - 1)];
        int[] depths = depths(colorType);
        int depth = depths[d.consumeInt(0, depths.length - 1)];
        boolean interlaced = d.consumeBoolean();
        int w;
        int h;
        switch (d.consumeInt(0, 3)) {
            case 0 -> {         // 1x1
                w = 1;
                h = 1;
            }
            case 1 -> {         // one column
                w = 1;
                h = d.consumeInt(1, MAX_SIDE);
            }
            case 2 -> {         // one row
                w = d.consumeInt(1, MAX_SIDE);
                h = 1;
            }
            default -> {
                w = d.consumeInt(1, MAX_SIDE);
                h = d.consumeInt(1, MAX_SIDE);
            }
        }
        int content = d.consumeInt(0, CONTENT_KINDS - 1);
        int alphaKind = d.consumeInt(0, 3);
        Random rnd = new Random(d.consumeInt(0, 0xFFFF));
        int channels = channels(colorType);
        int[] palette = null;
        int max = (1 << depth) - 1;          // largest sample value
        if (colorType == PngImage.PALETTE) {
            int n = d.consumeInt(1, 1 << depth);
            palette = palette(n, content, alphaKind, d.consumeBoolean(), rnd);
            max = n - 1;                     // indices
        }
        int colourChannels = channels == 2 || channels == 4 ? channels - 1 : channels;
        int fewColours = d.consumeInt(1, 8);
        int gx = d.consumeInt(0, 8);
        int gy = d.consumeInt(0, 8);
        int[] uniform = new int[channels];
        for (int c = 0; c < channels; c++) {
            uniform[c] = d.consumeInt(0, max);
        }
        byte[] raw = content == RAW ? d.consumeRemainingAsBytes() : new byte[0];

        int[][] few = new int[fewColours][channels];
        for (int[] colour : few) {
            for (int c = 0; c < channels; c++) {
                colour[c] = rnd.nextInt(max + 1);
            }
        }
        int[] s = new int[w * h * channels];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int grey = greyLevel(content, x, y, gx, gy, max, rnd);
                int pick = content == FEW_COLOURS ? (rnd.nextInt(3) == 0 ? rnd.nextInt(fewColours)
                        : (x / 3 + y) % fewColours) : 0;
                for (int c = 0; c < channels; c++, i++) {
                    int v = switch (content) {
                        case UNIFORM, TRANSPARENT -> uniform[c];
                        case GREY_IN_COLOUR -> c < colourChannels ? grey : uniform[c];
                        case FEW_COLOURS -> few[pick][c];
                        case GRADIENT -> ((x * gx + y * gy) * 4 + c * 37) % (max + 1);
                        case NOISE -> rnd.nextInt(max + 1);
                        default -> rawSample(raw, i, depth, max);
                    };
                    boolean alpha = c == colourChannels;   // only grey+alpha and RGBA have one
                    if (alpha) {
                        v = switch (content == TRANSPARENT ? ALPHA_ZERO : alphaKind) {
                            case ALPHA_OPAQUE -> max;
                            case ALPHA_ZERO -> 0;
                            case ALPHA_MASK -> rnd.nextBoolean() ? max : 0;
                            default -> v;
                        };
                    }
                    s[i] = v;
                }
            }
        }
        return build(w, h, colorType, depth, interlaced, s, palette);
    }

    private static int greyLevel(int content, int x, int y, int gx, int gy, int max, Random rnd) {
        if (content != GREY_IN_COLOUR) {
            return 0;
        }
        return gx == 0 && gy == 0 ? rnd.nextInt(max + 1) : ((x * gx + y * gy) * 4) % (max + 1);
    }

    private static int rawSample(byte[] raw, int i, int depth, int max) {
        if (raw.length == 0) {
            return 0;
        }
        if (depth == 16) {
            int hi = raw[(2 * i) % raw.length] & 0xFF;
            int lo = raw[(2 * i + 1) % raw.length] & 0xFF;
            return hi << 8 | lo;
        }
        return (raw[i % raw.length] & 0xFF) % (max + 1);
    }

    private static int[] palette(int n, int content, int alphaKind, boolean duplicate, Random rnd) {
        int[] pal = new int[n];
        for (int k = 0; k < n; k++) {
            int r = rnd.nextInt(256);
            int g = content == GREY_IN_COLOUR ? r : rnd.nextInt(256);
            int b = content == GREY_IN_COLOUR ? r : rnd.nextInt(256);
            if (content == UNIFORM) {
                r = g = b = 0;         // all entries black: a blank icon
            }
            int a = switch (content == TRANSPARENT ? PAL_ALL_TRANSPARENT : alphaKind) {
                case PAL_TRANSLUCENT -> rnd.nextInt(256);
                case PAL_ONE_TRANSPARENT -> k == 0 ? 0 : 0xFF;
                case PAL_ALL_TRANSPARENT -> 0;
                default -> 0xFF;
            };
            pal[k] = r << 24 | g << 16 | b << 8 | a;
        }
        if (duplicate && n > 1) {
            pal[n - 1] = pal[0];
        }
        return pal;
    }

    /** An image from samples as PNG stores them (full 16-bit values, indices, raw low-depth grey). */
    static PngImage build(int w, int h, int colorType, int depth, boolean interlaced, int[] s, int[] palette) {
        int channels = channels(colorType);
        Raster hi = new Raster(w, h, channels);
        Raster lo = depth == 16 ? new Raster(w, h, channels) : null;
        for (int i = 0; i < s.length; i++) {
            if (lo != null) {
                hi.samples()[i] = (byte) (s[i] >>> 8);
                lo.samples()[i] = (byte) s[i];
            } else {
                hi.samples()[i] = (byte) s[i];
            }
        }
        return new PngImage(colorType, depth, interlaced, hi, lo, palette);
    }
}
