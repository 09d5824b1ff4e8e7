package io.lcompress.codec.image;

import io.lcompress.codec.Limits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * PNG reading and writing, sample-exact and JDK-only: the colour type, bit depth and interlacing come from the
 * file's IHDR, the samples straight from the image data (no colour conversion, gamma or ICC applied), the
 * palette from PLTE and tRNS. Reading is strict ({@link PngChunks}: at least as strict as libpng, and within
 * {@link Limits}) and decodes rows straight into the output rasters ({@link PngRowDecoder}). Writing restores
 * colour type, bit depth, palette and interlacing. Every other chunk (gamma, ICC profile, text, EXIF, a grey
 * or RGB colour key, a suggested palette, private chunks) is kept verbatim ({@link PngChunk}).
 *
 * <p>Every PNG kind is supported: grey 1/2/4/8/16, grey+alpha 8/16, RGB 8/16, RGBA 8/16, palette
 * 1/2/4/8 with or without tRNS, grey or RGB with a tRNS colour key, interlaced or not.
 */
public final class PngIO {
    private PngIO() {
    }

    /** Thrown for input that is not a PNG lcompress can code; the message is for the user. */
    public static final class UnsupportedImageException extends IOException {
        public UnsupportedImageException(String message) {
            super(message);
        }
    }

    /** Reads a PNG file within {@link Limits#DEFAULT}; see {@link #read(byte[], Limits)}. */
    public static PngImage read(Path path) throws IOException {
        return read(path, Limits.DEFAULT);
    }

    /** Reads a PNG file; see {@link #read(byte[], Limits)}. */
    public static PngImage read(Path path, Limits limits) throws IOException {
        return read(Files.readAllBytes(path), limits);
    }

    /** Reads PNG bytes within {@link Limits#DEFAULT}; see {@link #read(byte[], Limits)}. */
    public static PngImage read(byte[] data) throws IOException {
        return read(data, Limits.DEFAULT);
    }

    /**
     * Reads PNG bytes, checked at least as strictly as libpng (see {@link PngChunks}) before the image is
     * allocated: a file that is corrupt, truncated, beyond the limits or of a kind lcompress cannot code
     * exactly is refused with an {@link UnsupportedImageException} whose one-line message says why.
     */
    public static PngImage read(byte[] data, Limits limits) throws IOException {
        return open(data, limits).image();
    }

    /**
     * Checks PNG bytes as {@link #read(byte[], Limits)} does, without decoding the image yet: the result
     * gives the image row block by row block, as often as needed, holding only a block at a time for
     * non-interlaced images.
     */
    public static PngSource open(byte[] data, Limits limits) throws IOException {
        if (data.length == 0) {
            throw new UnsupportedImageException("empty file (0 bytes), not a PNG");
        }
        if (data.length >= 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8 && (data[2] & 0xFF) == 0xFF) {
            throw new UnsupportedImageException("JPEG input is not supported: its pixels are already lossy, "
                    + "and coding them losslessly is larger than the JPEG itself");
        }
        PngChunks chunks = PngChunks.read(data, limits);
        PngHeader header = chunks.header();
        int colorType = header.colorType();
        if ((long) header.width() * header.height() * header.channels() > Integer.MAX_VALUE - 8) {
            throw new UnsupportedImageException("image too large: " + header.width() + "x" + header.height()
                    + " (at most 2^31 samples per image)");
        }
        int[] palette = colorType == PngImage.PALETTE ? palette(chunks.plte(), chunks.trns()) : null;
        List<PngChunk> kept = kept(chunks, data, colorType == PngImage.PALETTE);
        if (kept.size() > 0xFFFF) {
            throw new UnsupportedImageException("more than 65535 chunks besides the image (" + kept.size()
                    + "): an .lc file keeps at most 65535");
        }
        return new PngSource.FromPng(chunks, palette, kept);
    }

    /**
     * Checks that {@code chunks} can be kept with an image of this kind: that the PNG they would be
     * written back into - IHDR, the position-0 chunks, the palette (PLTE and tRNS, as {@link PngWriter}
     * writes them), the position-1 chunks, the image data, the position-2 chunks, IEND - passes every rule
     * of {@link PngChunks} (order, repetition, lengths, critical types), their positions are in order and
     * there are at most 65535 of them. A decoder runs this on a file's chunks so that it never writes a
     * PNG its own reader refuses; the encoder on the chunks it is given.
     */
    public static void checkKept(int colorType, int bitDepth, int[] palette, List<PngChunk> chunks)
            throws UnsupportedImageException {
        if (chunks.isEmpty()) {
            return;
        }
        if (chunks.size() > 0xFFFF) {
            throw new UnsupportedImageException("more than 65535 chunks besides the image (" + chunks.size() + ")");
        }
        for (int i = 1; i < chunks.size(); i++) {
            if (chunks.get(i).position() < chunks.get(i - 1).position()) {
                throw new UnsupportedImageException("chunk " + chunks.get(i).type() + " listed out of its position");
            }
        }
        // a 1x1 image of the same kind: the chunk rules do not depend on the size
        PngImage skeleton = new PngImage(colorType, bitDepth, false, new Raster(1, 1,
                colorType == PngImage.GRAY || colorType == PngImage.PALETTE ? 1 : colorType == PngImage.GRAY_ALPHA ? 2
                        : colorType == PngImage.RGB ? 3 : 4), bitDepth == 16 ? new Raster(1, 1, 1) : null, palette, chunks);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            PngWriter.writeSkeleton(skeleton, png);
        } catch (IOException e) {
            throw new IllegalStateException(e);      // a ByteArrayOutputStream does not throw
        }
        PngChunks.read(png.toByteArray(), Limits.DEFAULT, false);
    }

    /**
     * The chunks kept verbatim: all but IHDR, IDAT and IEND, and a palette image's PLTE and tRNS (its
     * palette), each with where it stood relative to the palette and the image data.
     */
    private static List<PngChunk> kept(PngChunks chunks, byte[] data, boolean paletteImage) {
        List<PngChunk> kept = new ArrayList<>();
        boolean afterPlte = false;
        boolean afterIdat = false;
        for (PngChunks.Chunk c : chunks.chunks()) {
            switch (c.type()) {
                case "IHDR", "IEND" -> {
                }
                case "IDAT" -> afterIdat = true;
                default -> {
                    if (paletteImage && (c.type().equals("PLTE") || c.type().equals("tRNS"))) {
                        afterPlte |= c.type().equals("PLTE");
                        continue;
                    }
                    int position = afterIdat ? PngChunk.AFTER_IDAT : afterPlte ? PngChunk.AFTER_PLTE : PngChunk.BEFORE_PLTE;
                    kept.add(new PngChunk(position, c.type(), Arrays.copyOfRange(data, c.offset(), c.offset() + c.length())));
                }
            }
        }
        return kept;
    }

    /**
     * Decodes a PNG's image data held as one zlib stream ({@code length} bytes of {@code data} from
     * {@code offset}: what a PNG's concatenated IDAT chunks hold) into row blocks of {@code blockRows} rows
     * (the last may be shorter), top to bottom, each as {@link PngSource#blocks} gives them: samples (16-bit:
     * high bytes; palette: indices; grey below 8 bits: raw levels) and, for 16-bit images, low bytes.
     *
     * <p>As strict as {@link #read}: a zlib header that is not deflate with a window of at most 32 KiB or
     * that asks for a preset dictionary, bad deflate data, a row filter type above 4, a stream that ends
     * before the last row or inflates to more, a wrong Adler-32, compressed bytes after the stream's end and
     * palette indices from {@code paletteSize} up are refused with an {@link UnsupportedImageException}
     * (whose one-line message starts "corrupt PNG" or "truncated PNG"); the sink's own exceptions pass
     * through. Memory: one block and two rows for non-interlaced images; interlaced ones are decoded whole
     * first. The inflater's memory is released before this returns or throws.
     *
     * @param paletteSize the palette's entries (1..256) for a palette image, else 0
     * @throws IllegalArgumentException for an invalid image description (size, colour type and bit depth,
     *                                  palette size), a block of fewer than 1 row, or a range outside
     *                                  {@code data}
     */
    public static void decodeImageData(byte[] data, int offset, int length, int width, int height, int colorType,
                                       int bitDepth, boolean interlaced, int paletteSize, int blockRows,
                                       PngSource.BlockSink sink) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        if (width < 1 || height < 1 || blockRows < 1 || !validKind(colorType, bitDepth)
                || (colorType == PngImage.PALETTE ? paletteSize < 1 || paletteSize > 256 : paletteSize != 0)) {
            throw new IllegalArgumentException("invalid image: " + width + "x" + height + ", colour type "
                    + colorType + ", " + bitDepth + "-bit, palette of " + paletteSize + ", blocks of " + blockRows);
        }
        PngHeader header = new PngHeader(width, height, bitDepth, colorType, interlaced);
        if ((long) width * height * header.channels() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("image too large: " + width + "x" + height);
        }
        PngImageData stream = PngImageData.ofStream(data, offset, length, header);
        if (!interlaced) {
            PngRowDecoder.decodeBlocks(header, stream, blockRows, paletteSize, sink);
            return;
        }
        Raster hi = new Raster(width, height, header.channels());
        Raster lo = bitDepth == 16 ? new Raster(width, height, header.channels()) : null;
        PngRowDecoder.decode(header, stream, hi, lo, paletteSize);
        PngSource.blocksOf(new PngImage(colorType, bitDepth, true, hi, lo, null), blockRows, sink);
    }

    /** Whether PNG allows this bit depth with this colour type. */
    static boolean validKind(int colorType, int bitDepth) {
        return switch (colorType) {
            case PngImage.GRAY -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8 || bitDepth == 16;
            case PngImage.PALETTE -> bitDepth == 1 || bitDepth == 2 || bitDepth == 4 || bitDepth == 8;
            case PngImage.RGB, PngImage.GRAY_ALPHA, PngImage.RGBA -> bitDepth == 8 || bitDepth == 16;
            default -> false;
        };
    }

    /** Decodes the whole image of checked chunks. */
    static PngImage decodeAll(PngChunks chunks, int[] palette, List<PngChunk> kept) throws IOException {
        PngHeader header = chunks.header();
        Raster hi = new Raster(header.width(), header.height(), header.channels());
        Raster lo = header.bitDepth() == 16 ? new Raster(header.width(), header.height(), header.channels()) : null;
        PngRowDecoder.decode(chunks, hi, lo, palette == null ? 0 : palette.length);
        chunks.dropInflated();
        return new PngImage(header.colorType(), header.bitDepth(), header.interlaced(), hi, lo, palette, kept);
    }

    /** Palette entries as 0xRRGGBBAA from PLTE, with alpha from tRNS (0xFF beyond it). */
    private static int[] palette(byte[] plte, byte[] trns) {
        int n = plte.length / 3;
        int[] palette = new int[n];
        for (int i = 0; i < n; i++) {
            int a = trns != null && i < trns.length ? trns[i] & 0xFF : 0xFF;
            palette[i] = (plte[3 * i] & 0xFF) << 24 | (plte[3 * i + 1] & 0xFF) << 16 | (plte[3 * i + 2] & 0xFF) << 8 | a;
        }
        return palette;
    }

    /** Encodes the image as PNG bytes with its colour type, bit depth, palette and interlacing. */
    public static byte[] encode(PngImage image) throws IOException {
        return PngWriter.write(image);
    }
}
