package io.lcompress.codec.image;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a {@link PngImage} as PNG exactly: its colour type, bit depth, palette (entries in their
 * order, tRNS up to the last translucent entry) and Adam7 interlacing. (ImageIO's writer reorders
 * palettes with transparency, which would change the indices, hence this small writer.)
 *
 * <p>Rows are filtered with the usual heuristic (per row the filter with the smallest sum of absolute
 * differences; none for palettes and depths below 8) and deflated at level 6, streaming: a
 * {@link RowWriter} takes rows as they come, filters each and writes IDAT chunks of at most
 * {@value #IDAT_BYTES} bytes. The image data is deflated in segments of {@value #SEGMENT_BYTES} filtered
 * bytes ({@link ZlibSegments}), on as many threads as the writer is given: memory is a few rows, one chunk
 * and a segment per thread - except for interlaced images, whose Adam7 passes need every row (the writer
 * keeps them until {@link RowWriter#finish()}).
 */
public final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    // Adam7 passes: x start, y start, x step, y step
    private static final int[][] ADAM7 = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4},
            {1, 0, 2, 2}, {0, 1, 1, 2}};
    static final int IDAT_BYTES = 1 << 16;
    /**
     * Filtered bytes per independently deflated segment of a PNG's image data ({@link ZlibSegments}): 1 MiB,
     * so that a photo of a few megapixels is deflated on every thread while a small one is one segment,
     * exactly the stream a single deflater writes.
     */
    static final int SEGMENT_BYTES = 1 << 20;

    private PngWriter() {
    }

    public static byte[] write(PngImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(image, out);
        return out.toByteArray();
    }

    /** Writes the PNG to {@code out} (not closed). */
    public static void write(PngImage image, OutputStream out) throws IOException {
        try (RowWriter w = new RowWriter(out, image.width(), image.height(), image.colorType(), image.bitDepth(),
                image.palette(), image.interlaced(), image.chunks())) {
            w.rows(image.samples(), image.low());
            w.finish();
        }
    }

    /**
     * The image data this writer would write for {@code source} - its rows filtered as {@link #write} does,
     * as one zlib stream of deflate {@code level} (0..9) without the IDAT chunking: what a PNG's concatenated
     * IDAT data holds - or null when that stream would be longer than {@code limit} bytes (deflating stops
     * there). Memory: a few rows and the stream up to {@code limit} bytes, plus the whole image for an
     * interlaced one.
     */
    public static byte[] imageData(PngSource source, int level, int limit) throws IOException {
        LimitedBuffer out = new LimitedBuffer(limit);
        try (RowWriter w = new RowWriter(out, source.width(), source.height(), source.colorType(),
                source.bitDepth(), null, source.interlaced(), java.util.List.of(), level, true, 0)) {
            long rowBytes = (long) source.width() * w.channels * (source.bitDepth() == 16 ? 2 : 1);
            int blockRows = (int) Math.max(1, Math.min(source.height(), (1 << 20) / rowBytes));   // about 1 MiB
            source.blocks(blockRows, (y0, samples, low) -> w.rows(samples, low));
            w.finish();
        } catch (LimitedBuffer.Full e) {
            return null;
        }
        return out.toByteArray();
    }

    /** A byte buffer that refuses to grow beyond a limit. */
    private static final class LimitedBuffer extends OutputStream {
        /** Thrown when the limit is reached (no stack trace: it is expected). */
        static final class Full extends IOException {
            Full() {
                super("limit reached", null);
                setStackTrace(new StackTraceElement[0]);
            }
        }

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;

        LimitedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > limit - bytes.size()) {
                throw new Full();
            }
            bytes.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /**
     * The PNG {@code image}'s header, palette and chunks make, with an empty placeholder IDAT (for checking
     * the chunk structure only: see {@link PngIO#checkKept}).
     */
    static void writeSkeleton(PngImage image, OutputStream out) throws IOException {
        RowWriter w = new RowWriter(out, image.width(), image.height(), image.colorType(), image.bitDepth(),
                image.palette(), false, image.chunks());
        w.close();
        chunk(out, "IDAT", new byte[0]);
        w.writeChunks(PngChunk.AFTER_IDAT);
        chunk(out, "IEND", new byte[0]);
    }

    /**
     * A PNG written row block by row block from the top: {@link #rows} with consecutive blocks of
     * samples as {@link PngImage} holds them, then {@link #finish}. The signature and the header
     * chunks are written at construction.
     */
    public static final class RowWriter implements AutoCloseable {
        private final OutputStream out;
        private final int width;
        private final int height;
        private final int channels;
        private final int depth;
        private final boolean filter;
        private final IdatStream idat;
        private final Raster keptSamples;     // interlaced only: every row, for the Adam7 passes
        private final Raster keptLow;
        private Pass pass;                    // non-interlaced: the single pass, fed as rows come
        private int nextRow;
        private final java.util.List<PngChunk> chunks;
        private final boolean raw;            // the zlib stream alone: no signature, chunks or IEND

        /** {@code chunks}: the other chunks, written verbatim where their position says. */
        public RowWriter(OutputStream out, int width, int height, int colorType, int depth, int[] palette,
                         boolean interlaced, java.util.List<PngChunk> chunks) throws IOException {
            this(out, width, height, colorType, depth, palette, interlaced, chunks, 1);
        }

        /**
         * As above, deflating on up to {@code threads} threads (segments of {@link #SEGMENT_BYTES}: the bytes do
         * not depend on the thread count).
         */
        public RowWriter(OutputStream out, int width, int height, int colorType, int depth, int[] palette,
                         boolean interlaced, java.util.List<PngChunk> chunks, int threads) throws IOException {
            this(out, width, height, colorType, depth, palette, interlaced, chunks, 6, false, checkThreads(threads));
        }

        private static int checkThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException(threads + " threads");
            }
            return threads;
        }

        /**
         * {@code level}: the deflate level; {@code raw}: write the image data's zlib stream alone, from one
         * streaming deflater ({@code threads} 0) or in segments.
         */
        private RowWriter(OutputStream out, int width, int height, int colorType, int depth, int[] palette,
                          boolean interlaced, java.util.List<PngChunk> chunks, int level, boolean raw, int threads)
                throws IOException {
            this.out = out;
            this.raw = raw;
            this.width = width;
            this.height = height;
            this.channels = switch (colorType) {
                case PngImage.GRAY, PngImage.PALETTE -> 1;
                case PngImage.GRAY_ALPHA -> 2;
                case PngImage.RGB -> 3;
                default -> 4;
            };
            this.depth = depth;
            this.filter = colorType != PngImage.PALETTE && depth >= 8;
            this.chunks = java.util.List.copyOf(chunks);
            if (!raw) {
                writeHeader(colorType, palette, interlaced);
            }
            if (interlaced) {
                keptSamples = new Raster(width, height, channels);
                keptLow = depth == 16 ? new Raster(width, height, channels) : null;
            } else {
                keptSamples = null;
                keptLow = null;
            }
            // last: nothing after it can fail and leak it
            idat = threads == 0 ? new IdatStream(out, new Deflater(level), raw) : new IdatStream(out, level, threads, raw);
            if (!interlaced) {
                pass = new Pass(width);
            }
        }

        private void writeHeader(int colorType, int[] palette, boolean interlaced) throws IOException {
            out.write(SIGNATURE);
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(width);
            d.writeInt(height);
            d.writeByte(depth);
            d.writeByte(colorType);
            d.writeByte(0);
            d.writeByte(0);
            d.writeByte(interlaced ? 1 : 0);
            chunk(out, "IHDR", ihdr.toByteArray());
            writeChunks(PngChunk.BEFORE_PLTE);
            if (palette != null) {
                writePalette(out, palette);
            }
            writeChunks(PngChunk.AFTER_PLTE);
        }

        /** The next rows: samples (and low bytes of 16-bit images) of {@code samples.height()} rows. */
        public void rows(Raster samples, Raster low) throws IOException {
            if (samples.width() != width || samples.channels() != channels || nextRow + samples.height() > height
                    || (depth == 16) != (low != null)) {
                throw new IllegalArgumentException("rows do not fit the PNG");
            }
            if (keptSamples != null) {
                keptSamples.putBlock(0, nextRow, samples);
                if (keptLow != null) {
                    keptLow.putBlock(0, nextRow, low);
                }
            } else {
                for (int y = 0; y < samples.height(); y++) {
                    pass.row(samples, low, y, 0, 1);
                }
            }
            nextRow += samples.height();
        }

        /** Frees the deflater (after {@link #finish}, or instead of it when the rows will not come). */
        @Override
        public void close() {
            idat.end();
        }

        /** Writes what is left and the end of the PNG (the stream is not closed). */
        public void finish() throws IOException {
            if (nextRow != height) {
                throw new IllegalStateException(nextRow + " of " + height + " rows written");
            }
            if (keptSamples != null) {
                for (int[] p : ADAM7) {
                    int pw = width <= p[0] ? 0 : (width - p[0] + p[2] - 1) / p[2];
                    int ph = height <= p[1] ? 0 : (height - p[1] + p[3] - 1) / p[3];
                    if (pw == 0 || ph == 0) {
                        continue;
                    }
                    Pass adam = new Pass(pw);
                    for (int py = 0; py < ph; py++) {
                        adam.row(keptSamples, keptLow, p[1] + py * p[3], p[0], p[2]);
                    }
                }
            }
            idat.finish();
            if (!raw) {
                writeChunks(PngChunk.AFTER_IDAT);
                chunk(out, "IEND", new byte[0]);
            }
        }

        private void writeChunks(int position) throws IOException {
            for (PngChunk c : chunks) {
                if (c.position() == position) {
                    chunk(out, c.type(), c.data());
                }
            }
        }

        /** One pass of the image (the whole image when not interlaced): filters its rows in order. */
        private final class Pass {
            private final int count;
            private final int rowBytes;
            private final int bpp;
            private byte[] prev;
            private byte[] row;
            private final byte[] filtered;

            Pass(int count) {
                this.count = count;
                int bitsPerPixel = depth * channels;
                this.rowBytes = (int) (((long) count * bitsPerPixel + 7) / 8);
                this.bpp = Math.max(1, bitsPerPixel / 8);     // filter byte distance
                this.prev = new byte[rowBytes];
                this.row = new byte[rowBytes];
                this.filtered = filter ? new byte[rowBytes] : null;
            }

            /** Row {@code y} of the samples, pixels x0, x0 + dx, ...: packed, filtered, deflated. */
            void row(Raster samples, Raster low, int y, int x0, int dx) throws IOException {
                packRow(samples, low, depth, y, x0, dx, count, row);
                if (!filter) {
                    idat.write(0);
                    idat.write(row, 0, rowBytes);
                } else {
                    int best = bestFilter(row, prev, rowBytes, bpp);
                    filterRow(best, row, prev, filtered, rowBytes, bpp);
                    idat.write(best);
                    idat.write(filtered, 0, rowBytes);
                }
                byte[] t = prev;
                prev = row;
                row = t;
            }
        }
    }

    private static void writePalette(OutputStream out, int[] pal) throws IOException {
        byte[] plte = new byte[pal.length * 3];
        int lastTranslucent = -1;
        for (int k = 0; k < pal.length; k++) {
            plte[3 * k] = (byte) (pal[k] >>> 24);
            plte[3 * k + 1] = (byte) (pal[k] >>> 16);
            plte[3 * k + 2] = (byte) (pal[k] >>> 8);
            if ((pal[k] & 0xFF) != 0xFF) {
                lastTranslucent = k;
            }
        }
        chunk(out, "PLTE", plte);
        if (lastTranslucent >= 0) {
            byte[] trns = new byte[lastTranslucent + 1];
            for (int k = 0; k <= lastTranslucent; k++) {
                trns[k] = (byte) pal[k];
            }
            chunk(out, "tRNS", trns);
        }
    }

    /**
     * Filtered rows in, IDAT chunks out: deflates as it goes and cuts the stream into chunks - one deflater
     * streaming (the image data of {@link #imageData}), or {@link ZlibSegments} of {@link #SEGMENT_BYTES}
     * each, deflated on up to the writer's thread count at once (a PNG's image data: the same bytes whatever
     * that count).
     */
    private static final class IdatStream {
        private final OutputStream out;
        private final Deflater def;               // streaming, or null
        private final ZlibSegments segments;      // segmented, or null
        private final byte[] buf = new byte[IDAT_BYTES];
        private int filled;
        private final byte[] one = new byte[1];
        private final boolean raw;            // the deflated bytes as they are, not in IDAT chunks

        IdatStream(OutputStream out, Deflater def, boolean raw) {
            this.out = out;
            this.def = def;
            this.segments = null;
            this.raw = raw;
        }

        IdatStream(OutputStream out, int level, int threads, boolean raw) {
            this.out = out;
            this.def = null;
            this.segments = new ZlibSegments(level, SEGMENT_BYTES, threads, this::compressed);
            this.raw = raw;
        }

        void write(int b) throws IOException {
            one[0] = (byte) b;
            write(one, 0, 1);
        }

        void write(byte[] data, int offset, int length) throws IOException {
            if (segments != null) {
                segments.write(data, offset, length);
                return;
            }
            def.setInput(data, offset, length);
            while (!def.needsInput()) {
                drain();
            }
        }

        void finish() throws IOException {
            try {
                if (segments != null) {
                    segments.finish();
                } else {
                    def.finish();
                    while (!def.finished()) {
                        drain();
                    }
                }
                if (filled > 0) {
                    emit(Arrays.copyOf(buf, filled));
                }
            } finally {
                end();
            }
        }

        void end() {
            if (segments != null) {
                segments.close();
            } else {
                def.end();           // idempotent
            }
        }

        private void drain() throws IOException {
            filled += def.deflate(buf, filled, buf.length - filled);
            if (filled == buf.length) {
                emit(buf);
                filled = 0;
            }
        }

        /** Compressed bytes from the segments, cut into chunks. */
        private void compressed(byte[] data, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, buf.length - filled);
                System.arraycopy(data, offset, buf, filled, n);
                filled += n;
                offset += n;
                length -= n;
                if (filled == buf.length) {
                    emit(buf);
                    filled = 0;
                }
            }
        }

        private void emit(byte[] data) throws IOException {
            if (raw) {
                out.write(data);
            } else {
                chunk(out, "IDAT", data);
            }
        }
    }

    private static void packRow(Raster s, Raster low, int depth, int y, int x0, int dx, int count, byte[] row) {
        int channels = s.channels();
        byte[] hi = s.samples();
        byte[] lo = low == null ? null : low.samples();
        int base = y * s.width() * channels;
        if (depth == 8) {
            int j = 0;
            for (int k = 0, x = x0; k < count; k++, x += dx) {
                for (int c = 0; c < channels; c++) {
                    row[j++] = hi[base + x * channels + c];
                }
            }
        } else if (depth == 16) {
            int j = 0;
            for (int k = 0, x = x0; k < count; k++, x += dx) {
                for (int c = 0; c < channels; c++) {
                    row[j++] = hi[base + x * channels + c];
                    row[j++] = lo[base + x * channels + c];
                }
            }
        } else {
            Arrays.fill(row, (byte) 0);
            int bit = 0;
            for (int k = 0, x = x0; k < count; k++, x += dx) {
                int v = hi[base + x] & 0xFF;
                row[bit >> 3] |= (byte) (v << (8 - depth - (bit & 7)));
                bit += depth;
            }
        }
    }

    /**
     * The filter with the smallest sum of absolute (signed-byte) differences, the first of equals: the
     * five sums in one pass over the row.
     */
    private static int bestFilter(byte[] row, byte[] prev, int n, int bpp) {
        long s0 = 0;
        long s1 = 0;
        long s2 = 0;
        long s3 = 0;
        long s4 = 0;
        int first = Math.min(n, bpp);               // the first pixel's bytes: left and upper left are 0
        for (int i = 0; i < first; i++) {
            int x = row[i] & 0xFF;
            int b = prev[i] & 0xFF;
            s0 += abs((byte) x);
            s1 += abs((byte) x);
            s2 += abs((byte) (x - b));
            s3 += abs((byte) (x - (b >>> 1)));
            s4 += abs((byte) (x - b));             // Paeth of (0, b, 0) is b
        }
        for (int i = first; i < n; i++) {
            int x = row[i] & 0xFF;
            int a = row[i - bpp] & 0xFF;
            int b = prev[i] & 0xFF;
            int c = prev[i - bpp] & 0xFF;
            s0 += abs((byte) x);
            s1 += abs((byte) (x - a));
            s2 += abs((byte) (x - b));
            s3 += abs((byte) (x - ((a + b) >>> 1)));
            s4 += abs((byte) (x - PngRowDecoder.paeth(a, b, c)));
        }
        int best = 0;
        long cost = s0;
        if (s1 < cost) {
            best = 1;
            cost = s1;
        }
        if (s2 < cost) {
            best = 2;
            cost = s2;
        }
        if (s3 < cost) {
            best = 3;
            cost = s3;
        }
        if (s4 < cost) {
            best = 4;
        }
        return best;
    }

    /** Applies PNG filter {@code f} to {@code row} into {@code out}; returns the sum of absolute differences. */
    private static long filterRow(int f, byte[] row, byte[] prev, byte[] out, int n, int bpp) {
        long cost = 0;
        switch (f) {
            case 0 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = row[i];
                    cost += Math.abs((int) row[i]);
                }
            }
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    byte v = (byte) (row[i] - (i >= bpp ? row[i - bpp] : 0));
                    out[i] = v;
                    cost += Math.abs((int) v);
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    byte v = (byte) (row[i] - prev[i]);
                    out[i] = v;
                    cost += Math.abs((int) v);
                }
            }
            case 3 -> {
                for (int i = 0; i < n; i++) {
                    int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
                    byte v = (byte) (row[i] - ((a + (prev[i] & 0xFF)) >>> 1));
                    out[i] = v;
                    cost += Math.abs((int) v);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
                    int c = i >= bpp ? prev[i - bpp] & 0xFF : 0;
                    byte v = (byte) (row[i] - PngRowDecoder.paeth(a, prev[i] & 0xFF, c));
                    out[i] = v;
                    cost += Math.abs((int) v);
                }
            }
        }
        return cost;
    }

    /** {@code |v|} without a branch (the signs of filtered photo rows are unpredictable). */
    private static int abs(int v) {
        int sign = v >> 31;
        return (v ^ sign) - sign;
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
        d.flush();
    }
}
