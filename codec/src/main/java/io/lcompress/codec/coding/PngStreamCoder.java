package io.lcompress.codec.coding;

import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngIO.UnsupportedImageException;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngSource;
import io.lcompress.codec.image.PngWriter;
import io.lcompress.codec.image.Raster;

import java.io.IOException;
import java.util.zip.Deflater;

/**
 * An image as PNG image data: a zlib stream (RFC 1950) of its filtered scanlines - each row a filter-type byte
 * and the filtered row, every Adam7 pass in turn for interlaced images - exactly what a PNG's concatenated IDAT
 * chunks hold. The fallback for images the learned model codes worse than their PNG: with it no {@code .lc}
 * file need be larger than the PNG it came from.
 *
 * <p>{@link #stream} gives the smaller of the source PNG's own image data and a stream made afresh by
 * {@link PngWriter} (its row filters, deflate level 9); {@link #decode} inflates and unfilters a stream,
 * strictly, with the PNG reader's row decoding.
 */
public final class PngStreamCoder {
    private PngStreamCoder() {
    }

    /**
     * The image data of {@code src}, as small as cheaply possible: the PNG file's own IDAT data ({@link
     * PngSource#idat()}), unless {@link PngWriter} makes a strictly smaller stream (its filter choice, deflate
     * level 9); for an image held in memory, PngWriter's stream. Either decodes ({@link #decode}) to exactly
     * {@code src}'s samples and low bytes.
     */
    public static byte[] stream(PngSource src) throws IOException {
        byte[] own = src.idat();
        byte[] fresh = PngWriter.imageData(src, Deflater.BEST_COMPRESSION, own == null ? Integer.MAX_VALUE - 8 : own.length - 1);
        if (fresh != null) {
            return fresh;
        }
        if (own == null) {
            throw new UnsupportedImageException("image too large: its PNG image data exceeds 2^31 bytes");
        }
        return own;
    }

    /**
     * Decodes image data made by {@link #stream} ({@code length} bytes of {@code file} from {@code offset})
     * into row blocks of {@code blockRows} rows (the last may be shorter), top to bottom, each as {@link
     * PngSource#blocks} gives them: samples (16-bit: high bytes; palette: indices; grey below 8 bits: raw levels)
     * and, for 16-bit images, low bytes (else null). Memory: one block and two rows, or for an interlaced image
     * the whole image; nothing sized by the stream's content.
     *
     * @param paletteSize the palette's entries for a palette image (indices must be below it), else 0
     * @throws FormatException when the stream is not exactly the image data of such an image: bad zlib header
     *                         (not deflate, a window over 32 KiB, a preset dictionary), bad deflate data, a
     *                         row filter type above 4, too little or too much data (inflated, or compressed
     *                         bytes after the stream's end), a wrong Adler-32, a palette index from {@code
     *                         paletteSize} up; or when the image description itself is invalid (size, colour
     *                         type and bit depth, palette size). One-line messages starting "corrupt PNG stream: " or
     *                         "truncated PNG stream: ".
     * @throws IOException     what {@code sink} throws, unchanged
     * @throws IllegalArgumentException when {@code blockRows} is below 1 or the range is outside {@code file}
     */
    public static void decode(byte[] file, int offset, int length, int width, int height, int colorType,
                              int bitDepth, boolean interlaced, int paletteSize, int blockRows,
                              PngSource.BlockSink sink) throws FormatException, IOException {
        if (blockRows < 1) {
            throw new IllegalArgumentException("blocks of " + blockRows + " rows");
        }
        java.util.Objects.checkFromIndexSize(offset, length, file.length);
        checkImage(width, height, colorType, bitDepth, paletteSize);
        GuardedSink guarded = new GuardedSink(sink);
        try {
            PngIO.decodeImageData(file, offset, length, width, height, colorType, bitDepth, interlaced, paletteSize,
                    Math.min(blockRows, height), guarded);
        } catch (UnsupportedImageException e) {
            if (guarded.inSink) {
                throw e;            // the sink's own
            }
            throw new FormatException(reworded(e.getMessage()));
        }
    }

    /** The checks {@link PngIO#decodeImageData} would make with an IllegalArgumentException. */
    private static void checkImage(int width, int height, int colorType, int bitDepth, int paletteSize)
            throws FormatException {
        if (width < 1 || height < 1) {
            throw new FormatException("corrupt PNG stream: image size " + Integer.toUnsignedString(width) + "x"
                    + Integer.toUnsignedString(height));
        }
        int channels;
        boolean depthOk;
        switch (colorType) {
            case PngImage.GRAY -> {
                channels = 1;
                depthOk = bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            }
            case PngImage.PALETTE -> {
                channels = 1;
                depthOk = bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            }
            case PngImage.GRAY_ALPHA, PngImage.RGB, PngImage.RGBA -> {
                channels = colorType == PngImage.GRAY_ALPHA ? 2 : colorType == PngImage.RGB ? 3 : 4;
                depthOk = bitDepth == 8 || bitDepth == 16;
            }
            default -> throw new FormatException("corrupt PNG stream: colour type " + colorType);
        }
        if (!depthOk) {
            throw new FormatException("corrupt PNG stream: colour type " + colorType + " with bit depth " + bitDepth);
        }
        if (colorType == PngImage.PALETTE ? paletteSize < 1 || paletteSize > 256 : paletteSize != 0) {
            throw new FormatException("corrupt PNG stream: palette of " + paletteSize + " entries for a "
                    + PngImage.describe(colorType) + " image");
        }
        if ((long) width * height * channels > Integer.MAX_VALUE - 8) {
            throw new FormatException("corrupt PNG stream: image too large: " + width + "x" + height);
        }
    }

    /** The PNG reader's message for a stream: "corrupt PNG: x" becomes "corrupt PNG stream: x". */
    private static String reworded(String message) {
        for (String kind : new String[]{"corrupt", "truncated"}) {
            if (message.startsWith(kind + " PNG: ")) {
                return kind + " PNG stream: " + message.substring(kind.length() + 6);
            }
        }
        return "corrupt PNG stream: " + message;
    }

    /** Notes whether an exception comes from the caller's sink rather than from the stream. */
    private static final class GuardedSink implements PngSource.BlockSink {
        private final PngSource.BlockSink sink;
        boolean inSink;

        GuardedSink(PngSource.BlockSink sink) {
            this.sink = sink;
        }

        @Override
        public void block(int y0, Raster samples, Raster low) throws IOException {
            inSink = true;
            sink.block(y0, samples, low);
            inSink = false;
        }
    }
}
