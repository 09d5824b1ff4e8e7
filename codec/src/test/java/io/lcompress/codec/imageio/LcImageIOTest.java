package io.lcompress.codec.imageio;

import io.lcompress.codec.Lc;
import io.lcompress.codec.TestImages;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static io.lcompress.codec.imageio.ImageAssertions.assertSamePixels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ImageIO plugin: registration, reading and writing round trips, parameters, refusals, corrupt input. */
class LcImageIOTest {
    private static final Lc.Options FAST = Lc.Options.DEFAULT.withEffort(1);

    /** PngSuite kinds: grey 1/2/4/8/16, grey+alpha 8/16, RGB 8/16, RGBA 8/16, palettes 1/2/4/8 with and without alpha. */
    static Stream<String> suiteKinds() {
        return Stream.of("basn0g01.png", "basn0g02.png", "basn0g04.png", "basn0g08.png", "basn0g16.png",
                "basn4a08.png", "basn4a16.png", "basn2c08.png", "basn2c16.png", "basn6a08.png", "basn6a16.png",
                "basn3p01.png", "basn3p02.png", "basn3p04.png", "basn3p08.png", "tbbn3p08.png", "tm3n3p02.png",
                "basi3p04.png", "s35n3p04.png");
    }

    private static Path suite(String name) {
        return TestImages.testdata().resolve("pngsuite").resolve(name);
    }

    @Test
    void registeredForSuffixFormatNameAndMimeType() {
        assertTrue(Arrays.asList(ImageIO.getReaderFileSuffixes()).contains("lc"));
        assertTrue(Arrays.asList(ImageIO.getWriterFileSuffixes()).contains("lc"));
        assertTrue(Arrays.asList(ImageIO.getReaderFormatNames()).contains("lc"));
        assertTrue(Arrays.asList(ImageIO.getWriterFormatNames()).contains("lc"));
        assertTrue(Arrays.asList(ImageIO.getReaderMIMETypes()).contains("image/x-lc"));
        assertInstanceOf(LcImageReader.class, ImageIO.getImageReadersBySuffix("lc").next());
        assertInstanceOf(LcImageWriter.class, ImageIO.getImageWritersByMIMEType("image/x-lc").next());
        assertInstanceOf(LcImageWriter.class, ImageIO.getImageWriter(ImageIO.getImageReadersByFormatName("lc").next()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.lcompress.codec.TestImages#photos")
    void photosRoundTripThroughImageIo(Path png, @TempDir Path dir) throws IOException {
        BufferedImage original = ImageIO.read(png.toFile());
        Path lc = dir.resolve("photo.lc");
        write(original, lc, 1);
        BufferedImage back = ImageIO.read(lc.toFile());
        assertSamePixels(original, back, png.toString());
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, back.getType());
        // the file the facade writes from the PNG decodes to the same image
        Path direct = dir.resolve("direct.lc");
        Lc.encode(png, direct, FAST);
        assertSamePixels(original, ImageIO.read(direct.toFile()), png + " via Lc.encode(Path)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suiteKinds")
    void pngSuiteKindsRoundTrip(String name, @TempDir Path dir) throws IOException {
        BufferedImage fromPng = ImageIO.read(suite(name).toFile());
        // PNG file -> .lc (Lc facade) -> ImageIO.read: the pixels ImageIO's PNG reader gives
        Path lc = dir.resolve("a.lc");
        Lc.encode(suite(name), lc, FAST);
        BufferedImage read = ImageIO.read(lc.toFile());
        assertSamePixels(fromPng, read, name + " read");
        // BufferedImage -> ImageIO.write -> ImageIO.read: the same pixels, and the decoded image's type
        // writes the same file again
        Path again = dir.resolve("b.lc");
        write(fromPng, again, 1);
        assertSamePixels(fromPng, ImageIO.read(again.toFile()), name + " written");
        Path third = dir.resolve("c.lc");
        write(read, third, 1);
        assertSamePixels(read, ImageIO.read(third.toFile()), name + " rewritten");
        assertEquals(Arrays.toString(Files.readAllBytes(third)), Arrays.toString(Lc.encode(read, FAST)), name);
    }

    @Test
    void plainImageIoWriteUsesTheDefaultEffort(@TempDir Path dir) throws Exception {
        BufferedImage img = ImageIO.read(TestImages.testdata().resolve("barbara-crop.png").toFile());
        Path lc = dir.resolve("x.lc");
        assertTrue(ImageIO.write(img, "lc", lc.toFile()));
        assertEquals(io.lcompress.codec.coding.Effort.DEFAULT.modelName(), modelOf(Files.readAllBytes(lc)));
        assertSamePixels(img, ImageIO.read(lc.toFile()), "default effort");
    }

    @Test
    void effortFromWriteParam() throws Exception {
        BufferedImage img = ImageIO.read(TestImages.testdata().resolve("barbara-crop.png").toFile());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("lc").next();
        LcImageWriteParam p = (LcImageWriteParam) writer.getDefaultWriteParam();
        assertEquals(io.lcompress.codec.coding.Effort.DEFAULT.level(), p.getEffort());
        assertTrue(p.canWriteCompressed());
        p.setEffort(4);
        assertEquals(ImageWriteParam.MODE_EXPLICIT, p.getCompressionMode());
        assertEquals(4, p.getEffort());
        assertTrue(p.isCompressionLossless());
        assertEquals("fast-ols", modelOf(write(writer, img, p)));
        // the compression quality, as for the PNG writer: 1 is the fastest level
        p.setCompressionQuality(1f);
        assertEquals(1, p.getEffort());
        assertEquals("fast2", modelOf(write(writer, img, p)));
        p.setCompressionMode(ImageWriteParam.MODE_DEFAULT);
        assertEquals(io.lcompress.codec.coding.Effort.DEFAULT.level(), p.getEffort());
        for (int level = 1; level <= 9; level++) {
            p.setEffort(level);
            assertEquals(level, p.getEffort());
        }
        writer.dispose();
    }

    @Test
    void writeParamSourceRegionAndSubsampling() throws Exception {
        BufferedImage img = ImageIO.read(suite("basn6a08.png").toFile());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("lc").next();
        LcImageWriteParam p = (LcImageWriteParam) writer.getDefaultWriteParam();
        p.setEffort(1);
        p.setSourceRegion(new Rectangle(3, 5, 20, 17));
        p.setSourceSubsampling(3, 2, 1, 0);
        BufferedImage back = Lc.decode(write(writer, img, p));
        assertEquals(7, back.getWidth());       // x = 4, 7, ..., 22
        assertEquals(9, back.getHeight());      // y = 5, 7, ..., 21
        for (int y = 0; y < back.getHeight(); y++) {
            for (int x = 0; x < back.getWidth(); x++) {
                assertEquals(img.getRGB(4 + 3 * x, 5 + 2 * y), back.getRGB(x, y), x + "," + y);
            }
        }
        writer.dispose();
    }

    @Test
    void readParamSourceRegionSubsamplingAndDestinationOffset(@TempDir Path dir) throws Exception {
        BufferedImage img = ImageIO.read(suite("basn2c16.png").toFile());
        Path lc = dir.resolve("x.lc");
        write(img, lc, 1);
        try (ImageInputStream in = ImageIO.createImageInputStream(lc.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(1, reader.getNumImages(true));
            assertEquals(32, reader.getWidth(0));
            assertEquals(32, reader.getHeight(0));
            ImageReadParam p = reader.getDefaultReadParam();
            p.setSourceRegion(new Rectangle(2, 3, 20, 10));
            p.setSourceSubsampling(2, 3, 0, 0);
            p.setDestinationOffset(new java.awt.Point(1, 2));
            BufferedImage part = reader.read(0, p);
            assertEquals(11, part.getWidth());
            assertEquals(6, part.getHeight());
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 10; x++) {
                    assertArrayEquals(img.getRaster().getPixel(2 + 2 * x, 3 + 3 * y, (int[]) null),
                            part.getRaster().getPixel(1 + x, 2 + y, (int[]) null), x + "," + y);
                }
            }
            // bands: the green channel only into a one-band image
            ImageReadParam q = reader.getDefaultReadParam();
            q.setSourceBands(new int[]{1});
            q.setDestinationBands(new int[]{0});
            q.setDestination(new BufferedImage(32, 32, BufferedImage.TYPE_USHORT_GRAY));
            BufferedImage green = reader.read(0, q);
            assertEquals(img.getRaster().getSample(5, 7, 1), green.getRaster().getSample(5, 7, 0));
            // a destination of other sample sizes is refused
            ImageReadParam r = reader.getDefaultReadParam();
            r.setDestination(new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR));
            assertThrows(IIOException.class, () -> reader.read(0, r));
            reader.dispose();
        }
    }

    private static void assertArrayEquals(int[] expected, int[] actual, String message) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, message);
    }

    @Test
    void canDecodeInputChecksTheMagicWithoutConsumingTheStream() throws Exception {
        ImageReaderSpi spi = new LcImageReaderSpi();
        byte[] png = Files.readAllBytes(suite("basn0g08.png"));
        byte[] lc = Lc.encode(suite("basn0g08.png"), FAST);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            assertFalse(spi.canDecodeInput(in));
            assertEquals(0, in.getStreamPosition());
            assertEquals(0x89, in.read());
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(lc))) {
            in.read();
            assertFalse(spi.canDecodeInput(in), "magic not at the stream's position");
            in.seek(0);
            assertTrue(spi.canDecodeInput(in));
            assertEquals(0, in.getStreamPosition());
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(new byte[]{(byte) 0x8A, 'L'}))) {
            assertFalse(spi.canDecodeInput(in), "shorter than the magic");
        }
        assertFalse(spi.canDecodeInput(lc), "not a stream");
        // a PNG is still read by the PNG reader, an .lc file by this one
        assertTrue(ImageIO.getImageReaders(ImageIO.createImageInputStream(new ByteArrayInputStream(png))).next()
                .getFormatName().equalsIgnoreCase("png"));
        assertEquals("lc", ImageIO.getImageReaders(ImageIO.createImageInputStream(new ByteArrayInputStream(lc)))
                .next().getFormatName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"payload", "header", "truncated", "version"})
    void corruptFilesThrowIoException(String damage) throws Exception {
        byte[] lc = Lc.encode(suite("basn2c08.png"), FAST);
        byte[] bad = switch (damage) {
            case "payload" -> flip(lc, lc.length - 10);
            case "header" -> flip(lc, 12);          // the width
            case "truncated" -> Arrays.copyOf(lc, lc.length - 3);
            default -> flip(lc, 8);                   // the version
        };
        IOException e = assertThrows(IOException.class, () -> ImageIO.read(new ByteArrayInputStream(bad)), damage);
        assertInstanceOf(IIOException.class, e);
        assertInstanceOf(FormatException.class, e.getCause(), damage);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        // a second read of the same input fails the same way
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bad))) {
            ImageReader reader = new LcImageReaderSpi().createReaderInstance(null);
            reader.setInput(in);
            IOException first = assertThrows(IOException.class, () -> reader.read(0));
            assertEquals(first.getMessage(), assertThrows(IOException.class, () -> reader.read(0)).getMessage());
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void hugeClaimsAreRefusedBeforeAllocating() throws Exception {
        // a crafted, checksummed header claiming 26754 x 26754 RGB pixels (2 GiB) with empty stripes: the
        // reader tells its size without decoding, and refuses to read it at the default pixel limit
        byte[] huge = emptyStripes(26754, 26754);
        assertTrue(huge.length < 400);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(huge))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertEquals(26754, reader.getWidth(0));
            IIOException e = assertThrows(IIOException.class, () -> reader.read(0));
            assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
        }
        // a lower limit refuses a real file
        byte[] lc = Lc.encode(suite("basn0g08.png"), FAST);
        FormatException limit = assertThrows(FormatException.class,
                () -> AwtImages.decode(lc, 1, new io.lcompress.codec.Limits(32 * 31), null));
        assertTrue(limit.getMessage().contains("exceeds the limit"), limit.getMessage());
    }

    /** A checksummed version 4 header claiming an 8-bit RGB image whose stripes are all empty. */
    static byte[] emptyStripes(int width, int height) {
        int stripeRows = Math.min(height, 512);
        int stripes = io.lcompress.codec.container.LcHeader.stripesFor(height, stripeRows);
        io.lcompress.codec.model.PixelModel fast = io.lcompress.codec.model.ModelRegistry.fast();
        io.lcompress.codec.container.ModelPlane plane = new io.lcompress.codec.container.ModelPlane(0, 3,
                fast.fingerprint(), fast.name(), null, null, 0,
                io.lcompress.codec.container.Stripes.empty(stripes));
        return LcFormat.write(new io.lcompress.codec.container.LcHeader(width, height,
                io.lcompress.codec.image.PngImage.RGB, 8, false, null, 0, stripeRows, List.of(plane), 0), List.of());
    }

    @Test
    void refusedImageTypes(@TempDir Path dir) throws Exception {
        BufferedImage premultiplied = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB_PRE);
        assertFalse(ImageIO.write(premultiplied, "lc", dir.resolve("x.lc").toFile()), "no writer for the type");
        assertFalse(ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_565_RGB), "lc",
                dir.resolve("y.lc").toFile()));
        ImageWriter writer = ImageIO.getImageWritersByFormatName("lc").next();
        IIOException e = assertThrows(IIOException.class, () -> write(writer, premultiplied, null));
        assertTrue(e.getMessage().contains("premultiplied"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> {
            try (ImageOutputStream out = ImageIO.createImageOutputStream(new ByteArrayOutputStream())) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY).getRaster(),
                        null, null), null);
            }
        });
        writer.dispose();
    }

    @Test
    void abortReturnsWithoutWritingTheImage() throws Exception {
        BufferedImage img = ImageIO.read(suite("basn2c08.png").toFile());
        ImageWriter writer = ImageIO.getImageWritersByFormatName("lc").next();
        List<String> events = new java.util.ArrayList<>();
        writer.addIIOWriteProgressListener(new javax.imageio.event.IIOWriteProgressListener() {
            public void imageStarted(ImageWriter source, int imageIndex) {
                events.add("started");
                source.abort();
            }

            public void imageProgress(ImageWriter source, float percentageDone) {
            }

            public void imageComplete(ImageWriter source) {
                events.add("complete");
            }

            public void thumbnailStarted(ImageWriter source, int imageIndex, int thumbnailIndex) {
            }

            public void thumbnailProgress(ImageWriter source, float percentageDone) {
            }

            public void thumbnailComplete(ImageWriter source) {
            }

            public void writeAborted(ImageWriter source) {
                events.add("aborted");
            }
        });
        LcImageWriteParam p = new LcImageWriteParam(null);
        p.setEffort(1);
        assertEquals(0, write(writer, img, p).length);
        assertEquals(List.of("started", "aborted"), events);
    }

    @Test
    void readProgressIsReported(@TempDir Path dir) throws Exception {
        Path lc = dir.resolve("x.lc");
        Lc.encode(TestImages.photos().get(0), lc, FAST);
        ImageReader reader = ImageIO.getImageReadersByFormatName("lc").next();
        List<Float> progress = new java.util.ArrayList<>();
        reader.addIIOReadProgressListener(new javax.imageio.event.IIOReadProgressListener() {
            public void sequenceStarted(ImageReader source, int minIndex) {
            }

            public void sequenceComplete(ImageReader source) {
            }

            public void imageStarted(ImageReader source, int imageIndex) {
                progress.add(0f);
            }

            public void imageProgress(ImageReader source, float percentageDone) {
                progress.add(percentageDone);
            }

            public void imageComplete(ImageReader source) {
                progress.add(-1f);
            }

            public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) {
            }

            public void thumbnailProgress(ImageReader source, float percentageDone) {
            }

            public void thumbnailComplete(ImageReader source) {
            }

            public void readAborted(ImageReader source) {
            }
        });
        try (ImageInputStream in = ImageIO.createImageInputStream(lc.toFile())) {
            reader.setInput(in);
            assertEquals(192, reader.read(0).getWidth());
        }
        assertEquals(100f, progress.get(progress.size() - 2));
        assertEquals(-1f, progress.get(progress.size() - 1));
        assertThrows(IndexOutOfBoundsException.class, () -> reader.getWidth(1));
        assertNull(reader.getImageMetadata(0));
        Iterator<javax.imageio.ImageTypeSpecifier> types = reader.getImageTypes(0);
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, types.next().getBufferedImageType());
        assertFalse(types.hasNext());
    }

    // ---------------------------------------------------------------------------------------------

    private static byte[] flip(byte[] file, int at) {
        byte[] b = file.clone();
        b[at] ^= 0x41;
        return b;
    }

    private static String modelOf(byte[] lc) throws FormatException {
        return LcFormat.read(lc).header().mainPlane().modelName();
    }

    /** Writes through ImageIO at this effort level. */
    private static void write(BufferedImage img, Path file, int effort) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("lc").next();
        LcImageWriteParam p = (LcImageWriteParam) writer.getDefaultWriteParam();
        p.setEffort(effort);
        Files.write(file, write(writer, img, p));
        writer.dispose();
    }

    private static byte[] write(ImageWriter writer, BufferedImage img, ImageWriteParam p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), p);
        }
        return bytes.toByteArray();
    }
}
