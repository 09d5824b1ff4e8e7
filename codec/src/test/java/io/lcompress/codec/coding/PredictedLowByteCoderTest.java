package io.lcompress.codec.coding;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.arith.CorruptStreamException;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictedLowByteCoderTest {

    static List<Path> suite16() throws IOException {
        try (Stream<Path> s = Files.list(TestImages.testdata().resolve("pngsuite"))) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith("16.png") && !n.startsWith("x");
            }).sorted().toList();
        }
    }

    /** Round trip in every mode and through the chooser; returns the chosen payload's length. */
    static int roundTrip(Raster low, Raster high) {
        for (int mode = PredictedLowByteCoder.SPATIAL; mode <= PredictedLowByteCoder.SLOW_TREE; mode++) {
            StripeCoder.Encoded e = PredictedLowByteCoder.encode(low, high, null, mode);
            Raster back = PredictedLowByteCoder.decode(e.payload(), 0, e.payload().length, high, true);
            assertArrayEquals(low.samples(), back.samples(), "mode " + mode);
        }
        float[] bits = new float[low.width() * low.height()];
        StripeCoder.Encoded e = PredictedLowByteCoder.encode(low, high, bits);
        byte[] padded = new byte[e.payload().length + 7];
        System.arraycopy(e.payload(), 0, padded, 3, e.payload().length);
        Raster back = PredictedLowByteCoder.decode(padded, 3, e.payload().length, high, true);
        assertArrayEquals(low.samples(), back.samples());
        double sum = 0;
        for (float b : bits) {
            sum += b;
        }
        assertEquals(e.modelBits(), sum, 1e-3 * e.modelBits() + 1);
        assertTrue(e.payload().length * 8 <= e.modelBits() * 1.001 + 64, "payload vs ideal bits");
        return e.payload().length;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite16")
    void pngSuite16BitRoundTripsAndBeatsTheOldCoder(Path file) throws IOException {
        PngImage img = io.lcompress.codec.image.PngIO.read(file);
        int n = roundTrip(img.low(), img.samples());
        int old = LowByteCoder.encode(img.low(), img.samples(), null).payload().length;
        assertTrue(n <= old, file + ": " + n + " vs old " + old);
    }

    /** A smooth 16-bit gradient (basn0g16-like but with every low byte in use). */
    static Raster[] gradient(int w, int h, int ch) {
        Raster hi = new Raster(w, h, ch);
        Raster lo = new Raster(w, h, ch);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    int v = (x * 397 + y * 211 + c * 5000) & 0xFFFF;
                    hi.set(x, y, c, v >> 8);
                    lo.set(x, y, c, v & 255);
                }
            }
        }
        return new Raster[] {lo, hi};
    }

    @Test
    void gradientCostsFarLessThanWithTheOldCoder() {
        Raster[] g = gradient(64, 64, 3);
        int n = roundTrip(g[0], g[1]);
        int old = LowByteCoder.encode(g[0], g[1], null).payload().length;
        // measured: 206 bytes against 12_429 for the old coder
        assertTrue(n < 300, "gradient " + n + " bytes (old " + old + ")");
        assertTrue(n * 20 < old, "gradient " + n + " vs old " + old);
    }

    @Test
    void widenedImagesCostAlmostNothing() {
        Raster hi = TestImages.synthetic(64, 64, 3, 7);
        int replicated = roundTrip(hi, hi);
        int zero = roundTrip(new Raster(64, 64, 3), hi);
        int oldReplicated = LowByteCoder.encode(hi, hi, null).payload().length;
        // thresholds: a few bytes of adaptation (the old coder needs hundreds of bytes)
        assertTrue(replicated <= 24, "lo == hi: " + replicated + " bytes (old " + oldReplicated + ")");
        assertTrue(zero <= 32, "lo == 0: " + zero + " bytes");
        Raster hiA = TestImages.synthetic(64, 64, 4, 8);
        Arrays.fill(hiA.samples(), (byte) 0);
        assertTrue(roundTrip(hiA, hiA) <= 16, "all zero");
    }

    @Test
    void noiseCostsAboutEightBits() {
        Raster lo = TestImages.noise(96, 80, 3, 1);
        Raster hi = TestImages.noise(96, 80, 3, 2);
        int n = roundTrip(lo, hi);
        int old = LowByteCoder.encode(lo, hi, null).payload().length;
        assertTrue(n <= old + 8, n + " vs old " + old);
        assertTrue(n <= lo.samples().length * 1.01 + 8, n + " bytes for " + lo.samples().length + " samples");
        // noise low bytes under a smooth high byte
        Raster smooth = TestImages.synthetic(96, 80, 3, 3);
        roundTrip(lo, smooth);
    }

    @Test
    void resizedPhotoRoundTripsAndBeatsTheOldCoder() {
        Raster src = TestImages.read(TestImages.photos().get(0)).samples();
        int w = src.width() / 2;
        int h = Math.min(src.height() / 2, 96);
        int ch = src.channels();
        Raster hi = new Raster(w, h, ch);
        Raster lo = new Raster(w, h, ch);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < ch; c++) {
                    int s = src.get(2 * x, 2 * y, c) + src.get(2 * x + 1, 2 * y, c)
                            + src.get(2 * x, 2 * y + 1, c) + src.get(2 * x + 1, 2 * y + 1, c);
                    int v = (s * 257 + 2) / 4;
                    hi.set(x, y, c, v >> 8);
                    lo.set(x, y, c, v & 255);
                }
            }
        }
        int n = roundTrip(lo, hi);
        int old = LowByteCoder.encode(lo, hi, null).payload().length;
        assertTrue(n < old, n + " vs old " + old);
    }

    @Test
    void tinyAndOddShapesRoundTrip() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 60; trial++) {
            int w = 1 + rnd.nextInt(9);
            int h = 1 + rnd.nextInt(5);
            int ch = 1 + rnd.nextInt(4);
            Raster hi = new Raster(w, h, ch);
            Raster lo = new Raster(w, h, ch);
            for (int i = 0; i < hi.samples().length; i++) {
                int kind = trial % 3;
                hi.samples()[i] = (byte) (kind == 0 ? rnd.nextInt(256) : 100 + i / 7);
                lo.samples()[i] = (byte) (kind == 1 ? hi.samples()[i] : rnd.nextInt(256));
            }
            roundTrip(lo, hi);
        }
    }

    @Test
    @Timeout(60)
    void corruptPayloadsThrowOnlyCorruptStreamException() {
        Raster[] g = gradient(40, 24, 3);
        Raster photoHi = TestImages.synthetic(40, 24, 3, 9);
        Raster noise = TestImages.noise(40, 24, 3, 4);
        Random rnd = new Random(11);
        for (Raster[] pair : List.of(g, new Raster[] {noise, photoHi}, new Raster[] {photoHi, photoHi})) {
            Raster lo = pair[0];
            Raster hi = pair[1];
            for (int mode = 0; mode < 3; mode++) {
                byte[] good = PredictedLowByteCoder.encode(lo, hi, null, mode).payload();
                for (int trial = 0; trial < 150; trial++) {
                    byte[] bad;
                    switch (trial % 3) {
                        case 0 -> bad = Arrays.copyOf(good, rnd.nextInt(good.length + 1));
                        case 1 -> {
                            bad = good.clone();
                            if (bad.length > 0) {
                                bad[rnd.nextInt(bad.length)] ^= (byte) (1 + rnd.nextInt(255));
                            }
                        }
                        default -> {
                            bad = new byte[rnd.nextInt(64)];
                            rnd.nextBytes(bad);
                        }
                    }
                    for (boolean strict : new boolean[] {true, false}) {
                        try {
                            Raster r = PredictedLowByteCoder.decode(bad, 0, bad.length, hi, strict);
                            assertEquals(lo.samples().length, r.samples().length);
                        } catch (CorruptStreamException expected) {
                            // fine
                        }
                    }
                }
            }
        }
    }

    @Test
    void emptyPayloadDecodesAsTheExhaustedStream() {
        Raster hi = TestImages.synthetic(16, 8, 3, 1);
        Raster r = PredictedLowByteCoder.decode(new byte[0], 0, 0, hi, true);
        assertEquals(16 * 8 * 3, r.samples().length);
    }
}
