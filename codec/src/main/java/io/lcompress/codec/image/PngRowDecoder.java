package io.lcompress.codec.image;

import io.lcompress.codec.image.PngIO.UnsupportedImageException;

/**
 * Decodes the image data of a checked PNG ({@link PngChunks}) into its samples, row by row: inflate, undo the
 * row filter (None, Sub, Up, Average, Paeth), unpack 1/2/4-bit samples (most significant bits first), place the
 * pixels of each Adam7 pass, and split 16-bit samples into a high-byte and a low-byte {@link Raster}.
 *
 * <p>Memory: the output rasters plus two rows of the widest pass. The samples are exactly the file's: no
 * scaling, gamma, colour conversion or palette expansion; palette images give their indices, each checked to
 * be below the palette size.
 */
final class PngRowDecoder {
    private final PngHeader header;
    private final int channels;
    private final int paletteSize;      // entries, or 0 if the image is not a palette image
    private byte[] hi;
    private byte[] lo;

    private PngRowDecoder(PngHeader header, Raster hi, Raster lo, int paletteSize) {
        this.header = header;
        this.channels = header.channels();
        this.paletteSize = paletteSize;
        this.hi = hi == null ? null : hi.samples();
        this.lo = lo == null ? null : lo.samples();
    }

    /**
     * Decodes the image into {@code hi} (8-bit and below: the samples; 16-bit: their high bytes) and {@code lo}
     * (16-bit: the low bytes; else null), both {@code width x height x channels}.
     *
     * @param paletteSize palette entries for a palette image (indices must be below it), else 0
     */
    static void decode(PngChunks chunks, Raster hi, Raster lo, int paletteSize) throws UnsupportedImageException {
        decode(chunks.header(), chunks.imageData(), hi, lo, paletteSize);
    }

    /** {@link #decode(PngChunks, Raster, Raster, int)} of an image's data stream; releases {@code data}. */
    static void decode(PngHeader header, PngImageData data, Raster hi, Raster lo, int paletteSize)
            throws UnsupportedImageException {
        if (1 + header.rowBytes(header.width()) > Integer.MAX_VALUE - 8) {
            data.release();
            throw new UnsupportedImageException("image too large: rows of " + header.width() + " pixels");
        }
        new PngRowDecoder(header, hi, lo, paletteSize).decode(data);
    }

    /**
     * Non-interlaced images only: decodes the image in blocks of {@code blockRows} rows (the last may be
     * shorter), each into new rasters handed to {@code sink}; memory is one block and two rows.
     */
    static void decodeBlocks(PngChunks chunks, int blockRows, int paletteSize, PngSource.BlockSink sink)
            throws java.io.IOException {
        decodeBlocks(chunks.header(), chunks.imageData(), blockRows, paletteSize, sink);
    }

    /** {@link #decodeBlocks(PngChunks, int, int, PngSource.BlockSink)} of an image's data stream; releases {@code data}. */
    static void decodeBlocks(PngHeader header, PngImageData data, int blockRows, int paletteSize,
                             PngSource.BlockSink sink) throws java.io.IOException {
        try {
            if (header.interlaced()) {
                throw new IllegalArgumentException("interlaced rows are complete only after the last pass");
            }
            if (1 + header.rowBytes(header.width()) > Integer.MAX_VALUE - 8) {
                throw new UnsupportedImageException("image too large: rows of " + header.width() + " pixels");
            }
            PngRowDecoder d = new PngRowDecoder(header, null, null, paletteSize);
            Adam7.Pass pass = header.passes().get(0);
            int length = 1 + (int) header.rowBytes(pass.width());
            byte[] prev = new byte[length];
            byte[] row = new byte[length];
            int unit = header.filterUnit();
            for (int y0 = 0; y0 < header.height(); y0 += blockRows) {
                int rows = Math.min(blockRows, header.height() - y0);
                Raster hi = new Raster(header.width(), rows, d.channels);
                Raster lo = header.bitDepth() == 16 ? new Raster(header.width(), rows, d.channels) : null;
                d.hi = hi.samples();
                d.lo = lo == null ? null : lo.samples();
                for (int y = 0; y < rows; y++) {
                    data.readRow(row, length);
                    unfilter(row, prev, length, unit);
                    d.place(row, pass, y);
                    byte[] t = prev;
                    prev = row;
                    row = t;
                }
                sink.block(y0, hi, lo);
            }
            data.finish();
        } finally {
            data.release();
        }
    }

    private void decode(PngImageData data) throws UnsupportedImageException {
        int unit = header.filterUnit();
        try {
            decodeRows(data, unit);
            data.finish();
        } finally {
            data.release();
        }
    }

    private void decodeRows(PngImageData data, int unit) throws UnsupportedImageException {
        for (Adam7.Pass pass : header.passes()) {
            int length = 1 + (int) header.rowBytes(pass.width());
            byte[] prev = new byte[length];
            byte[] row = new byte[length];
            for (int j = 0; j < pass.height(); j++) {
                data.readRow(row, length);
                unfilter(row, prev, length, unit);
                place(row, pass, pass.y0() + j * pass.dy());
                byte[] t = prev;
                prev = row;
                row = t;
            }
        }
    }

    /** Undoes the row's filter in place: {@code row[1..]} from its filter type {@code row[0]} and the row above. */
    static void unfilter(byte[] row, byte[] prev, int length, int unit) {
        switch (row[0]) {
            case 0 -> {
            }
            case 1 -> {
                for (int i = 1 + unit; i < length; i++) {
                    row[i] += row[i - unit];
                }
            }
            case 2 -> {
                for (int i = 1; i < length; i++) {
                    row[i] += prev[i];
                }
            }
            case 3 -> {
                int first = Math.min(length, 1 + unit);      // the bytes of the first pixel have no left
                for (int i = 1; i < first; i++) {
                    row[i] += (prev[i] & 0xFF) >>> 1;
                }
                for (int i = first; i < length; i++) {
                    row[i] += ((row[i - unit] & 0xFF) + (prev[i] & 0xFF)) >>> 1;
                }
            }
            case 4 -> {
                int first = Math.min(length, 1 + unit);      // no left, no upper left: Paeth gives the upper byte
                for (int i = 1; i < first; i++) {
                    row[i] += prev[i];
                }
                for (int i = first; i < length; i++) {
                    row[i] += paeth(row[i - unit] & 0xFF, prev[i] & 0xFF, prev[i - unit] & 0xFF);
                }
            }
            default -> throw new IllegalStateException("filter type " + row[0] + " (checked before)");
        }
    }

    /**
     * PNG's Paeth predictor of left {@code a}, upper {@code b} and upper left {@code c}: of {@code p = a + b - c},
     * the nearest of a, b and c, ties in that order. Without branches (photos make them unpredictable):
     * {@code |p - a| = |b - c|}, {@code |p - b| = |a - c|}, {@code |p - c| = |(b - c) + (a - c)|}, and the
     * choices as sign masks.
     */
    static int paeth(int a, int b, int c) {
        int da = b - c;
        int db = a - c;
        int dc = da + db;
        int pa = (da ^ (da >> 31)) - (da >> 31);
        int pb = (db ^ (db >> 31)) - (db >> 31);
        int pc = (dc ^ (dc >> 31)) - (dc >> 31);
        int notA = ((pb - pa) | (pc - pa)) >> 31;       // -1 unless pa <= pb and pa <= pc
        int isC = (pc - pb) >> 31;                      // -1 when pc < pb
        return (a & ~notA) | (((b & ~isC) | (c & isC)) & notA);
    }

    /** Writes the unfiltered row (its pixels at {@code x0, x0 + dx, ...}) into row {@code y} of the output. */
    private void place(byte[] row, Adam7.Pass pass, int y) throws UnsupportedImageException {
        int width = header.width();
        int depth = header.bitDepth();
        int dx = pass.dx();
        int n = pass.width();
        int base = y * width * channels;
        if (depth == 8) {
            if (dx == 1 && paletteSize == 0) {
                System.arraycopy(row, 1, hi, base, n * channels);
                return;
            }
            for (int i = 0; i < n; i++) {
                int dst = base + (pass.x0() + i * dx) * channels;
                for (int c = 0; c < channels; c++) {
                    hi[dst + c] = checkIndex(row[1 + i * channels + c]);
                }
            }
        } else if (depth == 16) {
            for (int i = 0; i < n; i++) {
                int dst = base + (pass.x0() + i * dx) * channels;
                int src = 1 + 2 * i * channels;
                for (int c = 0; c < channels; c++) {
                    hi[dst + c] = row[src + 2 * c];
                    lo[dst + c] = row[src + 2 * c + 1];
                }
            }
        } else {
            int perByte = 8 / depth;
            int mask = (1 << depth) - 1;
            for (int i = 0; i < n; i++) {
                int shift = 8 - depth * (i % perByte + 1);
                hi[base + pass.x0() + i * dx] = checkIndex((byte) ((row[1 + i / perByte] >>> shift) & mask));
            }
        }
    }

    private byte checkIndex(byte sample) throws UnsupportedImageException {
        if (paletteSize > 0 && (sample & 0xFF) >= paletteSize) {
            throw new UnsupportedImageException("corrupt PNG: palette index " + (sample & 0xFF) + " >= "
                    + paletteSize + " (the palette's size)");
        }
        return sample;
    }
}
