package io.lcompress.codec.container;

import io.lcompress.codec.image.PngChunk;

import java.util.List;

/**
 * The header of an {@code .lc} file (see docs/FORMAT.md): everything a decoder needs before the
 * payload.
 *
 * @param width       pixels per row, 1..2^24
 * @param height      rows, 1..2^24
 * @param colorType   PNG colour type to restore: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
 * @param bitDepth    PNG bit depth: 1, 2, 4, 8 or 16 (as PNG allows for the colour type)
 * @param interlaced  whether the original PNG was Adam7-interlaced (restored on decode)
 * @param palette     colour type 3: the palette as 0xRRGGBBAA entries; null otherwise
 * @param paletteMode colour type 3: {@link #PALETTE_EXPANDED} or {@link #PALETTE_INDICES}
 * @param stripeRows  rows per independently coded stripe (the last may be shorter)
 * @param planes      the coded planes, in payload order
 * @param pixelCrc    CRC-32C of the image's samples as PNG stores them (see FORMAT.md)
 * @param chunks      the PNG's other chunks, kept verbatim (version 3; none in earlier versions)
 */
public record LcHeader(int width, int height, int colorType, int bitDepth, boolean interlaced, int[] palette,
                       int paletteMode, int stripeRows, List<PlaneHeader> planes, int pixelCrc,
                       List<PngChunk> chunks) {
    public LcHeader {
        chunks = List.copyOf(chunks);
    }

    /** A header without other chunks. */
    public LcHeader(int width, int height, int colorType, int bitDepth, boolean interlaced, int[] palette,
                    int paletteMode, int stripeRows, List<PlaneHeader> planes, int pixelCrc) {
        this(width, height, colorType, bitDepth, interlaced, palette, paletteMode, stripeRows, planes, pixelCrc,
                List.of());
    }

    /** Palette images coded as the colours they show (R, G, B and, if any entry is translucent, A). */
    public static final int PALETTE_EXPANDED = 0;
    /** Palette images coded as their indices (used when two entries have the same colour). */
    public static final int PALETTE_INDICES = 1;

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
        if (colorType == 3 && paletteMode == PALETTE_EXPANDED) {
            return paletteHasAlpha(palette) ? 4 : 3;
        }
        return pngChannels();
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
    public PlaneHeader mainPlane() {
        for (PlaneHeader p : planes) {
            if (p.kind() == PlaneHeader.MODEL) {
                return p;
            }
        }
        return null;
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
        long sum = 0;
        for (PlaneHeader p : planes) {
            sum += p.payloadBytes();
        }
        return sum;
    }

    /** Number of stripes {@code height} rows cut into stripes of {@code stripeRows} make. */
    public static int stripesFor(int height, int stripeRows) {
        return (int) (((long) height + stripeRows - 1) / stripeRows);
    }
}
