package io.lcompress.codec.container;

import java.util.List;

/**
 * The header of an {@code .lc} file (see docs/FORMAT.md): everything a decoder needs before the
 * payload, whatever the format version it was read from.
 *
 * @param width          pixels per row, 1..2^24
 * @param height         rows, 1..2^24
 * @param colorType      PNG colour type to restore: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
 * @param bitDepth       PNG bit depth: 1, 2, 4, 8 or 16 (as PNG allows for the colour type)
 * @param interlaced     whether the original PNG was Adam7-interlaced (restored on decode)
 * @param palette        colour type 3: the palette as 0xRRGGBBAA entries; null otherwise
 * @param paletteMode    colour type 3: {@link #PALETTE_EXPANDED} or {@link #PALETTE_INDICES}
 * @param stripeRows     rows per independently coded stripe (the last may be shorter)
 * @param planes         the coded planes, in payload order (none when the image is a PNG stream)
 * @param pixelCrc       CRC-32C of the image's samples as PNG stores them (see FORMAT.md)
 * @param chunks         the PNG's other chunks, kept verbatim (version 3 on; none in earlier versions)
 * @param pngStreamBytes version 4: when the image is stored as the PNG's own deflate stream, its length in
 *                       bytes (the whole payload); -1 when the image is coded in planes
 * @param transposed     version 4: the coded image is the PNG's transpose (the PNG's pixel (x, y) is coded at
 *                       (y, x)), chosen by the encoder where it codes smaller; {@code width}, {@code height},
 *                       the stripes and the pixel CRC are the coded image's ({@link #pngWidth()},
 *                       {@link #presented()}). Only for images coded in planes of at most
 *                       {@link #MAX_TRANSPOSED_PIXELS} pixels
 */
public record LcHeader(int width, int height, int colorType, int bitDepth, boolean interlaced, int[] palette,
                       int paletteMode, int stripeRows, List<Plane> planes, int pixelCrc,
                       List<KeptChunk> chunks, int pngStreamBytes, boolean transposed) {
    /**
     * Most pixels of a transposed image: its decoder holds the whole image before writing the first PNG row
     * (2^24 pixels: at most 128 MiB of 16-bit RGBA samples).
     */
    public static final long MAX_TRANSPOSED_PIXELS = 1L << 24;

    public LcHeader {
        planes = List.copyOf(planes);
        chunks = List.copyOf(chunks);
    }

    /** A header of an image coded as the PNG stores it (not transposed). */
    public LcHeader(int width, int height, int colorType, int bitDepth, boolean interlaced, int[] palette,
                    int paletteMode, int stripeRows, List<Plane> planes, int pixelCrc,
                    List<KeptChunk> chunks, int pngStreamBytes) {
        this(width, height, colorType, bitDepth, interlaced, palette, paletteMode, stripeRows, planes, pixelCrc,
                chunks, pngStreamBytes, false);
    }

    /** This header with the coded image transposed or not (see {@link #transposed()}). */
    public LcHeader withTransposed(boolean t) {
        return new LcHeader(width, height, colorType, bitDepth, interlaced, palette, paletteMode, stripeRows,
                planes, pixelCrc, chunks, pngStreamBytes, t);
    }

    /** The PNG's width: the coded image's, or its height when {@link #transposed()}. */
    public int pngWidth() {
        return transposed ? height : width;
    }

    /** The PNG's height: the coded image's, or its width when {@link #transposed()}. */
    public int pngHeight() {
        return transposed ? width : height;
    }

    /**
     * The header as the decoded PNG is: {@link #pngWidth()} by {@link #pngHeight()}, not transposed (what a
     * decoder's row sink is given; its planes and stripes still describe the coded image).
     */
    public LcHeader presented() {
        return transposed ? new LcHeader(height, width, colorType, bitDepth, interlaced, palette, paletteMode,
                stripeRows, planes, pixelCrc, chunks, pngStreamBytes, false) : this;
    }

    /** A header of planes without other chunks. */
    public LcHeader(int width, int height, int colorType, int bitDepth, boolean interlaced, int[] palette,
                    int paletteMode, int stripeRows, List<Plane> planes, int pixelCrc) {
        this(width, height, colorType, bitDepth, interlaced, palette, paletteMode, stripeRows, planes, pixelCrc,
                List.of(), -1);
    }

    /** A header of planes. */
    public LcHeader(int width, int height, int colorType, int bitDepth, boolean interlaced, int[] palette,
                    int paletteMode, int stripeRows, List<Plane> planes, int pixelCrc, List<KeptChunk> chunks) {
        this(width, height, colorType, bitDepth, interlaced, palette, paletteMode, stripeRows, planes, pixelCrc,
                chunks, -1);
    }

    /** Palette images coded as the colours they show (R, G, B and, if any entry is translucent, A). */
    public static final int PALETTE_EXPANDED = 0;
    /** Palette images coded as their indices (used when two entries have the same colour). */
    public static final int PALETTE_INDICES = 1;

    /** Whether the image is stored as the PNG's own deflate stream (version 4) rather than in planes. */
    public boolean isPngStream() {
        return pngStreamBytes >= 0;
    }

    public int stripeCount() {
        return stripesFor(height, stripeRows);
    }

    /** Channels PNG stores per pixel for this colour type (palette: 1 index). */
    public int pngChannels() {
        return pngChannels(colorType);
    }

    public static int pngChannels(int colorType) {
        return switch (colorType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw new IllegalArgumentException("colour type " + colorType);
        };
    }

    /** Channels that are coded: the PNG's, except expanded palettes (3, or 4 with alpha). */
    public int codedChannels() {
        return codedChannels(colorType, palette, paletteMode);
    }

    static int codedChannels(int colorType, int[] palette, int paletteMode) {
        if (colorType == 3 && paletteMode == PALETTE_EXPANDED) {
            return paletteHasAlpha(palette) ? 4 : 3;
        }
        return pngChannels(colorType);
    }

    public static boolean paletteHasAlpha(int[] palette) {
        for (int e : palette) {
            if ((e & 0xFF) != 0xFF) {
                return true;
            }
        }
        return false;
    }

    /** The first plane coded with a pixel model (the image's colour), or null. */
    public ModelPlane mainPlane() {
        for (Plane p : planes) {
            if (p instanceof ModelPlane m) {
                return m;
            }
        }
        return null;
    }

    /** What codes the image, for listings: the main plane's model, {@code png-stream}, or {@code none}. */
    public String coderName() {
        ModelPlane main = mainPlane();
        return isPngStream() ? "png-stream" : main == null ? "none" : main.modelName();
    }

    /**
     * Subpixels for bits-per-subpixel figures: width x height x channels of the image as seen
     * (palette images count their colour channels: 3, or 4 with a translucent entry).
     */
    public long subpixels() {
        int c = colorType == 3 ? (paletteHasAlpha(palette) ? 4 : 3) : pngChannels();
        return (long) width * height * c;
    }

    public long payloadBytes() {
        if (isPngStream()) {
            return pngStreamBytes;
        }
        long sum = 0;
        for (Plane p : planes) {
            if (p.stripes() != null) {
                sum += p.stripes().bytes();
            }
        }
        return sum;
    }

    /** Number of stripes {@code height} rows cut into stripes of {@code stripeRows} make. */
    public static int stripesFor(int height, int stripeRows) {
        return (int) (((long) height + stripeRows - 1) / stripeRows);
    }
}
