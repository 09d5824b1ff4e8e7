package io.lcompress.codec.fuzz;

import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.LowBytePlane;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.container.Plane;
import io.lcompress.codec.container.Stripes;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes the committed fuzz seeds and regression inputs (it is how they were made; the files
 * themselves are committed). Runs only when asked:
 * {@code mvn -pl codec test -Dtest=RegressionInputsGenerator -Dlcompress.writeFuzzInputs=true}
 * (with {@code -Dlcompress.pngsuite=DIR} for the PngSuite seeds, default ../testdata/pngsuite).
 */
@EnabledIfSystemProperty(named = "lcompress.writeFuzzInputs", matches = "true")
class RegressionInputsGenerator {
    static final Path RESOURCES = Path.of("src/test/resources/io/lcompress/codec/fuzz");
    static final Path DECODE = RESOURCES.resolve("LcDecoderFuzzTestInputs/decode");
    static final Path READ_PNG = RESOURCES.resolve("PngReaderFuzzTestInputs/readPng");
    static final Path ROUND_TRIP = RESOURCES.resolve("RoundTripFuzzTestInputs/roundTrip");

    static final PixelModel FAST = ModelRegistry.fast();

    @Test
    void write() throws Exception {
        lcSeeds();
        lcReproducers();
        pngSeeds();
        pngReproducers();
        roundTripInputs();
    }

    // ---------------------------------------------------------------- .lc decoder

    void lcSeeds() throws IOException {
        Path seeds = DECODE.resolve("seeds");
        Path testdata = Path.of("../testdata");
        for (String f : List.of("format-v2/grey-as-rgb-black-tail.default.lc", "format-v2/palette4-trns-interlaced.default.lc",
                "format-v2/rgba16.default.lc")) {
            copy(testdata.resolve(f), seeds.resolve("v2-" + Path.of(f).getFileName()));
        }
        for (Named n : tinyImages()) {
            // version 4 since the compact header; the committed seeds without the prefix are version 3
            put(seeds.resolve("v4-" + n.name() + ".fast.lc"), LcCodec.encode(n.image(), FAST, 1).file());
        }
    }

    record Named(String name, PngImage image) {
    }

    /** Small images of several kinds, for .lc and round-trip seeds. */
    static List<Named> tinyImages() {
        List<Named> out = new ArrayList<>();
        out.add(new Named("rgb8-12x9-gradient", gradient(12, 9, PngImage.RGB, 8, false, null)));
        out.add(new Named("grey1-13x5", gradient(13, 5, PngImage.GRAY, 1, false, null)));
        out.add(new Named("grey16-6x7-interlaced", gradient(6, 7, PngImage.GRAY, 16, true, null)));
        out.add(new Named("greyalpha8-7x5", gradient(7, 5, PngImage.GRAY_ALPHA, 8, false, null)));
        out.add(new Named("rgba16-5x4", gradient(5, 4, PngImage.RGBA, 16, false, null)));
        out.add(new Named("palette4-trns-9x9", gradient(9, 9, PngImage.PALETTE, 4, false,
                new int[]{0xFF000000, 0x00FF00FF, 0x0000FF80, 0x12345600, 0x808080FF})));
        out.add(new Named("palette2-duplicates-8x3", gradient(8, 3, PngImage.PALETTE, 2, false,
                new int[]{0xFF0000FF, 0x00FF00FF, 0xFF0000FF})));
        return out;
    }

    static PngImage gradient(int w, int h, int colorType, int depth, boolean interlaced, int[] palette) {
        int channels = FuzzImages.channels(colorType);
        int max = palette != null ? palette.length - 1 : (1 << depth) - 1;
        int[] s = new int[w * h * channels];
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    s[i++] = (int) ((long) (x * 7 + y * 5 + c * 11) * max / (w * 7 + h * 5 + channels * 11)) % (max + 1);
                }
            }
        }
        return FuzzImages.build(w, h, colorType, depth, interlaced, s, palette);
    }

    void lcReproducers() throws IOException {
        Path dir = DECODE.resolve("regression");
        long fast = FAST.fingerprint();
        // huge claimed sizes with a valid header CRC: today out of memory or minutes of decoding
        put(dir.resolve("v4-huge-rgb-8192x8192-one-empty-stripe.lc"),
                lc(8192, 8192, PngImage.RGB, 8, 8192, List.of(model(0, 3, fast, "fast", 1)), 0));
        put(dir.resolve("v4-huge-rgb-8192x8192-16-empty-stripes.lc"),
                lc(8192, 8192, PngImage.RGB, 8, 512, List.of(model(0, 3, fast, "fast", 16)), 0));
        put(dir.resolve("v4-huge-grey-16384x16384-empty-stripe.lc"),
                lc(16384, 16384, PngImage.GRAY, 8, 16384, List.of(model(0, 1, fast, "fast", 1)), 0));
        put(dir.resolve("v4-huge-grey-32768x32768-empty-stripe.lc"),
                lc(32768, 32768, PngImage.GRAY, 8, 32768, List.of(model(0, 1, fast, "fast", 1)), 0));
        put(dir.resolve("v4-huge-rgb-16777216x42-empty-stripe.lc"),
                lc(1 << 24, 42, PngImage.RGB, 8, 42, List.of(model(0, 3, fast, "fast", 1)), 0));
        put(dir.resolve("v4-huge-grey16-1x100000-empty-stripes.lc"),
                lc(1, 100000, PngImage.GRAY, 16, 100000, List.of(model(0, 1, fast, "fast", 1), lowBytes(1, 1)), 0));
        put(dir.resolve("v4-huge-grey16-100000x1-empty-stripes.lc"),
                lc(100000, 1, PngImage.GRAY, 16, 1, List.of(model(0, 1, fast, "fast", 1), lowBytes(1, 1)), 0));
        // a grey+alpha plane naming the RGB network: today IllegalArgumentException from NeuralPixelModel
        for (String name : List.of("default", "neural")) {
            ModelRegistry.byName(name).filter(m -> !m.name().equals("fast")).ifPresent(m -> {
                try {
                    put(dir.resolve("v4-greyalpha-plane-names-" + name + "-model.lc"),
                            lc(4, 4, PngImage.GRAY_ALPHA, 8, 4, List.of(model(0, 2, m.fingerprint(), m.name(), 1)), 16));
                    put(dir.resolve("v4-alpha-plane-names-" + name + "-model.lc"),
                            lc(4, 4, PngImage.GRAY_ALPHA, 8, 4, List.of(model(0, 1, FAST.fingerprint(), "fast", 1),
                                    model(1, 1, m.fingerprint(), m.name(), 1)), 8));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    static ModelPlane model(int first, int channels, long fingerprint, String name, int stripes) {
        return new ModelPlane(first, channels, fingerprint, name, null, null, 0, Stripes.empty(stripes));
    }

    /** The low bytes of a 16-bit image, as version 4 codes them (predicted). */
    static LowBytePlane lowBytes(int channels, int stripes) {
        return new LowBytePlane(true, channels, Stripes.empty(stripes));
    }

    /**
     * An .lc file (version 4) with a consistent, checksummed header; the first stripe gets
     * {@code payloadBytes}. The committed regression inputs without the {@code v4-} prefix were written by
     * this method's version-3 predecessor and stay as they are: they exercise the reader of old versions.
     */
    static byte[] lc(int w, int h, int colorType, int depth, int stripeRows, List<Plane> planes, int payloadBytes) {
        List<Plane> ps = new ArrayList<>();
        boolean first = true;
        for (Plane p : planes) {
            if (first && payloadBytes > 0 && p instanceof ModelPlane m) {
                int[] lengths = m.stripes().lengths().clone();
                lengths[0] = payloadBytes;
                p = m.withStripes(new Stripes(lengths, new boolean[lengths.length]));
            }
            first = false;
            ps.add(p);
        }
        LcHeader header = new LcHeader(w, h, colorType, depth, false, null, 0, stripeRows, ps, 0x1234567);
        byte[] payload = new byte[payloadBytes];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 37 + 11);
        }
        return LcFormat.write(header, List.of(payload));
    }

    // ---------------------------------------------------------------- PNG reader

    void pngSeeds() throws IOException {
        Path suite = Path.of(System.getProperty("lcompress.pngsuite", "../testdata/pngsuite"));
        for (String f : List.of("basn0g01", "basn0g02", "basi0g02", "basn0g16", "basn2c08", "basn3p01", "s01i3p01",
                "tm3n3p02", "basn4a08", "basn6a08", "xcrn0g04", "xc1n0g08", "xdtn0g01", "xs1n0g01")) {
            copy(suite.resolve(f + ".png"), READ_PNG.resolve("seeds/pngsuite-" + f + ".png"));
        }
    }

    void pngReproducers() throws IOException {
        Path dir = READ_PNG.resolve("malformed");
        byte[] ihdrPal = ihdr(4, 4, 2, 3, 0);
        byte[] plte = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 9, 9, 9};
        byte[] idatPal = idat(4, 4, 1, 2);
        put(dir.resolve("bad-crc-in-PLTE.png"), png(chunk("IHDR", ihdrPal), badCrc(chunk("PLTE", plte)),
                chunk("IDAT", idatPal), chunk("IEND", new byte[0])));
        put(dir.resolve("bad-crc-in-IDAT.png"), png(chunk("IHDR", ihdrPal), chunk("PLTE", plte),
                badCrc(chunk("IDAT", idatPal)), chunk("IEND", new byte[0])));
        put(dir.resolve("second-IHDR-other-colour-type.png"), png(chunk("IHDR", ihdr(4, 4, 2, 3, 0)),
                chunk("IHDR", ihdr(4, 4, 2, 0, 0)), chunk("PLTE", plte), chunk("IDAT", idatPal), chunk("IEND", new byte[0])));
        put(dir.resolve("second-IHDR-rgb-after-grey.png"), png(chunk("IHDR", ihdr(4, 4, 8, 0, 0)),
                chunk("IHDR", ihdr(4, 4, 8, 2, 0)), chunk("IDAT", idat(4, 4, 1, 8)), chunk("IEND", new byte[0])));
        put(dir.resolve("unknown-critical-chunk-ABCD.png"), png(chunk("IHDR", ihdr(4, 4, 8, 0, 0)),
                chunk("ABCD", "critical".getBytes(StandardCharsets.US_ASCII)), chunk("IDAT", idat(4, 4, 1, 8)),
                chunk("IEND", new byte[0])));
        put(dir.resolve("missing-IEND.png"), png(chunk("IHDR", ihdr(4, 4, 8, 0, 0)), chunk("IDAT", idat(4, 4, 1, 8))));
        put(dir.resolve("overlong-tRNS.png"), png(chunk("IHDR", ihdrPal), chunk("PLTE", plte),
                chunk("tRNS", new byte[]{0, 1, 2, 3, 4, 5, 6, 7}), chunk("IDAT", idatPal), chunk("IEND", new byte[0])));
        put(dir.resolve("huge-rgba-23170x23170.png"), hugePng(23170, 23170));

        Path rt = READ_PNG.resolve("roundtrip");
        for (Named n : roundTripReproducers()) {
            put(rt.resolve(n.name() + ".png"), PngIO.encode(n.image()));
        }
    }

    /** A tiny deflate stream (stored rows, filter 0) with a declared size far beyond what it holds. */
    static byte[] hugePng(int w, int h) throws IOException {
        byte[] rows = new byte[1 + 4 * 16];     // one row start; the rest is missing
        java.util.zip.Deflater def = new java.util.zip.Deflater(9);
        def.setInput(rows);
        def.finish();
        byte[] z = new byte[256];
        int n = def.deflate(z);
        def.end();
        byte[] text = "Comment\0lcompress fuzz: IHDR claims 23170x23170 RGBA (2^31 - 88k samples)".getBytes(StandardCharsets.US_ASCII);
        return png(chunk("IHDR", ihdr(w, h, 8, 6, 0)), chunk("tEXt", text), chunk("IDAT", Arrays.copyOf(z, n)),
                chunk("IEND", new byte[0]));
    }

    static byte[] ihdr(int w, int h, int depth, int colorType, int interlace) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(w);
        d.writeInt(h);
        d.writeByte(depth);
        d.writeByte(colorType);
        d.writeByte(0);
        d.writeByte(0);
        d.writeByte(interlace);
        return b.toByteArray();
    }

    /** Zlib data of h rows of filter 0 + w samples of {@code depth} bits (values a simple pattern). */
    static byte[] idat(int w, int h, int channels, int depth) {
        int rowBytes = (w * channels * depth + 7) / 8;
        byte[] raw = new byte[h * (1 + rowBytes)];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < rowBytes; i++) {
                raw[y * (1 + rowBytes) + 1 + i] = (byte) (depth == 8 ? (y * 40 + i * 20) : 0b00011011);
            }
        }
        java.util.zip.Deflater def = new java.util.zip.Deflater(9);
        def.setInput(raw);
        def.finish();
        byte[] z = new byte[raw.length + 64];
        int n = def.deflate(z);
        def.end();
        return Arrays.copyOf(z, n);
    }

    static byte[] chunk(String type, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
        return b.toByteArray();
    }

    static byte[] badCrc(byte[] chunk) {
        byte[] c = chunk.clone();
        c[c.length - 1] ^= 0x5A;
        return c;
    }

    static byte[] png(byte[]... chunks) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        for (byte[] c : chunks) {
            b.writeBytes(c);
        }
        return b.toByteArray();
    }

    // ---------------------------------------------------------------- round trip

    /** The encoder bugs, each as the script of RoundTripFuzzTest choices that makes it, and the image. */
    record Scripted(String name, List<Integer> values, byte[] raw) {
    }

    static List<Scripted> roundTripScripts() {
        List<Scripted> out = new ArrayList<>();
        // order of choices: model (0 = default, else fast), colour type index (0 grey, 1 RGB, 2 palette,
        // 3 grey+alpha, 4 RGBA), depth index, interlaced, shape (0 1x1, 1 column, 2 row, 3 w,h),
        // [sizes], content, alpha kind, seed, [palette: n, duplicate], few, gx, gy, uniform values
        // a. RGBA 3x1 whose samples form equal triples (10,10,10)(20,20,20)(30,30,30)(40,40,40): not grey
        out.add(new Scripted("rgba-3x1-misaligned-equal-triples",
                List.of(1, 4, 0, 0, 2, 3, FuzzImages.RAW, FuzzImages.ALPHA_LIKE_CONTENT, 0, 1, 0, 0, 0, 0, 0, 0),
                new byte[]{10, 10, 10, 20, 20, 20, 30, 30, 30, 40, 40, 40}));
        out.add(new Scripted("rgba-6x2-misaligned-equal-triples",
                List.of(1, 4, 0, 0, 3, 6, 2, FuzzImages.RAW, FuzzImages.ALPHA_LIKE_CONTENT, 0, 1, 0, 0, 0, 0, 0, 0),
                new byte[]{7, 7, 7, 9, 9, 9, 7, 7, 7, 100, 100, 100}));
        // b. blank and transparent images
        out.add(new Scripted("rgba-32x32-fully-transparent-icon",
                List.of(1, 4, 0, 0, 3, 32, 32, FuzzImages.TRANSPARENT, 0, 0, 1, 0, 0, 0, 0, 0, 0), new byte[0]));
        out.add(new Scripted("rgba-16x16-all-128",
                List.of(1, 4, 0, 0, 3, 16, 16, FuzzImages.UNIFORM, FuzzImages.ALPHA_LIKE_CONTENT, 0, 1, 0, 0,
                        128, 128, 128, 128), new byte[0]));
        out.add(new Scripted("rgba-1x1-grey-pixel",
                List.of(1, 4, 0, 0, 0, FuzzImages.UNIFORM, FuzzImages.ALPHA_OPAQUE, 0, 1, 0, 0, 77, 77, 77, 0),
                new byte[0]));
        out.add(new Scripted("palette8-16x16-blank-icon-transparent-entry",
                List.of(1, 2, 3, 0, 3, 16, 16, FuzzImages.UNIFORM, FuzzImages.PAL_ONE_TRANSPARENT, 0, 2, 0, 1, 0, 0, 0),
                new byte[0]));
        // healthy kinds (they must pass today): 16-bit grey+alpha noise, interlaced palette gradient
        out.add(new Scripted("ok-greyalpha16-9x7-noise",
                List.of(1, 3, 1, 0, 3, 9, 7, FuzzImages.NOISE, FuzzImages.ALPHA_MASK, 4242, 1, 0, 0, 0, 0),
                new byte[0]));
        out.add(new Scripted("ok-palette4-interlaced-11x10-gradient",
                List.of(1, 2, 2, 1, 3, 11, 10, FuzzImages.GRADIENT, FuzzImages.PAL_TRANSLUCENT, 99, 12, 0, 1, 2, 3, 0),
                new byte[0]));
        out.add(new Scripted("ok-rgb16-5x6-raw",
                List.of(1, 1, 1, 0, 3, 5, 6, FuzzImages.RAW, 0, 0, 1, 0, 0, 0, 0, 0),
                "lcompress round trip seed: RGB 16-bit".getBytes(StandardCharsets.US_ASCII)));
        return out;
    }

    static List<Named> roundTripReproducers() {
        List<Named> out = new ArrayList<>();
        for (Scripted s : roundTripScripts()) {
            out.add(new Named(s.name(), scriptedImage(s)));
        }
        return out;
    }

    void roundTripInputs() throws IOException {
        for (Scripted s : roundTripScripts()) {
            byte[] input = FuzzInputWriter.write(RoundTripFuzzTest::input, s.values(), s.raw());
            put(ROUND_TRIP.resolve(s.name()), input);
        }
    }

    /** The image as the scripted provider (not Jazzer's) makes it. */
    private static PngImage scriptedImage(Scripted s) {
        PngImage[] seen = new PngImage[1];
        FuzzInputWriter.write(d -> seen[0] = RoundTripFuzzTest.input(d).image(), s.values(), s.raw());
        return seen[0];
    }

    // ---------------------------------------------------------------- files

    static void put(Path p, byte[] bytes) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        System.out.println("wrote " + p + " (" + bytes.length + " bytes)");
    }

    static void copy(Path from, Path to) throws IOException {
        put(to, Files.readAllBytes(from));
    }
}
