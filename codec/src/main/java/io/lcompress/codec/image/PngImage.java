package io.lcompress.codec.image;

/**
 * An image exactly as a PNG stores it.
 *
 * @param colorType  PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
 * @param bitDepth   1, 2, 4, 8 or 16
 * @param interlaced Adam7 interlacing of the file it came from (kept for writing it back)
 * @param samples    the samples, channels in PNG order; 16-bit: the high bytes; palette: the indices;
 *                   grey below 8 bits: the raw values 0 .. 2^bitDepth - 1
 * @param low        16-bit only: the low bytes, same layout; null otherwise
 * @param palette    colour type 3: entries as 0xRRGGBBAA (alpha 0xFF where tRNS gives none); else null
 * @param chunks     the PNG's other chunks (ancillary ones, a colour key, a suggested palette), in file
 *                   order, kept verbatim (see {@link PngChunk}); never null
 */
public record PngImage(int colorType, int bitDepth, boolean interlaced, Raster samples, Raster low, int[] palette,
                       java.util.List<PngChunk> chunks) {
    public PngImage {
        chunks = java.util.List.copyOf(chunks);
    }

    /** An image without other chunks. */
    public PngImage(int colorType, int bitDepth, boolean interlaced, Raster samples, Raster low, int[] palette) {
        this(colorType, bitDepth, interlaced, samples, low, palette, java.util.List.of());
    }

    public static final int GRAY = 0;
    public static final int RGB = 2;
    public static final int PALETTE = 3;
    public static final int GRAY_ALPHA = 4;
    public static final int RGBA = 6;

    /** An 8-bit, non-interlaced image of the colour type matching the raster's channel count. */
    public static PngImage of(Raster raster) {
        return new PngImage(colorTypeFor(raster.channels()), 8, false, raster, null, null);
    }

    public int width() {
        return samples.width();
    }

    public int height() {
        return samples.height();
    }

    public static int colorTypeFor(int channels) {
        return switch (channels) {
            case 1 -> GRAY;
            case 2 -> GRAY_ALPHA;
            case 3 -> RGB;
            case 4 -> RGBA;
            default -> throw new IllegalArgumentException("no PNG colour type with " + channels + " channels");
        };
    }

    public static String describe(int colorType) {
        return switch (colorType) {
            case GRAY -> "grey";
            case RGB -> "RGB";
            case PALETTE -> "palette";
            case GRAY_ALPHA -> "grey+alpha";
            case RGBA -> "RGBA";
            default -> "colour type " + colorType;
        };
    }

    /** e.g. "RGBA 16-bit interlaced". */
    public String describe() {
        return describe(colorType, bitDepth, interlaced);
    }

    public static String describe(int colorType, int bitDepth, boolean interlaced) {
        return describe(colorType) + " " + bitDepth + "-bit" + (interlaced ? " interlaced" : "");
    }

    /**
     * The first difference from {@code other} in what a PNG stores - colour type, bit depth,
     * interlacing, size, palette, samples, low bytes - or null when there is none.
     */
    public String differenceFrom(PngImage other) {
        if (colorType != other.colorType || bitDepth != other.bitDepth || interlaced != other.interlaced) {
            return describe() + " became " + other.describe();
        }
        if (width() != other.width() || height() != other.height()) {
            return "size " + width() + "x" + height() + " became " + other.width() + "x" + other.height();
        }
        if (!java.util.Arrays.equals(palette, other.palette)) {
            return "palette differs";
        }
        if (!chunks.equals(other.chunks)) {
            return "chunks differ: " + chunks + " became " + other.chunks;
        }
        int at = java.util.Arrays.mismatch(samples.samples(), other.samples.samples());
        if (at >= 0) {
            int n = samples.channels();
            return "sample differs at pixel (" + (at / n % width()) + ", " + (at / n / width()) + "), channel " + at % n;
        }
        if ((low == null) != (other.low == null)
                || low != null && !java.util.Arrays.equals(low.samples(), other.low.samples())) {
            return "low bytes differ";
        }
        return null;
    }
}
