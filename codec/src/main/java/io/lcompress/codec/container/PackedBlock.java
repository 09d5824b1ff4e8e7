package io.lcompress.codec.container;

import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A variable-size part of a version-4 header (the palette, the alphabets, the kept PNG chunks), stored
 * as it is or compressed with raw deflate (RFC 1951), whichever is shorter:
 * {@code varint(n << 1 | d)} with n the block's size; then, if d = 0, the n bytes; if d = 1,
 * {@code varint(m)} and m bytes of deflate data that inflate to exactly n bytes and end there.
 *
 * <p>A reader bounds n before allocating: by its caller's limit, and for deflated blocks by 1032 x m + 64
 * (deflate cannot expand data more), so the memory a header costs stays proportional to its bytes.
 */
final class PackedBlock {
    /** Deflate's largest expansion: 258 bytes from a 2-bit code, 1032 per input byte. */
    static final int MAX_RATIO = 1032;

    private PackedBlock() {
    }

    static void write(HeaderWriter out, byte[] block) {
        byte[] deflated = deflate(block);
        if (deflated.length + varintSize(deflated.length) < block.length) {
            out.varint(((long) block.length << 1) | 1).varint(deflated.length).bytes(deflated);
        } else {
            out.varint((long) block.length << 1).bytes(block);
        }
    }

    static byte[] read(HeaderReader in, int maxSize, String what) throws FormatException {
        int head = in.varint(Integer.MAX_VALUE, what);
        int n = head >>> 1;
        HeaderReader.verify(n <= maxSize, what + " of " + n + " bytes (at most " + maxSize + ")");
        if ((head & 1) == 0) {
            return in.bytes(n);
        }
        int m = in.varint(Integer.MAX_VALUE, what);
        in.need(m);
        HeaderReader.verify(n <= (long) m * MAX_RATIO + 64, what + ": " + m + " deflated bytes cannot make " + n);
        byte[] deflated = in.bytes(m);
        byte[] out = new byte[n];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            int got = 0;
            while (got < n) {
                int k = inflater.inflate(out, got, n - got);
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                got += k;
            }
            byte[] probe = new byte[1];
            boolean more = !inflater.finished() && inflater.inflate(probe) > 0;
            HeaderReader.verify(got == n && !more && inflater.finished() && inflater.getRemaining() == 0,
                    what + ": deflate data does not make exactly " + n + " bytes");
        } catch (DataFormatException e) {
            throw new FormatException("corrupt header: " + what + ": " + e.getMessage());
        } finally {
            inflater.end();
        }
        return out;
    }

    private static byte[] deflate(byte[] block) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            d.setInput(block);
            d.finish();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(block.length / 2 + 16);
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    static int varintSize(long v) {
        int n = 1;
        while (v >= 0x80) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
