package io.lcompress.codec.image;

import java.io.IOException;
import java.util.List;

/**
 * A PNG image given row block by row block, as many times as a reader asks (the encoder reads an image
 * twice: once to survey it, once to code it). From PNG bytes ({@link PngIO#open}), a non-interlaced
 * image is decoded afresh at each reading, holding one block at a time; an interlaced one, whose rows
 * are complete only after its last Adam7 pass, is decoded once and kept. From a {@link PngImage}, blocks
 * are copies of its rows.
 */
public abstract sealed class PngSource {
    /** Receives consecutive row blocks from row 0: samples as {@link PngImage} holds them, low bytes or null. */
    public interface BlockSink {
        void block(int y0, Raster samples, Raster low) throws IOException;
    }

    private final int width;
    private final int height;
    private final int colorType;
    private final int bitDepth;
    private final boolean interlaced;
    private final int[] palette;
    private final List<PngChunk> chunks;

    private PngSource(int width, int height, int colorType, int bitDepth, boolean interlaced, int[] palette,
                      List<PngChunk> chunks) {
        this.width = width;
        this.height = height;
        this.colorType = colorType;
        this.bitDepth = bitDepth;
        this.interlaced = interlaced;
        this.palette = palette;
        this.chunks = List.copyOf(chunks);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int colorType() {
        return colorType;
    }

    public int bitDepth() {
        return bitDepth;
    }

    public boolean interlaced() {
        return interlaced;
    }

    /** Palette entries (0xRRGGBBAA) of a palette image, else null. */
    public int[] palette() {
        return palette;
    }

    /** The PNG's other chunks, kept verbatim (see {@link PngChunk}). */
    public List<PngChunk> chunks() {
        return chunks;
    }

    /** Hands the image to {@code sink} in blocks of {@code rows} rows (the last may be shorter). */
    public abstract void blocks(int rows, BlockSink sink) throws IOException;

    /**
     * The image data of the PNG file this source was read from: its IDAT chunks' data concatenated, a zlib
     * stream of the filtered rows (already checked to decode to exactly this source's samples); a new array
     * at each call. Null for an image held in memory ({@link #of}).
     */
    public abstract byte[] idat();

    /** Whether this image came from a PNG file, whose image data {@link #idat()} gives (an image in memory: not). */
    public abstract boolean hasIdat();

    /**
     * This image without its metadata chunks ({@link PngChunk#metadata()}: text, time, ICC profile, gamma,
     * chromaticities, sRGB, physical size, sBIT, bKGD, hIST, sPLT, EXIF, private and unknown chunks, a
     * suggested palette): the same samples, palette and image data, and of its chunks only a grey or RGB
     * image's tRNS colour key, which decides which pixels are transparent (a palette image's tRNS is part of
     * its {@link #palette()} and stays). This source itself when it has no metadata.
     */
    public PngSource withoutMetadata() {
        List<PngChunk> kept = chunks.stream().filter(c -> !c.metadata()).toList();
        return kept.size() == chunks.size() ? this : withChunks(kept);
    }

    /** This source with other chunks. */
    abstract PngSource withChunks(List<PngChunk> other);

    /** The whole image. */
    public abstract PngImage image() throws IOException;

    public static PngSource of(PngImage image) {
        return new InMemory(image);
    }

    /** Blocks of rows of an image held whole. */
    static void blocksOf(PngImage image, int rows, BlockSink sink) throws IOException {
        for (int y0 = 0; y0 < image.height(); y0 += rows) {
            int n = Math.min(rows, image.height() - y0);
            sink.block(y0, image.samples().rows(y0, n), image.low() == null ? null : image.low().rows(y0, n));
        }
    }

    static final class InMemory extends PngSource {
        private final PngImage image;

        InMemory(PngImage image) {
            super(image.width(), image.height(), image.colorType(), image.bitDepth(), image.interlaced(),
                    image.palette(), image.chunks());
            this.image = image;
        }

        @Override
        public void blocks(int rows, BlockSink sink) throws IOException {
            blocksOf(image, rows, sink);
        }

        @Override
        public PngImage image() {
            return image;
        }

        @Override
        public byte[] idat() {
            return null;
        }

        @Override
        public boolean hasIdat() {
            return false;
        }

        @Override
        PngSource withChunks(List<PngChunk> other) {
            return new InMemory(new PngImage(image.colorType(), image.bitDepth(), image.interlaced(), image.samples(),
                    image.low(), image.palette(), other));
        }
    }

    static final class FromPng extends PngSource {
        private final PngChunks png;
        private PngImage whole;        // the image, once decoded whole (image())

        FromPng(PngChunks chunks, int[] palette, List<PngChunk> kept) {
            super(chunks.header().width(), chunks.header().height(), chunks.header().colorType(),
                    chunks.header().bitDepth(), chunks.header().interlaced(), palette, kept);
            this.png = chunks;
        }

        @Override
        public void blocks(int rows, BlockSink sink) throws IOException {
            if (whole != null || interlaced()) {            // once decoded whole, never inflated again
                blocksOf(image(), rows, sink);
            } else {
                PngRowDecoder.decodeBlocks(png, rows, palette() == null ? 0 : palette().length, sink);
            }
        }

        @Override
        public PngImage image() throws IOException {
            if (whole == null) {
                whole = PngIO.decodeAll(png, palette(), chunks());
            }
            return whole;
        }

        @Override
        public boolean hasIdat() {
            return true;
        }

        @Override
        public byte[] idat() {
            return png.concatenatedImageData();
        }

        @Override
        PngSource withChunks(List<PngChunk> other) {
            return new FromPng(png, palette(), other);
        }
    }
}
