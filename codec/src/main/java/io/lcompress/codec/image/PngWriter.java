package io.lcompress.codec.image;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a {@link PngImage} as PNG exactly: its colour type, bit depth, palette (entries in their
 * order, tRNS up to the last translucent entry) and Adam7 interlacing. (ImageIO's writer reorders
 * palettes with transparency, which would change the indices, hence this small writer.)
 *
 * <p>Rows are filtered with the usual heuristic (per row the filter with the smallest sum of absolute
 * differences; none for palettes and depths below 8) and deflated at level 6, streaming: each row goes
 * through the deflater as it is filtered and IDAT chunks of at most {@value #IDAT_BYTES} bytes are
 * written as the compressed data comes, so memory beyond the image is a few rows and one chunk.
 */
public final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    // Adam7 passes: x start, y start, x step, y step
    private static final int[][] ADAM7 = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4},
            {1, 0, 2, 2}, {0, 1, 1, 2}};

    private PngWriter() {
    }

    static final int IDAT_BYTES = 1 << 16;

    public static byte[] write(PngImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(image, out);
        return out.toByteArray();
    }

    /** Writes the PNG to {@code out} (not closed). */
    public static void write(PngImage image, OutputStream out) throws IOException {
        Raster s = image.samples();
        int width = s.width();
        int height = s.height();
        int channels = s.channels();
        int depth = image.bitDepth();
        out.write(SIGNATURE);
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(width);
        d.writeInt(height);
        d.writeByte(depth);
        d.writeByte(image.colorType());
        d.writeByte(0);
        d.writeByte(0);
        d.writeByte(image.interlaced() ? 1 : 0);
        chunk(out, "IHDR", ihdr.toByteArray());
        if (image.palette() != null) {
            int[] pal = image.palette();
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
        int bitsPerPixel = depth * channels;
        int bpp = Math.max(1, bitsPerPixel / 8);     // filter byte distance
        boolean filter = image.colorType() != PngImage.PALETTE && depth >= 8;
        Deflater def = new Deflater(6);
        IdatStream raw = new IdatStream(out, def);
        int[][] passes = image.interlaced() ? ADAM7 : new int[][]{{0, 0, 1, 1}};
        for (int[] p : passes) {
            int pw = width <= p[0] ? 0 : (width - p[0] + p[2] - 1) / p[2];
            int ph = height <= p[1] ? 0 : (height - p[1] + p[3] - 1) / p[3];
            if (pw == 0 || ph == 0) {
                continue;
            }
            int rowBytes = (int) (((long) pw * bitsPerPixel + 7) / 8);
            byte[] prev = new byte[rowBytes];
            byte[] row = new byte[rowBytes];
            byte[][] candidates = new byte[5][rowBytes];
            for (int py = 0; py < ph; py++) {
                int y = p[1] + py * p[3];
                packRow(image, y, p[0], p[2], pw, row);
                if (!filter) {
                    raw.write(0);
                    raw.write(row, 0, rowBytes);
                } else {
                    int best = 0;
                    long bestCost = Long.MAX_VALUE;
                    for (int f = 0; f < 5; f++) {
                        byte[] c = candidates[f];
                        long cost = 0;
                        for (int i = 0; i < rowBytes; i++) {
                            int a = i >= bpp ? row[i - bpp] & 0xFF : 0;
                            int b = prev[i] & 0xFF;
                            int cc = i >= bpp ? prev[i - bpp] & 0xFF : 0;
                            int x = row[i] & 0xFF;
                            int pred = switch (f) {
                                case 0 -> 0;
                                case 1 -> a;
                                case 2 -> b;
                                case 3 -> (a + b) >>> 1;
                                default -> paeth(a, b, cc);
                            };
                            byte v = (byte) (x - pred);
                            c[i] = v;
                            cost += Math.abs((int) v);
                        }
                        if (cost < bestCost) {
                            bestCost = cost;
                            best = f;
                        }
                    }
                    raw.write(best);
                    raw.write(candidates[best], 0, rowBytes);
                }
                byte[] t = prev;
                prev = row;
                row = t;
            }
        }
        raw.finish();
        chunk(out, "IEND", new byte[0]);
    }

    /** Filtered rows in, IDAT chunks out: deflates as it goes and cuts the stream into chunks. */
    private static final class IdatStream {
        private final OutputStream out;
        private final Deflater def;
        private final byte[] buf = new byte[IDAT_BYTES];
        private int filled;
        private final byte[] one = new byte[1];

        IdatStream(OutputStream out, Deflater def) {
            this.out = out;
            this.def = def;
        }

        void write(int b) throws IOException {
            one[0] = (byte) b;
            write(one, 0, 1);
        }

        void write(byte[] data, int offset, int length) throws IOException {
            def.setInput(data, offset, length);
            while (!def.needsInput()) {
                drain();
            }
        }

        void finish() throws IOException {
            try {
                def.finish();
                while (!def.finished()) {
                    drain();
                }
                if (filled > 0) {
                    chunk(out, "IDAT", java.util.Arrays.copyOf(buf, filled));
                }
            } finally {
                def.end();
            }
        }

        private void drain() throws IOException {
            filled += def.deflate(buf, filled, buf.length - filled);
            if (filled == buf.length) {
                chunk(out, "IDAT", buf);
                filled = 0;
            }
        }
    }

    private static void packRow(PngImage image, int y, int x0, int dx, int count, byte[] row) {
        Raster s = image.samples();
        int channels = s.channels();
        int depth = image.bitDepth();
        byte[] hi = s.samples();
        byte[] lo = image.low() == null ? null : image.low().samples();
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
            java.util.Arrays.fill(row, (byte) 0);
            int bit = 0;
            for (int k = 0, x = x0; k < count; k++, x += dx) {
                int v = hi[base + x] & 0xFF;
                row[bit >> 3] |= (byte) (v << (8 - depth - (bit & 7)));
                bit += depth;
            }
        }
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
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
    }
}
