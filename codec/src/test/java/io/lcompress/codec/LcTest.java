package io.lcompress.codec;

import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.imageio.AwtImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.ImageIO;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static io.lcompress.codec.imageio.ImageAssertions.assertSamePixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library entry point: round trips of every supported image type, refusals, files, options. */
class LcTest {
    private static final Lc.Options FAST = Lc.Options.DEFAULT.withEffort(1);

    /** An image type, the PNG kind it codes as, and the type it decodes to. */
    record Case(String name, BufferedImage image, int colorType, int bitDepth, int decodedType) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> types() {
        IndexColorModel fourColours = new IndexColorModel(2, 4, new byte[]{0, (byte) 255, 0, 10},
                new byte[]{0, 0, (byte) 255, 20}, new byte[]{0, 0, 0, 30});
        IndexColorModel translucent = new IndexColorModel(4, 11, ramp(11, 7), ramp(11, 3), ramp(11, 5), ramp(11, 23));
        IndexColorModel grey4 = new IndexColorModel(4, 16, ramp(16, 17), ramp(16, 17), ramp(16, 17));
        ColorSpace grey = ColorSpace.getInstance(ColorSpace.CS_GRAY);
        ColorSpace srgb = ColorSpace.getInstance(ColorSpace.CS_sRGB);
        return Stream.of(
                new Case("TYPE_BYTE_GRAY", noise(BufferedImage.TYPE_BYTE_GRAY), 0, 8, BufferedImage.TYPE_BYTE_GRAY),
                new Case("TYPE_USHORT_GRAY", noise(BufferedImage.TYPE_USHORT_GRAY), 0, 16, BufferedImage.TYPE_USHORT_GRAY),
                new Case("TYPE_BYTE_BINARY (black and white)", noise(BufferedImage.TYPE_BYTE_BINARY), 0, 1,
                        BufferedImage.TYPE_BYTE_BINARY),
                new Case("TYPE_BYTE_BINARY grey ramp of 16", noise(new BufferedImage(37, 23, BufferedImage.TYPE_BYTE_BINARY, grey4)),
                        0, 4, BufferedImage.TYPE_BYTE_BINARY),
                new Case("TYPE_BYTE_BINARY 4 colours", noise(new BufferedImage(37, 23, BufferedImage.TYPE_BYTE_BINARY, fourColours)),
                        3, 2, BufferedImage.TYPE_BYTE_BINARY),
                new Case("TYPE_BYTE_BINARY 11 translucent colours", noise(new BufferedImage(37, 23,
                        BufferedImage.TYPE_BYTE_BINARY, translucent), 11), 3, 4, BufferedImage.TYPE_BYTE_BINARY),
                new Case("TYPE_BYTE_INDEXED", noise(BufferedImage.TYPE_BYTE_INDEXED), 3, 8, BufferedImage.TYPE_BYTE_INDEXED),
                new Case("TYPE_BYTE_INDEXED 11 translucent colours", noise(new BufferedImage(37, 23,
                        BufferedImage.TYPE_BYTE_INDEXED, translucent), 11), 3, 8, BufferedImage.TYPE_BYTE_INDEXED),
                new Case("TYPE_3BYTE_BGR", noise(BufferedImage.TYPE_3BYTE_BGR), 2, 8, BufferedImage.TYPE_3BYTE_BGR),
                new Case("TYPE_INT_RGB", noise(BufferedImage.TYPE_INT_RGB), 2, 8, BufferedImage.TYPE_3BYTE_BGR),
                new Case("TYPE_INT_BGR", noise(BufferedImage.TYPE_INT_BGR), 2, 8, BufferedImage.TYPE_3BYTE_BGR),
                new Case("TYPE_4BYTE_ABGR", noise(BufferedImage.TYPE_4BYTE_ABGR), 6, 8, BufferedImage.TYPE_4BYTE_ABGR),
                new Case("TYPE_INT_ARGB", noise(BufferedImage.TYPE_INT_ARGB), 6, 8, BufferedImage.TYPE_4BYTE_ABGR),
                new Case("grey+alpha 8-bit", noise(custom(grey, true, DataBuffer.TYPE_BYTE)), 4, 8, BufferedImage.TYPE_CUSTOM),
                new Case("grey+alpha 16-bit", noise(custom(grey, true, DataBuffer.TYPE_USHORT)), 4, 16, BufferedImage.TYPE_CUSTOM),
                new Case("RGB 16-bit", noise(custom(srgb, false, DataBuffer.TYPE_USHORT)), 2, 16, BufferedImage.TYPE_CUSTOM),
                new Case("RGBA 16-bit", noise(custom(srgb, true, DataBuffer.TYPE_USHORT)), 6, 16, BufferedImage.TYPE_CUSTOM),
                new Case("RGB 8-bit, bands in RGB order", noise(custom(srgb, false, DataBuffer.TYPE_BYTE)), 2, 8,
                        BufferedImage.TYPE_3BYTE_BGR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everySupportedTypeRoundTripsExactly(Case c, @TempDir Path dir) throws Exception {
        PngImage png = AwtImages.toPngImage(c.image());
        assertEquals(c.colorType(), png.colorType(), "PNG colour type");
        assertEquals(c.bitDepth(), png.bitDepth(), "PNG bit depth");
        byte[] lc = Lc.encode(c.image(), FAST);
        assertEquals(c.colorType(), LcFormat.read(lc).header().colorType());
        BufferedImage back = Lc.decode(lc);
        assertEquals(c.decodedType(), back.getType(), "decoded type");
        assertSamePixels(c.image(), back, c.name());
        // the decoded image, re-encoded, gives the same file, and converts back to the same PNG image
        assertArrayEquals(lc, Lc.encode(back, FAST));
        assertNull(png.differenceFrom(AwtImages.toPngImage(AwtImages.toBufferedImage(png))));
        // what the PNG writer makes of the same image: a PNG that decodes to the same .lc pixels
        Path pngFile = dir.resolve("x.png");
        Files.write(pngFile, PngIO.encode(png));
        byte[] fromFile = Lc.encode(pngFile, FAST);
        LcFormat.Parsed parsed = LcFormat.read(lc);
        if (parsed.header().isPngStream()) {
            // stored as a PNG stream: from a file, the PNG's own image data unless PngWriter's is smaller, so
            // the same header and pixels, the payload perhaps another deflate stream
            assertArrayEquals(Arrays.copyOf(lc, parsed.payloadOffset()),
                    Arrays.copyOf(fromFile, parsed.payloadOffset()), "Lc.encode(Path) of the same PNG image: header");
            assertTrue(LcFormat.read(fromFile).header().isPngStream());
            assertSamePixels(c.image(), Lc.decode(fromFile), c.name() + " from the PNG file");
        } else {
            assertArrayEquals(lc, fromFile, "Lc.encode(Path) of the same PNG image");
        }
    }

    @Test
    void imageIoPngReaderTypesMapBackToTheirPngKinds() throws Exception {
        // what ImageIO's PNG reader returns for each kind codes as that kind again
        for (String name : new String[]{"basn0g01", "basn0g02", "basn0g04", "basn0g08", "basn0g16", "basn2c08",
                "basn2c16", "basn3p01", "basn3p02", "basn3p04", "basn3p08", "basn4a08", "basn4a16", "basn6a08",
                "basn6a16"}) {
            Path file = TestImages.testdata().resolve("pngsuite").resolve(name + ".png");
            PngImage original = PngIO.read(file);
            PngImage viaImageIo = AwtImages.toPngImage(ImageIO.read(file.toFile()));
            assertEquals(original.colorType(), viaImageIo.colorType(), name);
            assertEquals(original.bitDepth(), viaImageIo.bitDepth(), name);
            assertArrayEquals(original.samples().samples(), viaImageIo.samples().samples(), name);
            if (original.low() != null) {
                assertArrayEquals(original.low().samples(), viaImageIo.low().samples(), name);
            }
        }
    }

    @Test
    void imagesThatCannotBeStoredExactlyAreRefused() {
        assertRefused(new BufferedImage(5, 4, BufferedImage.TYPE_INT_ARGB_PRE), "premultiplied");
        assertRefused(new BufferedImage(5, 4, BufferedImage.TYPE_4BYTE_ABGR_PRE), "premultiplied");
        assertRefused(new BufferedImage(5, 4, BufferedImage.TYPE_USHORT_565_RGB), "5/6/5 bits");
        assertRefused(new BufferedImage(5, 4, BufferedImage.TYPE_USHORT_555_RGB), "5/5/5 bits");
        assertRefused(custom(ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB), false, DataBuffer.TYPE_BYTE), "linear RGB");
        assertRefused(custom(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, DataBuffer.TYPE_FLOAT), "data type float");
        assertRefused(custom(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, DataBuffer.TYPE_INT), "data type int");
        assertRefused(custom(ColorSpace.getInstance(ColorSpace.CS_PYCC), false, DataBuffer.TYPE_BYTE), "colour space");
        // 12 significant bits in 16-bit samples
        ComponentColorModel twelve = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), new int[]{12},
                false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        assertRefused(new BufferedImage(twelve, twelve.createCompatibleWritableRaster(5, 4), false, null), "12 significant");
        // indices beyond the colour map
        IndexColorModel three = new IndexColorModel(2, 3, new byte[3], new byte[3], new byte[3]);
        BufferedImage beyond = new BufferedImage(5, 4, BufferedImage.TYPE_BYTE_BINARY, three);
        beyond.getRaster().setSample(2, 1, 0, 3);
        assertRefused(beyond, "pixel (2, 1) has colour index 3, beyond the colour map's 3 entries");
        // a colour map of more than 256 entries
        byte[] big = new byte[300];
        IndexColorModel wide = new IndexColorModel(16, 300, big, big, big);
        assertRefused(new BufferedImage(wide, wide.createCompatibleWritableRaster(5, 4), false, null), "300 entries");
    }

    private static void assertRefused(BufferedImage image, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lc.encode(image, FAST), reason);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains("cannot be stored exactly"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void subImagesAreCodedFromTheirOwnOrigin() throws Exception {
        BufferedImage whole = noise(BufferedImage.TYPE_INT_RGB);
        BufferedImage part = whole.getSubimage(5, 3, 20, 11);
        BufferedImage back = Lc.decode(Lc.encode(part, FAST));
        assertArrayEquals(part.getRGB(0, 0, 20, 11, null, 0, 20), back.getRGB(0, 0, 20, 11, null, 0, 20));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basn6a16.png", "basi3p04.png", "cs3n2c16.png", "ccwn3p08.png", "tbrn2c08.png"})
    void filesRoundTripWithEverythingThePngHolds(String name, @TempDir Path dir) throws Exception {
        Path png = TestImages.testdata().resolve("pngsuite").resolve(name);
        Path lc = dir.resolve("x.lc");
        Path again = dir.resolve("x.png");
        Lc.encode(png, lc, FAST);
        Lc.decode(lc, again);
        assertNull(PngIO.read(png).differenceFrom(PngIO.read(again)), name);
        // replacing existing files, leaving nothing else behind
        Lc.encode(png, lc, FAST);
        Lc.decode(lc, again, FAST.withThreads(1));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(2, s.count());
        }
        assertArrayEquals(Files.readAllBytes(lc), Lc.encode(png, FAST));
        // the in-memory decoder gives the samples the file holds (a colour key is not applied)
        PngImage original = PngIO.read(png);
        PngImage decoded = AwtImages.toPngImage(Lc.decode(lc));
        assertNull(new PngImage(original.colorType(), original.bitDepth(), false, original.samples(), original.low(),
                original.palette()).differenceFrom(decoded), name);
    }

    @Test
    void corruptFilesThrowLcFormatExceptionAndLeaveNoOutput(@TempDir Path dir) throws Exception {
        byte[] lc = Lc.encode(TestImages.photos().get(0), FAST);
        byte[] bad = lc.clone();
        bad[bad.length - 20] ^= 0x10;
        LcFormatException e = assertThrows(LcFormatException.class, () -> Lc.decode(bad));
        assertTrue(e.getCause() instanceof FormatException, String.valueOf(e.getCause()));
        assertThrows(LcFormatException.class, () -> Lc.decode(Arrays.copyOf(lc, 30)));
        assertThrows(LcFormatException.class, () -> Lc.decode(new byte[]{1, 2, 3}));
        Path file = dir.resolve("bad.lc");
        Files.write(file, bad);
        Path png = dir.resolve("out.png");
        assertThrows(LcFormatException.class, () -> Lc.decode(file, png));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(java.util.List.of(file), s.toList(), "no output, no temporary file");
        }
        assertThrows(java.nio.file.NoSuchFileException.class, () -> Lc.decode(dir.resolve("missing.lc")));
        // a PNG that is not one: the PNG reader's one-line reason
        Path notPng = dir.resolve("not.png");
        Files.write(notPng, new byte[]{1, 2, 3, 4});
        IOException refused = assertThrows(PngIO.UnsupportedImageException.class, () -> Lc.encode(notPng, dir.resolve("x.lc")));
        assertFalse(refused.getMessage().contains("\n"));
        assertFalse(Files.exists(dir.resolve("x.lc")));
    }

    /** A grey PNG with text, gamma and a tRNS colour key. */
    static byte[] greyWithMetadata() throws IOException {
        java.util.List<io.lcompress.codec.image.PngChunk> chunks = java.util.List.of(
                new io.lcompress.codec.image.PngChunk(0, "gAMA", new byte[]{0, 0, (byte) 0xB1, (byte) 0x8F}),
                new io.lcompress.codec.image.PngChunk(0, "tRNS", new byte[]{0, 7}),
                new io.lcompress.codec.image.PngChunk(2, "tEXt", "Comment\0hello".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        return PngIO.encode(new PngImage(PngImage.GRAY, 8, false, TestImages.synthetic(21, 13, 1, 5), null, null, chunks));
    }

    @Test
    void stripLeavesMetadataOutButKeepsTheColourKey(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("a.png");
        Files.write(png, greyWithMetadata());
        PngImage original = PngIO.read(png);
        assertEquals(java.util.List.of("gAMA", "tRNS", "tEXt"), original.chunks().stream().map(c -> c.type()).toList());
        Lc.encode(png, dir.resolve("kept.lc"), FAST);
        Lc.encode(png, dir.resolve("stripped.lc"), FAST.withStrip(true));
        Lc.decode(dir.resolve("kept.lc"), dir.resolve("kept.png"));
        Lc.decode(dir.resolve("stripped.lc"), dir.resolve("stripped.png"));
        assertNull(original.differenceFrom(PngIO.read(dir.resolve("kept.png"))));
        PngImage stripped = PngIO.read(dir.resolve("stripped.png"));
        assertEquals(java.util.List.of("tRNS"), stripped.chunks().stream().map(c -> c.type()).toList());
        assertArrayEquals(original.chunks().get(1).data(), stripped.chunks().get(0).data());
        assertArrayEquals(original.samples().samples(), stripped.samples().samples());
        assertTrue(Files.size(dir.resolve("stripped.lc")) < Files.size(dir.resolve("kept.lc")));
    }

    @Test
    void options() throws Exception {
        assertEquals(io.lcompress.codec.coding.Effort.DEFAULT.level(), Lc.Options.DEFAULT.effort());
        assertEquals(0, Lc.Options.DEFAULT.threads());
        assertEquals(Limits.DEFAULT_MAX_PIXELS, Lc.Options.DEFAULT.maxPixels());
        assertEquals(new Lc.Options(3, 2, 1000), Lc.Options.DEFAULT.withEffort(3).withThreads(2).withMaxPixels(1000));
        assertFalse(Lc.Options.DEFAULT.strip());
        assertEquals(new Lc.Options(3, 2, 1000, true), Lc.Options.DEFAULT.withStrip(true).withEffort(3).withThreads(2)
                .withMaxPixels(1000));
        assertThrows(IllegalArgumentException.class, () -> Lc.Options.DEFAULT.withEffort(0));
        assertThrows(IllegalArgumentException.class, () -> Lc.Options.DEFAULT.withEffort(10));
        assertThrows(IllegalArgumentException.class, () -> Lc.Options.DEFAULT.withThreads(-1));
        assertThrows(IllegalArgumentException.class, () -> Lc.Options.DEFAULT.withMaxPixels(0));

        Path photo = TestImages.photos().get(0);            // 192 x 144
        BufferedImage img = ImageIO.read(photo.toFile());
        // the effort level picks the model; the thread count changes nothing
        byte[] one = Lc.encode(img, FAST.withThreads(1));
        assertEquals("fast2", LcFormat.read(one).header().mainPlane().modelName());
        assertArrayEquals(one, Lc.encode(img, FAST.withThreads(3)));
        assertArrayEquals(one, Lc.encode(img, FAST));
        // (a photo: a small synthetic image such as basn2c08 is stored as its PNG stream, naming no model)
        BufferedImage small32 = ImageIO.read(TestImages.testdata().resolve("barbara-crop.png").toFile());
        byte[] four = Lc.encode(small32, FAST.withEffort(4));
        assertEquals("fast-ols", LcFormat.read(four).header().mainPlane().modelName());
        assertSamePixels(small32, Lc.decode(four, FAST.withThreads(1)), "effort 4");
        // the pixel limit applies to the files read
        Lc.Options small = FAST.withMaxPixels(192 * 143);
        LcFormatException e = assertThrows(LcFormatException.class, () -> Lc.decode(one, small));
        assertTrue(e.getMessage().contains("192x144") && e.getMessage().contains("exceeds"), e.getMessage());
        assertThrows(PngIO.UnsupportedImageException.class, () -> Lc.encode(photo, small));
        assertArrayEquals(Lc.encode(img, small), one, "an image in memory is not limited");
        assertSamePixels(img, Lc.decode(one, FAST.withMaxPixels(192 * 144)), "at the limit");
    }

    @Test
    void defaultEffortByDefault() throws Exception {
        BufferedImage img = ImageIO.read(TestImages.testdata().resolve("barbara-crop.png").toFile());
        byte[] lc = Lc.encode(img);
        assertEquals(io.lcompress.codec.coding.Effort.DEFAULT.modelName(), LcFormat.read(lc).header().mainPlane().modelName());
        assertSamePixels(img, Lc.decode(lc), "default");
    }

    // ---------------------------------------------------------------------------------------------

    private static byte[] ramp(int n, int step) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) Math.min(255, i * step);
        }
        return b;
    }

    private static BufferedImage noise(int type) {
        return noise(new BufferedImage(37, 23, type));
    }

    private static BufferedImage noise(BufferedImage image) {
        return noise(image, Integer.MAX_VALUE);
    }

    /** Random samples, each band over its whole range (below {@code entries} for indexed images). */
    private static BufferedImage noise(BufferedImage image, int entries) {
        Random rnd = new Random(image.getType() * 31L + image.getSampleModel().getNumBands());
        WritableRaster r = image.getRaster();
        for (int b = 0; b < r.getNumBands(); b++) {
            int bound = (int) Math.min(entries, 1L << r.getSampleModel().getSampleSize(b));
            for (int y = 0; y < r.getHeight(); y++) {
                for (int x = 0; x < r.getWidth(); x++) {
                    // smooth with noise, so the coder sees something like an image
                    int v = (int) (((x * 7L + y * 3L) * Math.max(1, bound / 256) + rnd.nextInt(Math.max(5, bound / 64))) % bound);
                    r.setSample(x, y, b, v);
                }
            }
        }
        return image;
    }

    /** An interleaved component image of this colour space and data type. */
    private static BufferedImage custom(ColorSpace cs, boolean alpha, int dataType) {
        ComponentColorModel cm = new ComponentColorModel(cs, alpha, false,
                alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, dataType);
        return new BufferedImage(cm, cm.createCompatibleWritableRaster(37, 23), false, null);
    }
}
