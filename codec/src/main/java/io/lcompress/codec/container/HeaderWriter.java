package io.lcompress.codec.container;

import java.io.ByteArrayOutputStream;

/** Writes header fields (big-endian integers, LEB128 varints); the counterpart of {@link HeaderReader}. */
final class HeaderWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    HeaderWriter u8(int v) {
        if (v < 0 || v > 255) {
            throw new IllegalArgumentException("byte " + v);
        }
        out.write(v);
        return this;
    }

    HeaderWriter u16(int v) {
        return u8(v >>> 8 & 0xFF).u8(v & 0xFF);
    }

    HeaderWriter i32(int v) {
        return u16(v >>> 16).u16(v & 0xFFFF);
    }

    HeaderWriter i64(long v) {
        return i32((int) (v >>> 32)).i32((int) v);
    }

    HeaderWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** Unsigned LEB128, shortest form. */
    HeaderWriter varint(long v) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("varint " + v);
        }
        while (v >= 0x80) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
