package io.lcompress.codec.image;

import java.util.List;

/**
 * A PNG's IHDR fields that decide the layout of the image data.
 *
 * <p>Invariants (checked by {@link PngChunks} before a header is made): width and height are 1 .. 2^31-1,
 * the colour type is 0, 2, 3, 4 or 6 and the bit depth is one the PNG specification allows for it
 * (grey 1/2/4/8/16, palette 1/2/4/8, the others 8/16).
 *
 * @param width      pixels per row
 * @param height     rows
 * @param bitDepth   bits per sample (palette: per index)
 * @param colorType  PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA
 * @param interlaced Adam7 interlacing
 */
record PngHeader(int width, int height, int bitDepth, int colorType, boolean interlaced) {

    /** Samples per pixel: 1 grey and palette, 2 grey+alpha, 3 RGB, 4 RGBA. */
    int channels() {
        return switch (colorType) {
            case PngImage.GRAY, PngImage.PALETTE -> 1;
            case PngImage.GRAY_ALPHA -> 2;
            case PngImage.RGB -> 3;
            default -> 4;
        };
    }

    int bitsPerPixel() {
        return channels() * bitDepth;
    }

    /** The distance in bytes between corresponding bytes of neighbouring pixels when filtering (at least 1). */
    int filterUnit() {
        return Math.max(1, bitsPerPixel() / 8);
    }

    /** Bytes of one row of {@code pixels} pixels, without its filter-type byte. */
    long rowBytes(long pixels) {
        return (pixels * bitsPerPixel() + 7) / 8;
    }

    /** The passes whose rows the image data holds, in order: one, or the non-empty ones of Adam7. */
    List<Adam7.Pass> passes() {
        return interlaced ? Adam7.passes(width, height) : List.of(new Adam7.Pass(0, 0, 1, 1, width, height));
    }

    /** Rows in the image data, over all passes. */
    long rows() {
        long n = 0;
        for (Adam7.Pass p : passes()) {
            n += p.height();
        }
        return n;
    }

    /** Bytes of the inflated image data: every row of every pass, each with its filter-type byte. */
    long imageDataBytes() {
        long n = 0;
        for (Adam7.Pass p : passes()) {
            n += p.height() * (1 + rowBytes(p.width()));
        }
        return n;
    }
}
