package io.lcompress.codec.container;

/**
 * Reads header fields from a file's bytes, checking every read against the bytes that remain, so a
 * field can never size an allocation beyond the file itself. {@link #verify} states a rule of the format
 * and throws {@link FormatException} with the reason when a file breaks it.
 */
final class HeaderReader {
    private final byte[] in;
    private final int end;
    private int at;

    HeaderReader(byte[] in, int from, int end) {
        this.in = in;
        this.at = from;
        this.end = end;
    }

    static void verify(boolean condition, String reason) throws FormatException {
        if (!condition) {
            throw new FormatException("corrupt header: " + reason);
        }
    }

    int position() {
        return at;
    }

    int remaining() {
        return end - at;
    }

    void need(long n) throws FormatException {
        if (n > end - at) {
            throw new FormatException("truncated file (header incomplete)");
        }
    }

    int u8() throws FormatException {
        need(1);
        return in[at++] & 0xFF;
    }

    int u16() throws FormatException {
        return u8() << 8 | u8();
    }

    int i32() throws FormatException {
        return u16() << 16 | u16();
    }

    long i64() throws FormatException {
        return (long) i32() << 32 | (i32() & 0xFFFFFFFFL);
    }

    byte[] bytes(int n) throws FormatException {
        need(n);
        byte[] b = java.util.Arrays.copyOfRange(in, at, at + n);
        at += n;
        return b;
    }

    /**
     * An unsigned LEB128 varint of at most 5 bytes and value at most {@code max}, in its shortest form
     * (so that every value has one encoding and a header one layout).
     */
    int varint(int max, String what) throws FormatException {
        return (int) varlong(max, what);
    }

    /** As {@link #varint}, for values up to 2^35 - 1. */
    long varlong(long max, String what) throws FormatException {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            verify(shift < 35, what + ": varint too long");
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                verify(b != 0 || shift == 0, what + ": varint not in its shortest form");
                break;
            }
        }
        verify(v <= max, what + " " + v + " (at most " + max + ")");
        return v;
    }
}
