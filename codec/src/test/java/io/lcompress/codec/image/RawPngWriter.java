package io.lcompress.codec.image;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG writer for tests, independent of ImageIO: non-interlaced, filter 0, any colour type
 * and bit depth, optional PLTE/tRNS. Used to check that reading gives back exactly the samples written.
 */
final class RawPngWriter {
    private RawPngWriter() {
    }

    /** samples: per pixel per channel, values 0 .. 2^depth - 1. palette: 0xRRGGBBAA or null. */
    static byte[] write(int width, int height, int colorType, int depth, int[] samples, int[] palette)
            throws IOException {
        int channels = switch (colorType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            default -> 4;
        };
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int i = 0;
        for (int y = 0; y < height; y++) {
            raw.write(0);
            int acc = 0;
            int bits = 0;
            for (int x = 0; x < width * channels; x++) {
                int v = samples[i++];
                if (depth == 16) {
                    raw.write(v >>> 8);
                    raw.write(v & 0xFF);
                } else if (depth == 8) {
                    raw.write(v);
                } else {
                    acc = acc << depth | v;
                    bits += depth;
                    if (bits == 8) {
                        raw.write(acc);
                        acc = 0;
                        bits = 0;
                    }
                }
            }
            if (bits > 0) {
                raw.write(acc << (8 - bits));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(width);
        d.writeInt(height);
        d.writeByte(depth);
        d.writeByte(colorType);
        d.writeByte(0);
        d.writeByte(0);
        d.writeByte(0);
        chunk(out, "IHDR", ihdr.toByteArray());
        if (palette != null) {
            byte[] plte = new byte[palette.length * 3];
            byte[] trns = new byte[palette.length];
            boolean alpha = false;
            for (int k = 0; k < palette.length; k++) {
                plte[3 * k] = (byte) (palette[k] >>> 24);
                plte[3 * k + 1] = (byte) (palette[k] >>> 16);
                plte[3 * k + 2] = (byte) (palette[k] >>> 8);
                trns[k] = (byte) palette[k];
                alpha |= (palette[k] & 0xFF) != 0xFF;
            }
            chunk(out, "PLTE", plte);
            if (alpha) {
                chunk(out, "tRNS", trns);
            }
        }
        chunk(out, "IDAT", zlib(raw.toByteArray(), 9));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** {@code raw} as one zlib stream (RFC 1950) of deflate {@code level}, from one {@link Deflater}. */
    static byte[] zlib(byte[] raw, int level) {
        Deflater d = new Deflater(level);
        try {
            d.setInput(raw);
            d.finish();
            ByteArrayOutputStream z = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (!d.finished()) {
                z.write(buf, 0, d.deflate(buf));
            }
            return z.toByteArray();
        } finally {
            d.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
