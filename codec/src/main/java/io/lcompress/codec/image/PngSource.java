package io.lcompress.codec.image;

import java.io.IOException;

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

    public abstract int width();

    public abstract int height();

    public abstract int colorType();

    public abstract int bitDepth();

    public abstract boolean interlaced();

    /** Palette entries (0xRRGGBBAA) of a palette image, else null. */
    public abstract int[] palette();

    /** The PNG's other chunks, kept verbatim (see {@link PngChunk}). */
    public abstract java.util.List<PngChunk> chunks();

    /** Hands the image to {@code sink} in blocks of {@code rows} rows (the last may be shorter). */
    public abstract void blocks(int rows, BlockSink sink) throws IOException;

    /** The whole image. */
    public abstract PngImage image() throws IOException;

    public static PngSource of(PngImage image) {
        return new InMemory(image);
    }

    /** A block of rows of an image held whole. */
    static void blocksOf(PngImage image, int rows, BlockSink sink) throws IOException {
        for (int y0 = 0; y0 < image.height(); y0 += rows) {
            int n = Math.min(rows, image.height() - y0);
            sink.block(y0, image.samples().rows(y0, n), image.low() == null ? null : image.low().rows(y0, n));
        }
    }

    static final class InMemory extends PngSource {
        private final PngImage image;

        InMemory(PngImage image) {
            this.image = image;
        }

        @Override
        public int width() {
            return image.width();
        }

        @Override
        public int height() {
            return image.height();
        }

        @Override
        public int colorType() {
            return image.colorType();
        }

        @Override
        public int bitDepth() {
            return image.bitDepth();
        }

        @Override
        public boolean interlaced() {
            return image.interlaced();
        }

        @Override
        public int[] palette() {
            return image.palette();
        }

        @Override
        public void blocks(int rows, BlockSink sink) throws IOException {
            blocksOf(image, rows, sink);
        }

        @Override
        public java.util.List<PngChunk> chunks() {
            return image.chunks();
        }

        @Override
        public PngImage image() {
            return image;
        }
    }

    static final class FromPng extends PngSource {
        private final PngChunks chunks;
        private final int[] palette;
        private final java.util.List<PngChunk> kept;
        private PngImage whole;        // interlaced images, once decoded

        FromPng(PngChunks chunks, int[] palette, java.util.List<PngChunk> kept) {
            this.chunks = chunks;
            this.palette = palette;
            this.kept = java.util.List.copyOf(kept);
        }

        @Override
        public java.util.List<PngChunk> chunks() {
            return kept;
        }

        @Override
        public int width() {
            return chunks.header().width();
        }

        @Override
        public int height() {
            return chunks.header().height();
        }

        @Override
        public int colorType() {
            return chunks.header().colorType();
        }

        @Override
        public int bitDepth() {
            return chunks.header().bitDepth();
        }

        @Override
        public boolean interlaced() {
            return chunks.header().interlaced();
        }

        @Override
        public int[] palette() {
            return palette;
        }

        @Override
        public void blocks(int rows, BlockSink sink) throws IOException {
            if (interlaced()) {
                blocksOf(image(), rows, sink);
            } else {
                PngRowDecoder.decodeBlocks(chunks, rows, palette == null ? 0 : palette.length, sink);
            }
        }

        @Override
        public PngImage image() throws IOException {
            if (whole == null) {
                whole = PngIO.decodeAll(chunks, palette, kept);
            }
            return whole;
        }
    }
}
