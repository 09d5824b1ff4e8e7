package io.lcompress.codec.container;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Reads and writes the {@code .lc} container (docs/FORMAT.md). All integers are big-endian.
 *
 * <pre>
 *  8  magic            8A 4C 43 46 0D 0A 1A 0A  ("\x8ALCF\r\n\x1a\n", PNG-style)
 *  1  version          1
 *  1  flags            0 (reserved)
 *  8  model fingerprint
 *  1  n = model name length (0..64), then n bytes of UTF-8
 *  4  width  (1..2^24)      4 height (1..2^24)
 *  1  channels (1..4)       1 bit depth (8)      1 PNG colour type (0, 2, 4, 6)
 *  4  stripe rows (1..height)
 *  4  stripe count (= ceil(height / stripe rows))
 *  5  x stripe count: method (0 model-coded, 1 raw samples) and payload length of each stripe
 *  4  CRC-32C of the decoded samples (raster order)
 *  4  CRC-32C of every header byte above
 *  ...payload: the stripes' arithmetic-coded bytes, concatenated; nothing follows
 * </pre>
 *
 * The reader validates every field before using it to size anything: a hostile file can make it
 * throw {@link FormatException}, never allocate by an unchecked field.
 */
public final class LcFormat {
    public static final byte[] MAGIC = {(byte) 0x8A, 'L', 'C', 'F', 0x0D, 0x0A, 0x1A, 0x0A};
    public static final int VERSION = 1;
    public static final int MAX_DIMENSION = 1 << 24;
    public static final int MAX_NAME_BYTES = 64;

    private LcFormat() {
    }

    /** Serializes header and payload into one file image. */
    public static byte[] write(LcHeader h, byte[][] stripePayloads) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(0);
            out.writeLong(h.modelFingerprint());
            byte[] name = h.modelName().getBytes(StandardCharsets.UTF_8);
            if (name.length > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("model name too long");
            }
            out.writeByte(name.length);
            out.write(name);
            out.writeInt(h.width());
            out.writeInt(h.height());
            out.writeByte(h.channels());
            out.writeByte(h.bitDepth());
            out.writeByte(h.colorType());
            out.writeInt(h.stripeRows());
            out.writeInt(h.stripeCount());
            for (int i = 0; i < h.stripeCount(); i++) {
                out.writeByte(h.stripeMethods()[i]);
                out.writeInt(h.stripeLengths()[i]);
            }
            out.writeInt(h.pixelCrc());
            out.flush();
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            for (byte[] p : stripePayloads) {
                out.write(p);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);   // ByteArrayOutputStream does not throw
        }
    }

    /** A parsed file: its header and where the payload starts. */
    public record Parsed(LcHeader header, int payloadOffset) {
    }

    /** Parses and validates the header of {@code file}; the payload is checked for exact length. */
    public static Parsed read(byte[] file) throws FormatException {
        ByteBuffer in = ByteBuffer.wrap(file);
        if (file.length < MAGIC.length) {
            throw new FormatException("not an .lc file (too short)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (file[i] != MAGIC[i]) {
                throw new FormatException("not an .lc file (bad magic)");
            }
        }
        in.position(MAGIC.length);
        int version = u8(in);
        if (version != VERSION) {
            throw new FormatException("unsupported .lc format version " + version
                    + " (this lcompress reads version " + VERSION + ")");
        }
        int flags = u8(in);
        if (flags != 0) {
            throw new FormatException("unsupported .lc flags " + flags);
        }
        long fingerprint = i64(in);
        int nameLength = u8(in);
        if (nameLength > MAX_NAME_BYTES) {
            throw new FormatException("corrupt header: model name length " + nameLength);
        }
        need(in, nameLength);
        byte[] name = new byte[nameLength];
        in.get(name);
        int width = i32(in);
        int height = i32(in);
        if (width < 1 || width > MAX_DIMENSION || height < 1 || height > MAX_DIMENSION) {
            throw new FormatException("corrupt header: dimensions " + Integer.toUnsignedString(width) + "x"
                    + Integer.toUnsignedString(height));
        }
        int channels = u8(in);
        int bitDepth = u8(in);
        int colorType = u8(in);
        if (channels < 1 || channels > 4) {
            throw new FormatException("corrupt header: " + channels + " channels");
        }
        if (bitDepth != 8) {
            throw new FormatException("unsupported bit depth " + bitDepth);
        }
        if (!(colorType == 0 && channels == 1 || colorType == 2 && channels == 3
                || colorType == 4 && channels == 2 || colorType == 6 && channels == 4)) {
            throw new FormatException("corrupt header: colour type " + colorType + " with " + channels + " channels");
        }
        if ((long) width * height * channels > Integer.MAX_VALUE - 8) {
            throw new FormatException("image too large for this version: " + width + "x" + height + "x" + channels);
        }
        int stripeRows = i32(in);
        if (stripeRows < 1 || stripeRows > height) {
            throw new FormatException("corrupt header: stripe rows " + stripeRows);
        }
        int stripeCount = i32(in);
        if (stripeCount != LcHeader.stripesFor(height, stripeRows)) {
            throw new FormatException("corrupt header: stripe count " + stripeCount);
        }
        need(in, 5L * stripeCount + 8);
        int[] lengths = new int[stripeCount];
        byte[] methods = new byte[stripeCount];
        long payload = 0;
        for (int i = 0; i < stripeCount; i++) {
            methods[i] = (byte) u8(in);
            lengths[i] = i32(in);
            if (lengths[i] < 0) {
                throw new FormatException("corrupt header: stripe length");
            }
            int rows = Math.min(stripeRows, height - i * stripeRows);
            if (methods[i] == LcHeader.METHOD_RAW) {
                if (lengths[i] != (long) rows * width * channels) {
                    throw new FormatException("corrupt header: raw stripe of " + lengths[i] + " bytes");
                }
            } else if (methods[i] != LcHeader.METHOD_MODEL) {
                throw new FormatException("corrupt header: unknown stripe method " + methods[i]);
            }
            payload += lengths[i];
        }
        int pixelCrc = i32(in);
        int headerEnd = in.position();
        int headerCrc = i32(in);
        CRC32C crc = new CRC32C();
        crc.update(file, 0, headerEnd);
        if ((int) crc.getValue() != headerCrc) {
            throw new FormatException("corrupt header (checksum mismatch)");
        }
        long remaining = file.length - in.position();
        if (payload != remaining) {
            throw new FormatException(payload > remaining
                    ? "truncated file: payload has " + remaining + " of " + payload + " bytes"
                    : "corrupt file: " + (remaining - payload) + " unexpected bytes after the payload");
        }
        LcHeader h = new LcHeader(fingerprint, new String(name, StandardCharsets.UTF_8), width, height, channels,
                bitDepth, colorType, stripeRows, methods, lengths, pixelCrc);
        return new Parsed(h, in.position());
    }

    private static void need(ByteBuffer in, long n) throws FormatException {
        if (in.remaining() < n) {
            throw new FormatException("truncated file (header incomplete)");
        }
    }

    private static int u8(ByteBuffer in) throws FormatException {
        need(in, 1);
        return in.get() & 0xFF;
    }

    private static int i32(ByteBuffer in) throws FormatException {
        need(in, 4);
        return in.getInt();
    }

    private static long i64(ByteBuffer in) throws FormatException {
        need(in, 8);
        return in.getLong();
    }
}
