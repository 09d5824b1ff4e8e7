package io.lcompress.codec.container;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.coding.StripeCoder;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.FastPixelModel;
import io.lcompress.codec.model.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken and hostile .lc files: always a FormatException, never another exception, hang or huge allocation. */
class HostileFileTest {
    static final FastPixelModel FAST = new FastPixelModel();

    /** A version 4 file (what the encoder writes). */
    static byte[] sample() {
        Raster r = TestImages.synthetic(40, 150, 3, 2);
        byte[] file = LcCodec.encode(r, PngImage.RGB, FAST, 1, 64, false).file();
        assertEquals(LcFormat.VERSION, file[2]);
        return file;
    }

    /**
     * {@code file} (version 4: one model plane coding all channels of {@code r}) with its plane coded with chroma
     * repeat version 1 in place of version 2, which only version 4 knows.
     */
    static byte[] withChromaV1(byte[] file, Raster r) throws FormatException {
        LcFormat.Parsed parsed = LcFormat.read(file);
        LcHeader h = parsed.header();
        ModelPlane m = h.mainPlane();
        assertEquals(List.of(m), h.planes());
        assertTrue(m.hasStage(ModelPlane.STAGE_CHROMA_SPIKES));
        int stages = m.stages() & ~ModelPlane.STAGE_CHROMA_SPIKES | ModelPlane.STAGE_CHROMA_REPEAT;
        Alphabet[] alphabets = new Alphabet[m.channels()];
        for (int c = 0; c < alphabets.length; c++) {
            byte[] mask = m.alphabetMasks() == null ? null : m.alphabetMasks()[c];
            alphabets[c] = mask == null ? Alphabet.FULL : Alphabet.fromMask(mask);
        }
        int stripes = m.stripes().count();
        int[] lengths = new int[stripes];
        List<byte[]> payloads = new ArrayList<>();
        for (int s = 0; s < stripes; s++) {
            int y0 = s * h.stripeRows();
            byte[] payload = StripeCoder.encode(r.rows(y0, Math.min(h.stripeRows(), h.height() - y0)), FAST, alphabets,
                    null, stages, null).payload();
            lengths[s] = payload.length;
            payloads.add(payload);
        }
        ModelPlane v1 = new ModelPlane(m.firstChannel(), m.channels(), m.fingerprint(), m.modelName(),
                m.alphabetMasks(), null, stages, new Stripes(lengths, new boolean[stripes]));
        return LcFormat.write(new LcHeader(h.width(), h.height(), h.colorType(), h.bitDepth(), h.interlaced(),
                h.palette(), h.paletteMode(), h.stripeRows(), List.of(v1), h.pixelCrc()), payloads);
    }

    /** The same file as version {@code version} (1 to 3): same planes and payload, the long header. */
    static byte[] sampleAs(int version) throws FormatException {
        byte[] file = withChromaV1(sample(), TestImages.synthetic(40, 150, 3, 2));
        LcFormat.Parsed p = LcFormat.read(file);
        byte[] v = LegacyFormat.write(p.header(), List.of(Arrays.copyOfRange(file, p.payloadOffset(), file.length)),
                version);
        assertEquals(version, LcFormat.read(v).version());
        return v;
    }

    /** {@code h} as format {@code version}: 4 the compact header, 1 to 3 the long one. */
    static byte[] write(LcHeader h, List<byte[]> payloads, int version) {
        return version == LcFormat.VERSION ? LcFormat.write(h, payloads) : LegacyFormat.write(h, payloads, version);
    }

    static ModelPlane model(int channels, long fingerprint, String name, int[] lengths) {
        return new ModelPlane(0, channels, fingerprint, name, null, null, 0,
                new Stripes(lengths, new boolean[lengths.length]));
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
    @Timeout(120)
    void everyTruncationIsRejected() throws Exception {
        for (byte[] file : List.of(sample(), sampleAs(3))) {
            for (int n = 0; n < file.length; n++) {
                byte[] cut = Arrays.copyOf(file, n);
                FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(cut, null, 1),
                        "version " + file[file[2] == 'C' ? 8 : 2] + ", length " + n);
                assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
            }
        }
    }

    @Test
    void wrongMagicVersionAndFlags() throws Exception {
        byte[] file = sample();
        byte[] m = file.clone();
        m[1] = 'X';
        assertThrows(FormatException.class, () -> LcCodec.decode(m, null, 1));
        // version 4: the version is byte 2, after 8A 4C
        for (int version : new int[]{LcFormat.VERSION + 1, 255}) {
            byte[] v = file.clone();
            v[2] = (byte) version;
            FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(v, null, 1));
            assertTrue(e.getMessage().contains("version " + version), e.getMessage());
            assertTrue(e.getMessage().contains("versions 1 to 4"), e.getMessage());
        }
        for (int version : new int[]{0, 1, 3}) {    // versions 1 to 3 never follow the short signature
            byte[] v = file.clone();
            v[2] = (byte) version;
            FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(v, null, 1));
            assertTrue(e.getMessage().contains("bad magic: version " + version), e.getMessage());
            assertTrue(e.getMessage().contains("long signature"), e.getMessage());
        }
        // versions 1 to 3: the 8-byte magic, then the version (byte 8) and the flags (byte 9)
        byte[] v3 = sampleAs(3);
        byte[] mv3 = v3.clone();
        mv3[5] = 'X';
        FormatException bad = assertThrows(FormatException.class, () -> LcCodec.decode(mv3, null, 1));
        assertTrue(bad.getMessage().contains("bad magic"), bad.getMessage());
        for (int version : new int[]{0, LcFormat.VERSION, 255}) {
            byte[] v = v3.clone();
            v[8] = (byte) version;
            FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(v, null, 1));
            assertTrue(e.getMessage().contains("version " + version), e.getMessage());
        }
        byte[] f = v3.clone();
        f[9] = 1;
        FormatException flags = assertThrows(FormatException.class, () -> LcCodec.decode(f, null, 1));
        assertTrue(flags.getMessage().contains("flags"), flags.getMessage());
        assertThrows(FormatException.class, () -> LcCodec.decode("hello, world".getBytes(), null, 1));
        assertThrows(FormatException.class, () -> LcCodec.decode(new byte[0], null, 1));
    }

    @Test
    void absurdDimensionsAreRejectedBeforeAllocating() {
        Raster r = TestImages.synthetic(3, 3, 3, 2);
        int[][] dims = {{Integer.MAX_VALUE, Integer.MAX_VALUE}, {0, 5}, {5, 0}, {-1, 5}, {1 << 24, 1 << 24},
                {1 << 16, 1 << 16}, {(1 << 24) + 1, 5}, {5, (1 << 24) + 1}};
        for (int version = 1; version <= LcFormat.VERSION; version++) {
            for (int[] d : dims) {
                if (version == LcFormat.VERSION && (d[0] < 1 || d[1] < 1)) {
                    continue;                       // version 4 stores width - 1 and height - 1, unsigned
                }
                LcHeader h = header(d[0], d[1], 1, new int[]{0});
                byte[] file = write(h, List.of(new byte[0]), version);
                assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1),
                        "version " + version + " " + Arrays.toString(d));
            }
            // a header that is consistent and checksummed but whose payload is garbage
            LcHeader h = header(3, 3, 3, new int[]{4});
            byte[] file = write(h, List.of(new byte[]{1, 2, 3, 4}), version);
            assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1), "version " + version);
        }
        decodeOrReject(LcCodec.encode(r, PngImage.RGB, FAST, 1).file(), r);
    }

    static LcHeader header(int w, int h, int stripeRows, int[] lengths) {
        return new LcHeader(w, h, PngImage.RGB, 8, false, null, 0, stripeRows,
                List.of(model(3, FAST.fingerprint(), "fast", lengths)), 0);
    }

    /** Versions 2 and 3: a tools byte with a bit this lcompress does not know is refused as a newer file's. */
    @Test
    void unknownCodingToolsAreRefused() throws Exception {
        LcHeader h = header(40, 150, 64, new int[]{10, 10, 10});
        ModelPlane p = h.mainPlane();
        LcHeader chroma = new LcHeader(40, 150, PngImage.RGB, 8, false, null, 0, 64, List.of(new ModelPlane(0, 3,
                p.fingerprint(), p.modelName(), null, null, ModelPlane.STAGE_CHROMA_REPEAT, p.stripes())), 0);
        for (int version : new int[]{2, 3}) {
            byte[] plain = LegacyFormat.write(h, List.of(new byte[30]), version);
            byte[] f2 = LegacyFormat.write(chroma, List.of(new byte[30]), version);
            assertEquals(ModelPlane.STAGE_CHROMA_REPEAT, LcFormat.read(f2).header().mainPlane().stages());
            LcHeader spikes = new LcHeader(40, 150, PngImage.RGB, 8, false, null, 0, 64, List.of(new ModelPlane(0, 3,
                    p.fingerprint(), p.modelName(), null, null, ModelPlane.STAGE_CHROMA_SPIKES, p.stripes())), 0);
            int v = version;
            assertThrows(IllegalArgumentException.class,
                    () -> LegacyFormat.write(spikes, List.of(new byte[30]), v), "chroma repeat version 2 needs version 4");
            LcHeader near = new LcHeader(40, 150, PngImage.RGB, 8, false, null, 0, 64, List.of(new ModelPlane(0, 3,
                    p.fingerprint(), p.modelName(), null, null, ModelPlane.STAGE_CHROMA_NEAR_SPIKES, p.stripes())), 0);
            assertThrows(IllegalArgumentException.class,
                    () -> LegacyFormat.write(near, List.of(new byte[30]), v), "chroma repeat version 3 needs version 4");
            int headerLength = f2.length - 30;
            int tools = -1;
            for (int i = 0; i < headerLength - 4; i++) {
                if (plain[i] != f2[i]) {
                    assertEquals(-1, tools, "one byte differs");
                    tools = i;
                }
            }
            f2[tools] = (byte) (0x40 | LegacyFormat.TOOL_CHROMA_REPEAT);
            CRC32C crc = new CRC32C();
            crc.update(f2, 0, headerLength - 4);
            java.nio.ByteBuffer.wrap(f2).putInt(headerLength - 4, (int) crc.getValue());
            FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(f2, null, 1));
            assertTrue(e.getMessage().contains("coding tools") && e.getMessage().contains("newer lcompress"),
                    e.getMessage());
        }
    }

    @Test
    void unknownModelIsNamed() {
        for (int version = 1; version <= LcFormat.VERSION; version++) {
            LcHeader h2 = new LcHeader(40, 150, PngImage.RGB, 8, false, null, 0, 64,
                    List.of(model(3, 0xdeadbeefL, "mystery", new int[]{10, 10, 10})), 0);
            byte[] f2 = write(h2, List.of(new byte[30]), version);
            FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(f2, null, 1));
            assertTrue(e.getMessage().contains("mystery") && e.getMessage().contains("deadbeef"), e.getMessage());
        }
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
     * are all empty, written as format {@code version} (1 to 3 the long header, 4 the compact one).
     */
    static byte[] emptyStripes(int width, int height, int colorType, int bitDepth, int version, int planeChannels,
                               long fingerprint, String modelName) {
        int stripeRows = LcCodec.defaultStripeRows(height);
        int stripes = LcHeader.stripesFor(height, stripeRows);
        List<Plane> planes = new ArrayList<>();
        planes.add(new ModelPlane(0, planeChannels, fingerprint, modelName, null, null, 0, Stripes.empty(stripes)));
        if (bitDepth == 16) {
            // version 4 codes the low bytes predicted (kind 5), versions 1 to 3 with the context tree
            planes.add(new LowBytePlane(version == LcFormat.VERSION, planeChannels, Stripes.empty(stripes)));
        }
        LcHeader h = new LcHeader(width, height, colorType, bitDepth, false, null, 0, stripeRows, planes, 0x1234);
        return write(h, List.of(), version);
    }

    /** Crafted files of 50-200 bytes claiming 8192^2 to 26754^2 pixels (fuzz campaign): refused, quickly. */
    @org.junit.jupiter.params.ParameterizedTest(name = "version {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 3, 4})
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

    /** Version 3 bounds a stripe to MAX_STRIPE_PIXELS, so a decoder's memory is a few stripes; so does 4. */
    @Test
    void version3StripesAreBounded() throws Exception {
        assertEquals(64, LcCodec.defaultStripeRows(40_000, 1100));
        assertEquals(16, LcCodec.defaultStripeRows(1 << 20, 100));
        for (int[] wh : new int[][]{{40_000, 1100}, {1 << 20, 100}, {1 << 24, 3}, {3, 1 << 24}, {100, 100}}) {
            long rows = LcCodec.defaultStripeRows(wh[0], wh[1]);
            assertTrue(rows >= 1 && rows * wh[0] <= LcFormat.MAX_STRIPE_PIXELS, wh[0] + "x" + wh[1]);
            // version 4 stores the stripe height only when it is not this one: the two must agree
            assertEquals(rows, StripePlan.defaultRows(wh[0], wh[1]), wh[0] + "x" + wh[1]);
        }
        LcHeader h = new LcHeader(8192, 4096, PngImage.GRAY, 8, false, null, 0, 4096,
                List.of(model(1, FAST.fingerprint(), "fast", new int[1])), 0);
        byte[] one = LegacyFormat.write(h, List.of(), 3);          // one stripe of 8192 x 4096 pixels
        FormatException e = assertThrows(FormatException.class, () -> LcFormat.read(one));
        assertTrue(e.getMessage().contains("exceed"), e.getMessage());
        byte[] one4 = LcFormat.write(h, List.of());
        e = assertThrows(FormatException.class, () -> LcFormat.read(one4));
        assertTrue(e.getMessage().contains("stripe rows 4096"), e.getMessage());
        assertEquals(2, LcFormat.read(LegacyFormat.write(h, List.of(), 2)).version());   // version 2 had no such bound
        for (int version : new int[]{3, 4}) {
            byte[] file = emptyStripes(4096, 4096, PngImage.GRAY, 8, version, 1, FAST.fingerprint(), "fast");
            e = assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1));   // all-zero image
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        }
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

    /**
     * Version 3 streams end where their last symbol does: a short or padded stripe is corrupt at once.
     * So do version 4's (whose last stripe's length is the rest of the file).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "version {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {3, 4})
    void version3StreamsEndStrictly(int version) throws Exception {
        Raster r = TestImages.synthetic(40, 150, 3, 2);
        byte[] file = LcCodec.encode(r, PngImage.RGB, FAST, 1, 150, false).file();
        if (version < 4) {
            file = withChromaV1(file, r);
        }
        LcFormat.Parsed parsed = LcFormat.read(file);
        assertEquals(4, parsed.version());
        LcHeader h = parsed.header();
        ModelPlane p = h.mainPlane();
        assertEquals(1, h.planes().size(), h.planes().toString());
        assertFalse(p.stripes().raw()[0]);
        int length = p.stripes().lengths()[0];
        // the stripe cut to half its length, the header saying so (checksums valid)
        LcHeader cutHeader = new LcHeader(h.width(), h.height(), h.colorType(), h.bitDepth(), h.interlaced(),
                h.palette(), h.paletteMode(), h.stripeRows(),
                List.of(p.withStripes(new Stripes(new int[]{length / 2}, new boolean[1]))), h.pixelCrc());
        byte[] cut = write(cutHeader, List.of(Arrays.copyOfRange(file, parsed.payloadOffset(),
                parsed.payloadOffset() + length / 2)), version);
        FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(cut, null, 1));
        assertTrue(e.getMessage().contains("ends before its last symbol"), e.getMessage());
        // the stripe with bytes appended that no symbol reads
        LcHeader longHeader = new LcHeader(h.width(), h.height(), h.colorType(), h.bitDepth(), h.interlaced(),
                h.palette(), h.paletteMode(), h.stripeRows(),
                List.of(p.withStripes(new Stripes(new int[]{length + 16}, new boolean[1]))), h.pixelCrc());
        byte[] padded = Arrays.copyOfRange(file, parsed.payloadOffset(), parsed.payloadOffset() + length + 16);
        Arrays.fill(padded, length, padded.length, (byte) 0x5A);
        byte[] pad = write(longHeader, List.of(padded), version);
        e = assertThrows(FormatException.class, () -> LcCodec.decode(pad, null, 1));
        assertTrue(e.getMessage().contains("unused bytes"), e.getMessage());
    }

    /**
     * The strict end counts only zeros read while the stream is not exhausted: the black tail of a
     * version 3 fixture, all its trailing zeros stripped, still decodes to the same pixels (exhausted
     * after its last byte). RangeCoderTest.zerosReadAfterExhaustionAreNotCounted checks the same rule
     * symbol by symbol, without the fill.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "rewritten as version {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {3, 4})
    void zerosAfterExhaustionAreFree(int version) throws Exception {
        byte[] file = java.nio.file.Files.readAllBytes(TestImages.testdata().resolve(
                "format-v3/grey-as-rgb-black-tail.default.lc"));
        LcFormat.Parsed parsed = LcFormat.read(file);
        assertEquals(3, parsed.version());
        LcHeader h = parsed.header();
        List<Plane> planes = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        int off = parsed.payloadOffset();
        int stripped = 0;
        for (Plane p : h.planes()) {
            if (p.stripes() == null) {
                planes.add(p);
                continue;
            }
            int[] lengths = p.stripes().lengths().clone();
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
            Stripes st = new Stripes(lengths, p.stripes().raw().clone());
            planes.add(p instanceof ModelPlane m ? m.withStripes(st) : ((LowBytePlane) p).withStripes(st));
        }
        assertTrue(stripped > 50, stripped + " zeros");
        byte[] shorter = write(new LcHeader(h.width(), h.height(), h.colorType(), h.bitDepth(),
                h.interlaced(), h.palette(), h.paletteMode(), h.stripeRows(), planes, h.pixelCrc(), h.chunks()),
                payloads, version);
        assertEquals(version, LcFormat.read(shorter).version());
        assertArrayEquals(LcCodec.decode(file, null, 1).raster().samples(),
                LcCodec.decode(shorter, null, 1).raster().samples());
    }

    static List<KeptChunk> kept(List<io.lcompress.codec.image.PngChunk> chunks) {
        return chunks.stream().map(c -> new KeptChunk(c.position(), c.type(), c.data())).toList();
    }

    /**
     * Kept PNG chunks that would make a PNG our own reader refuses are a corrupt header (the decoder's
     * semantic check, after the container has read the header).
     */
    @Test
    void keptChunksMustMakeAValidPng() throws Exception {
        byte[] gama = {0, 0, (byte) 0xB1, (byte) 0x8F};
        io.lcompress.codec.image.PngChunk g0 = new io.lcompress.codec.image.PngChunk(0, "gAMA", gama);
        List<List<io.lcompress.codec.image.PngChunk>> bad = List.of(
                List.of(new io.lcompress.codec.image.PngChunk(0, "tRNS", new byte[6])),        // on RGBA
                List.of(g0, g0),                                                               // twice
                List.of(new io.lcompress.codec.image.PngChunk(2, "gAMA", gama)),               // after IDAT
                List.of(new io.lcompress.codec.image.PngChunk(2, "tEXt", new byte[]{'a', 0}), g0),  // out of order
                List.of(new io.lcompress.codec.image.PngChunk(0, "PLTE", new byte[4])));       // bad PLTE length
        for (int version : new int[]{3, 4}) {
            for (List<io.lcompress.codec.image.PngChunk> chunks : bad) {
                LcHeader h = new LcHeader(4, 4, PngImage.RGBA, 8, false, null, 0, 4,
                        List.of(model(4, FAST.fingerprint(), "fast", new int[1])), 0, kept(chunks));
                byte[] file = write(h, List.of(), version);
                assertEquals(kept(chunks), LcFormat.read(file).header().chunks());   // the container keeps them
                FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1),
                        chunks.toString());
                assertTrue(e.getMessage().contains("invalid PNG") || e.getMessage().contains("cannot be kept"),
                        e.getMessage());
            }
        }
        // and the encoder refuses such chunks given in memory, before coding
        PngImage img = new PngImage(PngImage.RGBA, 8, false, new Raster(4, 4, 4), null, null, bad.get(1));
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> LcCodec.encode(img, FAST, 1));
        assertTrue(e.getCause().getMessage().contains("second gAMA"), e.getCause().getMessage());
        // in their places: fine (the file then fails on its empty payload, not on its chunks)
        for (int version : new int[]{3, 4}) {
            LcHeader good = new LcHeader(4, 4, PngImage.RGB, 8, false, null, 0, 4,
                    List.of(model(3, FAST.fingerprint(), "fast", new int[1])), 0, kept(List.of(g0,
                    new io.lcompress.codec.image.PngChunk(0, "tRNS", new byte[6]),
                    new io.lcompress.codec.image.PngChunk(2, "tEXt", new byte[]{'a', 0}))));
            byte[] file = write(good, List.of(), version);
            org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> LcFormat.read(file));
            FormatException later = assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1));
            assertFalse(later.getMessage().contains("PNG chunks"), later.getMessage());
        }
    }

    // ---------------------------------------------------------------- version 4 (the compact header)

    /** A small real version 4 file, from the encoder. */
    static byte[] smallV4() {
        Raster r = TestImages.synthetic(12, 10, 3, 5);
        byte[] file = LcCodec.encode(r, PngImage.RGB, ModelRegistry.fast(), 1).file();
        assertEquals(LcFormat.VERSION, file[2]);
        return file;
    }

    /** Header fields after {@code 8A 4C 04}, written by hand. */
    static final class Fields {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Fields u8(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Fields varint(long v) {
            while (v >= 0x80) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        /** The file: magic, version, these fields, a pixel CRC of 0, the header check, then the payload. */
        byte[] file(byte[] payload) {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.writeBytes(new byte[]{(byte) 0x8A, 'L', 4});
            f.writeBytes(out.toByteArray());
            f.writeBytes(new byte[4]);
            CRC32C crc = new CRC32C();
            crc.update(f.toByteArray());
            f.write((int) crc.getValue() & 0xFF);
            f.writeBytes(payload);
            return f.toByteArray();
        }
    }

    /** 4 x {@code height} RGB, 8-bit; the image byte's bit 7 when {@code flags} follow. */
    static Fields rgb(int height, int flags) {
        Fields f = new Fields().u8(PngImage.RGB | 3 << 3 | (flags != 0 ? 0x80 : 0)).varint(3).varint(height - 1);
        return flags != 0 ? f.varint(flags) : f;
    }

    /** A model plane of channels 0-2 with the built-in fast model (id 1) and {@code options}. */
    static Fields fastPlane(Fields f, int options) {
        return f.u8(Plane.MODEL | 2 << 5, 1).varint(options);
    }

    /** The reader refuses {@code file} with a one-line message containing {@code expected}, and so does decode. */
    static void refused(byte[] file, String expected) {
        FormatException e = assertThrows(FormatException.class, () -> LcFormat.read(file), expected);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1));
    }

    @Test
    void handWrittenHeadersAreWhatTheWriterWrites() throws Exception {
        // the hand-written layout agrees with the format: 4 x 4 RGB, the fast model, one 5-byte stripe
        byte[] file = fastPlane(rgb(4, 0), 0).file(new byte[5]);
        assertEquals(14, file.length - 5, "a 14-byte header");
        LcFormat.Parsed p = LcFormat.read(file);
        assertEquals(4, p.version());
        assertEquals(14, p.payloadOffset());
        assertArrayEquals(new int[]{13, 1}, LcFormat.headerCheck(file));
        ModelPlane m = p.header().mainPlane();
        assertEquals(FAST.fingerprint(), m.fingerprint());
        assertEquals(new Stripes(new int[]{5}, new boolean[]{false}), m.stripes());
        assertArrayEquals(file, LcFormat.write(p.header(), List.of(new byte[5])));
        // a stripe is raw exactly when its length is rows x width x channels
        LcFormat.Parsed raw = LcFormat.read(fastPlane(rgb(4, 0), 0).file(new byte[48]));
        assertTrue(raw.header().mainPlane().stripes().raw()[0]);
        // and versions 1 to 3 have a 4-byte check
        byte[] v3 = sampleAs(3);
        int[] check = LcFormat.headerCheck(v3);
        assertEquals(4, check[1]);
        assertEquals(LcFormat.read(v3).payloadOffset() - 4, check[0]);
    }

    /** Every prefix of a real version 4 file: the last stripe's length comes from the file's end. */
    @Test
    @Timeout(120)
    void everyTruncationOfAVersion4FileIsRejected() {
        byte[] file = smallV4();
        for (int n = 0; n < file.length; n++) {
            byte[] cut = Arrays.copyOf(file, n);
            FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(cut, null, 1),
                    "length " + n);
            assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
        }
    }

    /**
     * Every change of every header byte (each bit, and all of it): refused, mostly by the parser or the
     * one-byte header check; where the check happens to collide, the decoder still throws nothing but
     * FormatException (or decodes the same pixels, for a change that changes nothing).
     */
    @Test
    @Timeout(120)
    void everyHeaderByteFlipIsRejected() throws Exception {
        Raster r = TestImages.synthetic(12, 10, 3, 5);
        byte[] file = smallV4();
        int header = LcFormat.read(file).payloadOffset();
        int collisions = 0;
        for (int i = 0; i < header; i++) {
            for (int x : new int[]{1, 2, 4, 8, 16, 32, 64, 128, 255}) {
                byte[] m = file.clone();
                m[i] ^= (byte) x;
                try {
                    LcFormat.read(m);
                    collisions++;
                } catch (FormatException e) {
                    assertFalse(e.getMessage().isBlank() || e.getMessage().contains("\n"), e.getMessage());
                }
                decodeOrReject(m, r);
            }
        }
        assertTrue(collisions < header * 9 / 16, collisions + " of " + header * 9 + " changes read");
    }

    @Test
    void varintsMustBeInShortestForm() throws Exception {
        assertTrue(LcFormat.read(fastPlane(rgb(4, 0), 0).file(new byte[5])).header() != null);
        // width - 1 = 3 as 83 00
        refused(new Fields().u8(PngImage.RGB | 3 << 3, 0x83, 0x00, 3).u8(Plane.MODEL | 2 << 5, 1, 0)
                .file(new byte[5]), "width - 1: varint not in its shortest form");
        // options 0 as 80 00
        refused(new Fields().u8(PngImage.RGB | 3 << 3, 3, 3).u8(Plane.MODEL | 2 << 5, 1, 0x80, 0x00)
                .file(new byte[5]), "model plane options: varint not in its shortest form");
        // a varint of six bytes
        refused(new Fields().u8(PngImage.RGB | 3 << 3, 0x83, 0x80, 0x80, 0x80, 0x80, 0x00)
                .file(new byte[5]), "varint too long");
    }

    @Test
    void unknownFlagsKindsAndModelsAreRefused() throws Exception {
        // flag bit 3 (transposed) is known since 2026-12-03; bit 4 is not
        refused(fastPlane(rgb(4, 16), 0).file(new byte[5]), "flags 16 (at most 15)");
        refused(fastPlane(rgb(4, 0x40), 0).file(new byte[5]), "flags 64 (at most 15)");
        refused(fastPlane(new Fields().u8(PngImage.RGB | 3 << 3 | 0x80, 3, 3, 0), 0).file(new byte[5]),
                "empty flags");
        for (int kind : new int[]{6, 7}) {
            refused(new Fields().u8(PngImage.RGB | 3 << 3, 3, 3).u8(kind | 2 << 5, 1, 0).file(new byte[5]),
                    "unsupported plane kind " + kind + " (a newer lcompress wrote this file");
        }
        refused(new Fields().u8(PngImage.RGB | 3 << 3, 3, 3).u8(0x80 | 2 << 5, 1, 0).file(new byte[5]),
                "plane byte");
        int unknown = BuiltInModels.TABLE.stream().mapToInt(BuiltInModels.Id::id).max().orElseThrow() + 1;
        for (int id : new int[]{unknown, 255}) {
            byte[] file = new Fields().u8(PngImage.RGB | 3 << 3, 3, 3).u8(Plane.MODEL | 2 << 5, id, 0)
                    .file(new byte[5]);
            refused(file, "built-in model number " + id);
            refused(file, "a newer lcompress wrote it");
        }
        // options bit 7 is CDF calibration, bit 8 the colour histogram (with a colour set only), bits 9 and 10
        // chroma repeat versions 2 and 3 (2026-12-03: colour planes without a colour set, one version at
        // most), bit 11 CDF calibration version 2 (2026-12-04: never with version 1); the next stage bit, 12,
        // is unknown
        refused(fastPlane(rgb(4, 0), 0x1000).file(new byte[5]), "a newer lcompress wrote this file");
        assertEquals(ModelPlane.STAGE_CDF_CALIBRATION_2,
                LcFormat.read(fastPlane(rgb(4, 0), 0x800).file(new byte[5])).header().mainPlane().stages());
        refused(fastPlane(rgb(4, 0), 0x880).file(new byte[5]), "two versions of CDF calibration");
        assertEquals(ModelPlane.STAGE_CHROMA_NEAR_SPIKES,
                LcFormat.read(fastPlane(rgb(4, 0), 0x400).file(new byte[5])).header().mainPlane().stages());
        refused(fastPlane(rgb(4, 0), 0x600).file(new byte[5]), "two versions of chroma repeat");
        refused(fastPlane(rgb(4, 0), 0x401).file(new byte[5]), "two versions of chroma repeat");
        refused(fastPlane(rgb(4, 0), 0x404).file(new byte[5]), "chroma repeat on 3 channels with a colour set");
        refused(fastPlane(rgb(4, 0), 0x100).file(new byte[5]), "colour options 256");
        assertEquals(ModelPlane.STAGE_CHROMA_SPIKES,
                LcFormat.read(fastPlane(rgb(4, 0), 0x200).file(new byte[5])).header().mainPlane().stages());
        refused(fastPlane(rgb(4, 0), 0x201).file(new byte[5]), "two versions of chroma repeat");
        refused(fastPlane(rgb(4, 0), 0x204).file(new byte[5]), "chroma repeat on 3 channels with a colour set");
        // chroma repeat (bit 0) with a colour set (bit 2): version 4 refuses the pair
        refused(fastPlane(rgb(4, 0), 5).file(new byte[5]), "chroma repeat on 3 channels with a colour set");
        // the image byte: a bit depth of 2^5, a colour type 7
        refused(new Fields().u8(PngImage.RGB | 5 << 3, 3, 3).file(new byte[0]), "bit depth");
        refused(new Fields().u8(7 | 3 << 3, 3, 3).file(new byte[0]), "colour type 7");
    }

    @Test
    void transposedFilesAreBoundedAndNeverPngStreams() throws Exception {
        // 4 x 6 coded, transposed: the PNG is 6 x 4
        LcHeader h = LcFormat.read(fastPlane(rgb(6, 8), 0).file(new byte[5])).header();
        assertTrue(h.transposed());
        assertEquals(4, h.width());
        assertEquals(6, h.pngWidth());
        assertEquals(4, h.pngHeight());
        assertEquals(6, h.presented().width());
        assertFalse(h.presented().transposed());
        // a PNG stream is the PNG's own data: never transposed
        refused(new Fields().u8(PngImage.RGB | 3 << 3 | 0x80).varint(3).varint(3).varint(8 | 4).file(new byte[5]),
                "a transposed PNG stream");
        // its decoder holds the whole image: at most 2^24 pixels (4096 x 4097 is one row too many)
        refused(fastPlane(new Fields().u8(PngImage.RGB | 3 << 3 | 0x80).varint(4095).varint(4096).varint(8), 0)
                .file(new byte[5]), "a transposed image of 4096x4097 pixels");
    }

    @Test
    void stripeLongerThanItsSamplesIsRefused() throws Exception {
        // 4 x 8 RGB in stripes of 4 rows (48 samples each): the table holds the first stripe's length
        byte[] fine = fastPlane(rgb(8, 1).varint(4), 0).varint(48).file(new byte[60]);
        Stripes st = LcFormat.read(fine).header().mainPlane().stripes();
        assertEquals(new Stripes(new int[]{48, 12}, new boolean[]{true, false}), st);
        refused(fastPlane(rgb(8, 1).varint(4), 0).varint(49).file(new byte[60]),
                "stripe of 49 bytes, more than its 48 samples");
        refused(fastPlane(rgb(8, 1).varint(4), 0).varint(Integer.MAX_VALUE).file(new byte[60]), "truncated");
        refused(fastPlane(rgb(8, 1).varint(4), 0).varint(61).file(new byte[60]), "truncated");
        // the default height (8 rows) stored as if it were not: one layout per header
        refused(fastPlane(rgb(8, 1).varint(8), 0).file(new byte[60]), "stripe rows 8");
        refused(fastPlane(rgb(8, 1).varint(0), 0).file(new byte[60]), "stripe rows 0");
    }

    @Test
    void bytesAfterThePayloadAreRefused() {
        // the last stripe (the rest of the file) longer than its 48 samples
        refused(fastPlane(rgb(4, 0), 0).file(new byte[49]), "1 unexpected bytes after the payload");
        refused(fastPlane(rgb(8, 1).varint(4), 0).varint(10).file(new byte[10 + 48 + 7]),
                "7 unexpected bytes after the payload");
        // a grey image that is one constant plane has no payload at all
        Fields constant = new Fields().u8(PngImage.GRAY | 3 << 3, 3, 3).u8(Plane.CONSTANT, 7);
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> LcFormat.read(constant.file(new byte[0])));
        refused(new Fields().u8(PngImage.GRAY | 3 << 3, 3, 3).u8(Plane.CONSTANT, 7).file(new byte[3]),
                "3 unexpected bytes after the header");
    }

    /** Packed blocks that declare a huge size from few deflated bytes are refused before allocating it. */
    @Test
    @Timeout(10)
    void packedBlocksCannotClaimMoreThanTheirBytesMake() {
        // palette: its own bound (2 + 4 x 256 bytes), stored or deflated
        Fields palette = new Fields().u8(PngImage.PALETTE | 3 << 3, 3, 3).varint((1L << 31) - 1);
        refused(palette.file(new byte[0]), "palette of 1073741823 bytes (at most 1026)");
        refused(new Fields().u8(PngImage.PALETTE | 3 << 3, 3, 3).varint(1026L << 1 | 1).varint(0)
                .file(new byte[0]), "palette: 0 deflated bytes cannot make 1026");
        // alphabets (a mask on channel 0): 2 deflated bytes cannot make 40000
        refused(fastPlane(rgb(4, 0), 1 << 3).varint(40_000L << 1 | 1).varint(2).u8(0, 0).file(new byte[5]),
                "alphabets: 2 deflated bytes cannot make 40000");
        refused(fastPlane(rgb(4, 0), 1 << 3).varint(1_000_000L << 1).file(new byte[5]),
                "alphabets of 1000000 bytes");
        // kept chunks: within their bound of 2^28 bytes, but not from 4 deflated bytes; beyond it
        refused(fastPlane(rgb(4, 2), 0).varint((1L << 28) << 1 | 1).varint(4).u8(1, 2, 3, 4).file(new byte[5]),
                "chunks: 4 deflated bytes cannot make 268435456");
        refused(fastPlane(rgb(4, 2), 0).varint(((1L << 28) + 1) << 1 | 1).varint(4).u8(1, 2, 3, 4)
                .file(new byte[5]), "chunks of 268435457 bytes");
        // a deflate stream that makes fewer bytes than declared, or more
        byte[] chunk = {0, 't', 'E', 'X', 't', 2, 'a', 0};
        for (int declared : new int[]{chunk.length - 1, chunk.length + 1}) {
            byte[] d = deflate(chunk);
            refused(fastPlane(rgb(4, 2), 0).varint((long) declared << 1 | 1).varint(d.length).u8(unsigned(d))
                    .file(new byte[5]), "deflate data does not make exactly " + declared);
        }
        byte[] d = deflate(chunk);
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> LcFormat.read(fastPlane(rgb(4, 2), 0)
                .varint((long) chunk.length << 1 | 1).varint(d.length).u8(unsigned(d)).file(new byte[5])));
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(9, true);
        d.setInput(data);
        d.finish();
        byte[] out = new byte[data.length + 64];
        int n = d.deflate(out);
        d.end();
        return Arrays.copyOf(out, n);
    }

    static int[] unsigned(byte[] b) {
        int[] u = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            u[i] = b[i] & 0xFF;
        }
        return u;
    }

    /** An image stored as the PNG's deflate stream: every change of the stream is caught. */
    @Test
    @Timeout(120)
    void corruptPngStreamsAreRejected() throws Exception {
        // a noise tile repeated: deflate finds the repeats, the pixel model cannot
        Raster tile = TestImages.noise(8, 8, 3, 7);
        Raster r = new Raster(64, 64, 3);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                System.arraycopy(tile.samples(), ((y % 8) * 8 + x % 8) * 3, r.samples(), (y * 64 + x) * 3, 3);
            }
        }
        byte[] file = LcCodec.encode(r, PngImage.RGB, ModelRegistry.fast(), 1).file();
        LcFormat.Parsed p = LcFormat.read(file);
        assertTrue(p.header().isPngStream(), "stored as a PNG stream");
        assertTrue(p.header().planes().isEmpty());
        assertArrayEquals(r.samples(), LcCodec.decode(file, null, 1).raster().samples());
        List<String> harmless = new ArrayList<>();
        for (int i = p.payloadOffset(); i < file.length; i++) {
            for (int x : new int[]{1, 0x80, 0xFF}) {
                byte[] m = file.clone();
                m[i] ^= (byte) x;
                try {
                    LcCodec.Decoded d = LcCodec.decode(m, null, 1);
                    // only a change nothing reads: the unused high bits of the last deflate byte
                    assertArrayEquals(r.samples(), d.raster().samples(), "byte " + i + " ^ " + x);
                    harmless.add((file.length - i) + " ^ " + x);
                } catch (FormatException expected) {
                    assertFalse(expected.getMessage().contains("\n"), expected.getMessage());
                }
            }
        }
        assertTrue(harmless.stream().allMatch(h -> h.startsWith("5 ")), "harmless changes (from the end) " + harmless);
        // bytes after the stream, and a stream that is no stream
        byte[] longer = Arrays.copyOf(file, file.length + 3);
        FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(longer, null, 1));
        assertTrue(e.getMessage().contains("PNG stream"), e.getMessage());
        byte[] garbage = rgb(4, 4).file(new byte[]{0x12, 0x34, 0x56, 0x78, (byte) 0x9A});
        e = assertThrows(FormatException.class, () -> LcCodec.decode(garbage, null, 1));
        assertTrue(e.getMessage().startsWith("corrupt PNG stream") || e.getMessage().startsWith("truncated PNG stream"),
                e.getMessage());
        refused(rgb(4, 4 | 1).varint(2).file(new byte[0]), "stripe rows for a PNG stream");
    }

    @Test
    void version5IsNamedUnsupported() {
        byte[] file = smallV4();
        file[2] = 5;
        FormatException e = assertThrows(FormatException.class, () -> LcCodec.decode(file, null, 1));
        assertTrue(e.getMessage().contains("unsupported .lc format version 5")
                && e.getMessage().contains("versions 1 to 4"), e.getMessage());
    }
}
