package io.lcompress.codec.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ZlibSegmentsTest {
    /** Compressible bytes with long-range repeats (so that matches cross the segment cuts). */
    static byte[] input(int n, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = i >= 5000 && r.nextInt(4) > 0 ? b[i - 4000 - r.nextInt(3)] : (byte) (r.nextGaussian() * 9);
        }
        return b;
    }

    /** The stream of {@code data} written in pieces of {@code piece} bytes. */
    static byte[] segmented(byte[] data, int level, int segment, int threads, int piece) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZlibSegments z = new ZlibSegments(level, segment, threads, out::write)) {
            for (int i = 0; i < data.length; i += piece) {
                z.write(data, i, Math.min(piece, data.length - i));
            }
            z.finish();
        }
        return out.toByteArray();
    }

    static byte[] inflate(byte[] stream) throws DataFormatException {
        Inflater inf = new Inflater();          // checks the zlib header and the Adler-32
        try {
            inf.setInput(stream);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                out.write(buf, 0, n);
            }
            assertEquals(0, inf.getRemaining(), "bytes after the stream");
            return out.toByteArray();
        } finally {
            inf.end();
        }
    }

    @Test
    void oneSegmentIsExactlyWhatOneDeflaterWrites() throws Exception {
        for (int level : new int[]{1, 6, 9}) {
            for (int n : new int[]{0, 1, 1000, 100_000}) {
                byte[] data = input(n, n + level);
                assertArrayEquals(RawPngWriter.zlib(data, level), segmented(data, level, 1 << 20, 1, 777), level + " " + n);
                assertArrayEquals(RawPngWriter.zlib(data, level), segmented(data, level, 1 << 20, 3, 100_000), level + " " + n);
            }
        }
    }

    /** Cut into segments, the stream inflates to the input; its bytes depend on neither the threads nor the pieces. */
    @Test
    void segmentsMakeOneStreamWhateverTheThreads() throws Exception {
        int segment = ZlibSegments.WINDOW;
        for (int n : new int[]{segment - 1, segment, segment + 1, 3 * segment, 5 * segment + 17, 700_000}) {
            byte[] data = input(n, n);
            byte[] one = segmented(data, 6, segment, 1, 4096);
            assertArrayEquals(data, inflate(one), "n " + n);
            for (int threads : new int[]{2, 3, 8}) {
                assertArrayEquals(one, segmented(data, 6, segment, threads, 1 + n / 7), n + " bytes, " + threads + " threads");
            }
            if (n > 2 * segment) {
                // the dictionary keeps matches across the cuts: little lost against one deflater
                int whole = RawPngWriter.zlib(data, 6).length;
                assertTrue(one.length < whole * 1.02 + 64, one.length + " against " + whole);
            }
        }
    }

    @Test
    void headersAreZlibs() {
        for (int level = 0; level <= 9; level++) {
            byte[] h = ZlibSegments.header(level);
            assertArrayEquals(Arrays.copyOf(RawPngWriter.zlib(new byte[0], level), 2), h, "level " + level);
        }
    }

    @Test
    void misuseIsRefused() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new ZlibSegments(6, ZlibSegments.WINDOW - 1, 1, (b, o, l) -> { }));
        assertThrows(IllegalArgumentException.class, () -> new ZlibSegments(10, 1 << 20, 1, (b, o, l) -> { }));
        assertThrows(IllegalArgumentException.class, () -> new ZlibSegments(6, 1 << 20, 0, (b, o, l) -> { }));
        ZlibSegments z = new ZlibSegments(6, 1 << 20, 2, (b, o, l) -> { });
        z.finish();
        assertThrows(IllegalStateException.class, () -> z.write(new byte[1], 0, 1));
        assertThrows(IllegalStateException.class, z::finish);
    }

    /** A PNG of several segments, written on several threads, reads back to its pixels; the bytes are the one-thread ones. */
    @Test
    void aPngOfManySegmentsReadsBack() throws Exception {
        int w = 700;
        int h = 600;                                   // 1.26 MB of filtered rows: two segments
        Raster r = new Raster(w, h, 3);
        byte[] s = r.samples();
        Random rnd = new Random(3);
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) ((i / 3 % w) / 3 + (i / (3 * w)) / 2 + rnd.nextInt(5));
        }
        PngImage img = new PngImage(PngImage.RGB, 8, false, r, null, null);
        byte[] one = PngWriter.write(img);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PngWriter.RowWriter wr = new PngWriter.RowWriter(out, w, h, PngImage.RGB, 8, null, false, java.util.List.of(), 4)) {
            wr.rows(r.rows(0, 250), null);
            wr.rows(r.rows(250, 350), null);
            wr.finish();
        }
        assertArrayEquals(one, out.toByteArray(), "the thread count changes the PNG");
        assertArrayEquals(s, PngIO.read(one, io.lcompress.codec.Limits.DEFAULT).samples().samples());
        java.awt.image.BufferedImage awt = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(one));
        assertEquals(w, awt.getWidth());
        assertEquals((s[3 * (w * 5 + 7)] & 0xFF) << 16 | (s[3 * (w * 5 + 7) + 1] & 0xFF) << 8 | (s[3 * (w * 5 + 7) + 2] & 0xFF),
                awt.getRGB(7, 5) & 0xFFFFFF, "ImageIO reads the segmented stream");
    }
}
