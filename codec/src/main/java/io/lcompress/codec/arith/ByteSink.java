package io.lcompress.codec.arith;

import java.util.Arrays;

/** A growable byte buffer for the encoder, without the synchronization of ByteArrayOutputStream. */
public final class ByteSink {
    private byte[] buf = new byte[4096];
    private int size;

    void write(int b) {
        if (size == buf.length) {
            if (buf.length >= Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("payload over 2 GiB");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16L, buf.length * 2L));
        }
        buf[size++] = (byte) b;
    }

    /** Drops up to {@code max} trailing zero bytes. */
    void trimTrailingZeros(int max) {
        for (int n = 0; n < max && size > 0 && buf[size - 1] == 0; n++) {
            size--;
        }
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
