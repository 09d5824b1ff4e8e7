package io.lcompress.codec.container;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.FastPixelModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken and hostile .lc files: always a FormatException, never another exception, hang or huge allocation. */
class HostileFileTest {
    static final FastPixelModel FAST = new FastPixelModel();

    static byte[] sample() {
        Raster r = TestImages.synthetic(40, 150, 3, 2);
        return LcCodec.encode(r, PngImage.RGB, FAST, 1, 64, false).file();
    }

    /** Decodes; returns normally only when the result is exact (a mutation that changed nothing). */
    static void decodeOrReject(byte[] file, Raster expected) {
        try {
            LcCodec.Decoded d = LcCodec.decode(file, null, 1);
            assertArrayEquals(expected.samples(), d.raster().samples(), "corrupt file decoded to wrong pixels");
        } catch (FormatException expectedFailure) {
            assertTrue(expectedFailure.getMessage() != null && !expectedFailure.getMessage().isBlank());
        }
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] file = sample();
        for (int n = 0; n < file.length; n++) {
            byte[] cut = Arrays.copyOf(file, n);
            assertThrows(FormatException.class, () -> LcCodec.decode(cut, null, 1), "length " + n);
        }
    }

    @Test
    void wrongMagicVersionAndFlags() {
        byte[] file = sample();
        byte[] m = file.clone();
        m[1] = 'X';
        assertThrows(FormatException.class, () -> LcCodec.decode(m, null, 1));
        for (int version : new int[]{0, LcFormat.VERSION + 1, 255}) {
            byte[] v = file.clone();
            v[8] = (byte) version;
            FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(v, null, 1));
            assertTrue(e.getMessage().contains("version " + version), e.getMessage());
        }
        byte[] f = file.clone();
        f[9] = 1;
        assertThrows(FormatException.class, () -> LcCodec.decode(f, null, 1));
        assertThrows(FormatException.class, () -> LcCodec.decode("hello, world".getBytes(), null, 1));
        assertThrows(FormatException.class, () -> LcCodec.decode(new byte[0], null, 1));
    }

    @Test
    void absurdDimensionsAreRejectedBeforeAllocating() {
        Raster r = TestImages.synthetic(3, 3, 3, 2);
        int[][] dims = {{Integer.MAX_VALUE, Integer.MAX_VALUE}, {0, 5}, {5, 0}, {-1, 5}, {1 << 24, 1 << 24},
                {1 << 16, 1 << 16}};
        for (int[] d : dims) {
            LcHeader h = header(d[0], d[1], 1, new int[]{0});
            byte[] file = LcFormat.write(h, List.of(new byte[0]));
            assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1), Arrays.toString(d));
        }
        // a header that is consistent and checksummed but whose payload is garbage
        LcHeader h = header(3, 3, 3, new int[]{4});
        byte[] file = LcFormat.write(h, List.of(new byte[]{1, 2, 3, 4}));
        assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1));
        decodeOrReject(LcCodec.encode(r, PngImage.RGB, FAST, 1).file(), r);
    }

    static LcHeader header(int w, int h, int stripeRows, int[] lengths) {
        PlaneHeader p = new PlaneHeader(PlaneHeader.MODEL, 0, 3, FAST.fingerprint(), "fast", new byte[3][], null, 0,
                new byte[lengths.length], lengths);
        return new LcHeader(w, h, PngImage.RGB, 8, false, null, 0, stripeRows, List.of(p), 0);
    }

    @Test
    void unknownCodingToolsAreRefused() {
        LcHeader h = header(40, 150, 64, new int[]{10, 10, 10});
        PlaneHeader p = h.planes().get(0);
        PlaneHeader future = new PlaneHeader(p.kind(), 0, 3, p.fingerprint(), p.modelName(), p.alphabetMasks(), null,
                0, p.stripeMethods(), p.stripeLengths(), 0x40 | PlaneHeader.TOOL_CHROMA_REPEAT);
        LcHeader h2 = new LcHeader(40, 150, PngImage.RGB, 8, false, null, 0, 64, List.of(future), 0);
        byte[] f2 = LcFormat.write(h2, List.of(new byte[30]));
        FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(f2, null, 1));
        assertTrue(e.getMessage().contains("coding tools"), e.getMessage());
    }

    @Test
    void unknownModelIsNamed() {
        byte[] file = sample();
        LcHeader h = header(40, 150, 64, new int[]{10, 10, 10});
        PlaneHeader p = h.planes().get(0);
        PlaneHeader other = new PlaneHeader(p.kind(), 0, 3, 0xdeadbeefL, "mystery", p.alphabetMasks(), null, 0,
                p.stripeMethods(), p.stripeLengths());
        LcHeader h2 = new LcHeader(40, 150, PngImage.RGB, 8, false, null, 0, 64, List.of(other), 0);
        byte[] f2 = LcFormat.write(h2, List.of(new byte[30]));
        FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(f2, null, 1));
        assertTrue(e.getMessage().contains("mystery") && e.getMessage().contains("deadbeef"), e.getMessage());
    }

    @Test
    void seededMutationsAreRejectedOrHarmless() {
        Raster r = TestImages.synthetic(40, 150, 3, 2);
        byte[] file = LcCodec.encode(r, PngImage.RGB, FAST, 1, 64, false).file();
        Random rnd = new Random(12345);
        int cases = Integer.getInteger("lcompress.fuzzCases", 2000);
        for (int i = 0; i < cases; i++) {
            byte[] m = file.clone();
            int kind = rnd.nextInt(4);
            if (kind == 0) {
                m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
            } else if (kind == 1) {
                for (int j = 0; j < 1 + rnd.nextInt(8); j++) {
                    m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                }
            } else if (kind == 2) {
                m = Arrays.copyOf(m, m.length + 1 + rnd.nextInt(16));
            } else {
                int p = rnd.nextInt(m.length);
                m[p] = (byte) rnd.nextInt(256);
                m = Arrays.copyOf(m, Math.max(0, m.length - rnd.nextInt(8)));
            }
            decodeOrReject(m, r);
        }
    }
}
