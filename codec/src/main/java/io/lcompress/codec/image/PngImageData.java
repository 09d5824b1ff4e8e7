package io.lcompress.codec.image;

import io.lcompress.codec.image.PngIO.UnsupportedImageException;

import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The image data of a PNG: the zlib stream that the IDAT chunks hold, concatenated, inflated in a streaming
 * way (never the whole image in memory).
 *
 * <p>{@link #check} verifies, with a fixed-size buffer, that the stream has a valid zlib header (deflate, a
 * window of at most 32 KiB, no preset dictionary), inflates to exactly the rows of the image (every pass of
 * Adam7 for interlaced images, each row a filter-type byte 0..4 and its data), then ends, its Adler-32 correct,
 * with no compressed data after it. {@link #readRow} delivers the rows one by one to a decoder.
 *
 * <p>A stream of at most {@link #KEEP_MAX_BYTES} inflated bytes is kept by the check, so that decoding reads the
 * rows from memory instead of inflating the stream a second time (the inflate is most of a PNG's decoding
 * time): the buffer grows with the bytes actually inflated, never with what the header claims.
 */
final class PngImageData {
    private static final int BUFFER = 1 << 16;
    /**
     * The check keeps a stream of at most this many inflated bytes (16 MiB: a 4-megapixel RGB image, the
     * largest the encoder holds whole to choose its orientation, is 12 MiB).
     */
    static final long KEEP_MAX_BYTES = 1L << 24;

    private final byte[] file;
    private final List<PngChunks.Chunk> idat;
    private final PngHeader header;
    /** The stream inflated by the check, or null to inflate it here. */
    private final byte[] inflated;
    private final Inflater inflater;
    private int next;                 // the next IDAT chunk to feed the inflater
    private int at;                   // the next byte of inflated
    private long rowsDone;

    PngImageData(byte[] file, List<PngChunks.Chunk> idat, PngHeader header) {
        this(file, idat, header, null);
    }

    /** The image data, read from {@code inflated} (what {@link #check} kept, already checked) unless it is null. */
    PngImageData(byte[] file, List<PngChunks.Chunk> idat, PngHeader header, byte[] inflated) {
        this.file = file;
        this.idat = idat;
        this.header = header;
        this.inflated = inflated;
        this.inflater = inflated == null ? new Inflater() : null;
    }

    /**
     * A zlib stream held whole ({@code length} bytes of {@code data} from {@code offset}) instead of IDAT
     * chunks, not yet checked: its zlib header is checked here, the rest as it is read.
     */
    static PngImageData ofStream(byte[] data, int offset, int length, PngHeader header)
            throws UnsupportedImageException {
        PngImageData d = new PngImageData(data, List.of(new PngChunks.Chunk("IDAT", offset, length)), header);
        try {
            d.checkZlibHeader();
        } catch (UnsupportedImageException e) {
            d.release();
            throw e;
        }
        return d;
    }

    /**
     * Checks the whole stream (see the class comment) and returns it inflated when it is at most
     * {@link #KEEP_MAX_BYTES} bytes, else null; memory beyond that: a fixed buffer, whatever the image size.
     */
    static byte[] check(byte[] file, List<PngChunks.Chunk> idat, PngHeader header) throws UnsupportedImageException {
        PngImageData data = new PngImageData(file, idat, header);
        try {
            data.checkZlibHeader();
            byte[] kept = data.checkRows(header.imageDataBytes() <= KEEP_MAX_BYTES);
            data.finish();
            return kept;
        } finally {
            data.release();
        }
    }

    /** Releases the inflater's native memory (also after a refusal); idempotent. */
    void release() {
        if (inflater != null) {
            inflater.end();
        }
    }

    private void checkZlibHeader() throws UnsupportedImageException {
        int[] first = new int[2];
        int n = 0;
        for (PngChunks.Chunk c : idat) {
            for (int i = 0; i < c.length() && n < 2; i++) {
                first[n++] = file[c.offset() + i] & 0xFF;
            }
        }
        if (n < 2) {
            throw truncated();
        }
        int cmf = first[0];
        int flg = first[1];
        if ((cmf & 0x0F) != 8 || (cmf >>> 4) > 7 || (cmf << 8 | flg) % 31 != 0) {
            throw new UnsupportedImageException(String.format(
                    "corrupt PNG: the image data is not a zlib stream (header bytes %02x %02x)", cmf, flg));
        }
        if ((flg & 0x20) != 0) {
            throw new UnsupportedImageException("corrupt PNG: the image data's zlib stream asks for a preset "
                    + "dictionary, which PNG does not allow");
        }
    }

    /**
     * Inflates every row, checking its filter-type byte, with one fixed buffer, or with {@code keep} into one
     * that is returned whole (else null): at first 4 times the compressed bytes (a photo's deflate gains less),
     * doubled when full, never beyond the image data's size.
     */
    private byte[] checkRows(boolean keep) throws UnsupportedImageException {
        long total = header.imageDataBytes();
        long compressed = 0;
        for (PngChunks.Chunk c : idat) {
            compressed += c.length();
        }
        byte[] buf = new byte[(int) Math.min(keep ? Math.max(BUFFER, 4 * compressed) : BUFFER, total)];
        int kept = 0;                               // with keep: the bytes of buf inflated so far
        for (Adam7.Pass pass : header.passes()) {
            long rowLength = 1 + header.rowBytes(pass.width());
            long left = rowLength * pass.height();  // bytes of this pass still to come
            long inRow = 0;                         // position within the current row
            while (left > 0) {
                if (keep && kept == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, (int) Math.min(total, 2L * buf.length));
                }
                int from = keep ? kept : 0;
                int n = inflate(buf, from, (int) Math.min(buf.length - from, left));
                int i = from;
                n += from;
                while (i < n) {
                    if (inRow == 0) {
                        checkFilterType(buf[i] & 0xFF);
                    }
                    int step = (int) Math.min(rowLength - inRow, n - i);
                    inRow += step;
                    i += step;
                    if (inRow == rowLength) {
                        inRow = 0;
                        rowsDone++;
                    }
                }
                left -= n - from;
                kept = keep ? n : 0;
            }
        }
        return keep ? buf : null;
    }

    /**
     * Reads the next row (filter-type byte and data) into {@code row[0 .. length-1]}; the filter type is checked.
     * The caller asks for the rows in file order with their right lengths, then calls {@link #finish}.
     */
    void readRow(byte[] row, int length) throws UnsupportedImageException {
        int done = 0;
        while (done < length) {
            done += inflate(row, done, length - done);
        }
        checkFilterType(row[0] & 0xFF);
        rowsDone++;
    }

    private void checkFilterType(int type) throws UnsupportedImageException {
        if (type > 4) {
            throw new UnsupportedImageException("corrupt PNG: row " + (rowsDone + 1) + " of the image data has "
                    + "filter type " + type + " (must be 0 to 4)");
        }
    }

    /** After the last row: the stream must end there, its checksum right, nothing after it. Releases memory. */
    void finish() throws UnsupportedImageException {
        if (inflated != null) {
            if (at != inflated.length) {            // (the check saw the stream end exactly after the last row)
                throw new UnsupportedImageException("corrupt PNG: more image data than the " + header.width() + "x"
                        + header.height() + " image needs");
            }
            return;
        }
        try {
            byte[] one = new byte[1];
            int n = inflateOrEnd(one, 0, 1);
            if (n > 0) {
                throw new UnsupportedImageException("corrupt PNG: more image data than the " + header.width() + "x"
                        + header.height() + " image needs");
            }
            if (!inflater.finished()) {
                throw new UnsupportedImageException("truncated PNG: the image data's zlib stream does not end "
                        + "(no checksum)");
            }
            long extra = inflater.getRemaining();
            for (int k = next; k < idat.size(); k++) {
                extra += idat.get(k).length();
            }
            if (extra > 0) {
                throw new UnsupportedImageException("corrupt PNG: " + extra + " bytes of extra data after the end "
                        + "of the image data's zlib stream");
            }
        } finally {
            inflater.end();
        }
    }

    /** Inflates at least one byte into {@code buf}, or refuses the file as truncated. */
    private int inflate(byte[] buf, int off, int len) throws UnsupportedImageException {
        int n = inflateOrEnd(buf, off, len);
        if (n < 0) {
            throw truncated();
        }
        return n;
    }

    /** Inflates at least one byte into {@code buf}; -1 when the stream has ended or its input has run out. */
    private int inflateOrEnd(byte[] buf, int off, int len) throws UnsupportedImageException {
        if (inflated != null) {
            int n = Math.min(len, inflated.length - at);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(inflated, at, buf, off, n);
            at += n;
            return n;
        }
        while (true) {
            int n;
            try {
                n = inflater.inflate(buf, off, len);
            } catch (DataFormatException e) {
                throw new UnsupportedImageException("corrupt PNG: bad zlib data in the image data ("
                        + e.getMessage() + ")");
            }
            if (n > 0) {
                return n;
            }
            if (inflater.finished()) {
                return -1;
            }
            if (inflater.needsDictionary()) {
                throw new UnsupportedImageException("corrupt PNG: the image data's zlib stream asks for a preset "
                        + "dictionary, which PNG does not allow");
            }
            if (!inflater.needsInput()) {
                throw new UnsupportedImageException("corrupt PNG: the image data's zlib stream makes no progress");
            }
            if (next == idat.size()) {
                return -1;
            }
            PngChunks.Chunk c = idat.get(next++);
            inflater.setInput(file, c.offset(), c.length());
        }
    }

    private UnsupportedImageException truncated() {
        return new UnsupportedImageException("truncated PNG: the image data ends after " + rowsDone + " of "
                + header.rows() + " rows" + (header.interlaced() ? " (of all Adam7 passes)" : ""));
    }
}
