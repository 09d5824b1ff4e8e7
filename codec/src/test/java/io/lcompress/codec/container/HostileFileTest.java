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
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /**
     * A checksummed header that claims a {@code width x height} image of the colour type whose stripes
     * are all empty, written as format {@code version} (the header layout of versions 2 and 3 is the same).
     */
    static byte[] emptyStripes(int width, int height, int colorType, int bitDepth, int version, int planeChannels,
                               long fingerprint, String modelName) {
        int stripeRows = LcCodec.defaultStripeRows(height);
        int stripes = LcHeader.stripesFor(height, stripeRows);
        List<PlaneHeader> planes = new java.util.ArrayList<>();
        planes.add(new PlaneHeader(PlaneHeader.MODEL, 0, planeChannels, fingerprint, modelName,
                new byte[planeChannels][], null, 0, new byte[stripes], new int[stripes]));
        if (bitDepth == 16) {
            planes.add(new PlaneHeader(PlaneHeader.LOW_BYTES, 0, planeChannels, 0, "", null, null, 0,
                    new byte[stripes], new int[stripes]));
        }
        LcHeader h = new LcHeader(width, height, colorType, bitDepth, false, null, 0, stripeRows, planes, 0x1234);
        return asVersion(LcFormat.write(h, List.of()), version);
    }

    /**
     * A version 3 file without payload and PNG chunks as the given version: versions 1 and 2 lack the
     * chunk count (the two bytes before the pixel CRC); the header checksum, the last field, is recomputed.
     */
    static byte[] asVersion(byte[] v3, int version) {
        byte[] file = v3;
        if (version < 3) {
            file = new byte[v3.length - 2];
            System.arraycopy(v3, 0, file, 0, v3.length - 10);
            System.arraycopy(v3, v3.length - 8, file, v3.length - 10, 8);
        }
        file[8] = (byte) version;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(file, 0, file.length - 4);
        java.nio.ByteBuffer.wrap(file).putInt(file.length - 4, (int) crc.getValue());
        return file;
    }

    /** Crafted files of 50-200 bytes claiming 8192^2 to 26754^2 pixels (fuzz campaign): refused, quickly. */
    @org.junit.jupiter.params.ParameterizedTest(name = "version {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3})
    @org.junit.jupiter.api.Timeout(30)
    void hugeClaimsWithEmptyPayloadsAreRefusedQuickly(int version) {
        long fp = io.lcompress.codec.model.ModelRegistry.defaultModel().fingerprint();
        byte[] beyond = emptyStripes(26754, 26754, PngImage.RGB, 8, version, 3, fp, "default");
        assertTrue(beyond.length < 400, beyond.length + " bytes");
        FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(beyond, null, 2));
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
        // within the default limit: the streams are exhausted at once, so no model runs and the
        // all-zero image fails its checksum
        byte[] within = emptyStripes(8192, 8192, PngImage.RGB, 8, version, 3, fp, "default");
        long t0 = System.nanoTime();
        e = assertThrows(FormatException.class, () -> LcCodec.decode(within, null, 2));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "took " + (System.nanoTime() - t0) / 1e9 + " s");
        byte[] tall16 = emptyStripes(1, 100_000, PngImage.RGB, 16, version, 3, FAST.fingerprint(), "fast");
        assertThrows(FormatException.class, () -> LcCodec.decode(tall16, null, 2));
        // a lower limit refuses the same file before any allocation
        e = assertThrows(FormatException.class, () -> LcCodec.decode(within, null, 1,
                new io.lcompress.codec.Limits(1_000_000)));
        assertTrue(e.getMessage().contains("8192x8192") && e.getMessage().contains("1000000"), e.getMessage());
    }

    /** Version 3 bounds a stripe to MAX_STRIPE_PIXELS, so a decoder's memory is a few stripes. */
    @Test
    void version3StripesAreBounded() throws Exception {
        assertEquals(64, LcCodec.defaultStripeRows(40_000, 1100));
        assertEquals(16, LcCodec.defaultStripeRows(1 << 20, 100));
        for (int[] wh : new int[][]{{40_000, 1100}, {1 << 20, 100}, {1 << 24, 3}, {3, 1 << 24}}) {
            long rows = LcCodec.defaultStripeRows(wh[0], wh[1]);
            assertTrue(rows >= 1 && rows * wh[0] <= LcFormat.MAX_STRIPE_PIXELS, wh[0] + "x" + wh[1]);
        }
        byte[] file = emptyStripes(4096, 4096, PngImage.GRAY, 8, 3, 1, FAST.fingerprint(), "fast");
        LcHeader h = new LcHeader(8192, 4096, PngImage.GRAY, 8, false, null, 0, 4096, List.of(new PlaneHeader(
                PlaneHeader.MODEL, 0, 1, FAST.fingerprint(), "fast", new byte[1][], null, 0, new byte[1], new int[1])),
                0);
        byte[] one = LcFormat.write(h, List.of());          // one stripe of 8192 x 4096 pixels
        FormatException e = assertThrows(FormatException.class, () -> LcFormat.read(one));
        assertTrue(e.getMessage().contains("exceed"), e.getMessage());
        assertEquals(2, LcFormat.read(asVersion(one, 2)).version());   // version 2 had no such bound
        assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1));   // all-zero image: checksum
    }

    /** A grey+alpha plane that names the RGB network is a corrupt header, not an internal error. */
    @Test
    void planeTheNamedModelCannotCodeIsAFormatError() {
        for (String name : List.of("default", "neural")) {
            long fp = io.lcompress.codec.model.ModelRegistry.byName(name).orElseThrow().fingerprint();
            byte[] file = emptyStripes(8, 8, PngImage.GRAY_ALPHA, 8, LcFormat.VERSION, 2, fp, name);
            FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1));
            assertTrue(e.getMessage().contains("2-channel plane"), e.getMessage());
        }
    }

    /** Version 3 streams end where their last symbol does: a short or padded stripe is corrupt at once. */
    @Test
    void version3StreamsEndStrictly() throws Exception {
        Raster r = TestImages.synthetic(40, 150, 3, 2);
        byte[] file = LcCodec.encode(r, PngImage.RGB, FAST, 1, 150, false).file();
        LcFormat.Parsed parsed = LcFormat.read(file);
        assertEquals(3, parsed.version());
        LcHeader h = parsed.header();
        PlaneHeader p = h.planes().get(0);
        int length = p.stripeLengths()[0];
        // the stripe cut to half its length, the header saying so (checksums valid)
        PlaneHeader shorter = new PlaneHeader(p.kind(), p.firstChannel(), p.channels(), p.fingerprint(), p.modelName(),
                p.alphabetMasks(), p.colourSet(), p.value(), p.stripeMethods(), new int[]{length / 2}, p.tools());
        LcHeader cutHeader = new LcHeader(h.width(), h.height(), h.colorType(), h.bitDepth(), h.interlaced(),
                h.palette(), h.paletteMode(), h.stripeRows(), List.of(shorter), h.pixelCrc());
        byte[] cut = LcFormat.write(cutHeader, List.of(Arrays.copyOfRange(file, parsed.payloadOffset(),
                parsed.payloadOffset() + length / 2)));
        FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(cut, null, 1));
        assertTrue(e.getMessage().contains("ends before its last symbol"), e.getMessage());
        // the stripe with bytes appended that no symbol reads
        PlaneHeader longer = new PlaneHeader(p.kind(), p.firstChannel(), p.channels(), p.fingerprint(), p.modelName(),
                p.alphabetMasks(), p.colourSet(), p.value(), p.stripeMethods(), new int[]{length + 16}, p.tools());
        LcHeader longHeader = new LcHeader(h.width(), h.height(), h.colorType(), h.bitDepth(), h.interlaced(),
                h.palette(), h.paletteMode(), h.stripeRows(), List.of(longer), h.pixelCrc());
        byte[] padded = Arrays.copyOfRange(file, parsed.payloadOffset(), parsed.payloadOffset() + length + 16);
        Arrays.fill(padded, length, padded.length, (byte) 0x5A);
        byte[] pad = LcFormat.write(longHeader, List.of(padded));
        e = assertThrows(FormatException.class, () -> LcCodec.decode(pad, null, 1));
        assertTrue(e.getMessage().contains("unused bytes"), e.getMessage());
    }

    /**
     * The strict end counts only zeros read while the stream is not exhausted: the black tail of a
     * version 3 fixture, all its trailing zeros stripped, still decodes to the same pixels (exhausted
     * after its last byte). RangeCoderTest.zerosReadAfterExhaustionAreNotCounted checks the same rule
     * symbol by symbol, without the fill.
     */
    @Test
    void zerosAfterExhaustionAreFree() throws Exception {
        byte[] file = java.nio.file.Files.readAllBytes(TestImages.testdata().resolve(
                "format-v3/grey-as-rgb-black-tail.default.lc"));
        LcFormat.Parsed parsed = LcFormat.read(file);
        LcHeader h = parsed.header();
        List<PlaneHeader> planes = new java.util.ArrayList<>();
        List<byte[]> payloads = new java.util.ArrayList<>();
        int off = parsed.payloadOffset();
        int stripped = 0;
        for (PlaneHeader p : h.planes()) {
            if (!p.hasStripes()) {
                planes.add(p);
                continue;
            }
            int[] lengths = p.stripeLengths().clone();
            for (int s = 0; s < lengths.length; s++) {
                int end = off + lengths[s];
                int e = end;
                while (e > off && file[e - 1] == 0) {
                    e--;
                }
                stripped += end - e;
                payloads.add(Arrays.copyOfRange(file, off, e));
                lengths[s] = e - off;
                off = end;
            }
            planes.add(new PlaneHeader(p.kind(), p.firstChannel(), p.channels(), p.fingerprint(), p.modelName(),
                    p.alphabetMasks(), p.colourSet(), p.value(), p.stripeMethods(), lengths, p.tools()));
        }
        assertTrue(stripped > 50, stripped + " zeros");
        byte[] shorter = LcFormat.write(new LcHeader(h.width(), h.height(), h.colorType(), h.bitDepth(),
                h.interlaced(), h.palette(), h.paletteMode(), h.stripeRows(), planes, h.pixelCrc()), payloads);
        assertArrayEquals(LcCodec.decode(file, null, 1).raster().samples(),
                LcCodec.decode(shorter, null, 1).raster().samples());
    }

    /** Kept PNG chunks that would make a PNG our own reader refuses are a corrupt header. */
    @Test
    void keptChunksMustMakeAValidPng() {
        byte[] gama = {0, 0, (byte) 0xB1, (byte) 0x8F};
        io.lcompress.codec.image.PngChunk g0 = new io.lcompress.codec.image.PngChunk(0, "gAMA", gama);
        List<List<io.lcompress.codec.image.PngChunk>> bad = List.of(
                List.of(new io.lcompress.codec.image.PngChunk(0, "tRNS", new byte[6])),        // on RGBA
                List.of(g0, g0),                                                               // twice
                List.of(new io.lcompress.codec.image.PngChunk(2, "gAMA", gama)),               // after IDAT
                List.of(new io.lcompress.codec.image.PngChunk(2, "tEXt", new byte[]{'a', 0}), g0),  // out of order
                List.of(new io.lcompress.codec.image.PngChunk(0, "PLTE", new byte[4])));       // bad PLTE length
        for (List<io.lcompress.codec.image.PngChunk> chunks : bad) {
            LcHeader h = new LcHeader(4, 4, PngImage.RGBA, 8, false, null, 0, 4, List.of(
                    new PlaneHeader(PlaneHeader.MODEL, 0, 4, FAST.fingerprint(), "fast", new byte[4][], null, 0,
                            new byte[1], new int[1])), 0, chunks);
            byte[] file = LcFormat.write(h, List.of());
            FormatException e = assertThrows(FormatException.class, () -> LcFormat.read(file), chunks.toString());
            assertTrue(e.getMessage().contains("invalid PNG") || e.getMessage().contains("cannot be kept"),
                    e.getMessage());
        }
        // and the encoder refuses such chunks given in memory, before coding
        PngImage img = new PngImage(PngImage.RGBA, 8, false, new Raster(4, 4, 4), null, null, bad.get(1));
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> LcCodec.encode(img, FAST, 1));
        assertTrue(e.getCause().getMessage().contains("second gAMA"), e.getCause().getMessage());
        // in their places: fine
        LcHeader good = new LcHeader(4, 4, PngImage.RGB, 8, false, null, 0, 4, List.of(
                new PlaneHeader(PlaneHeader.MODEL, 0, 3, FAST.fingerprint(), "fast", new byte[3][], null, 0,
                        new byte[1], new int[1])), 0, List.of(g0, new io.lcompress.codec.image.PngChunk(0, "tRNS",
                new byte[6]), new io.lcompress.codec.image.PngChunk(2, "tEXt", new byte[]{'a', 0})));
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> LcFormat.read(LcFormat.write(good, List.of())));
    }
}
