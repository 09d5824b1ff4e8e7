package io.lcompress.codec.image;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.model.ModelRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PNG conformance suite (testdata/pngsuite, PngSuite by Willem van Schaik): every corrupt file
 * ({@code x*.png}) is refused with a one-line message; every other file reads with exactly the samples
 * ImageIO decodes, and through lcompress (fast model) and back to PNG keeps its samples and every other
 * chunk - gamma, chromaticities, ICC profiles, text, time, physical size, colour keys, suggested palettes.
 */
class PngSuiteTest {
    /** The suite's grey and RGB images with a tRNS colour key (refused before chunks were kept). */
    private static final Set<String> COLOUR_KEYS = Set.of("tbbn0g04.png", "tbbn2c16.png", "tbgn2c16.png",
            "tbrn2c08.png", "tbwn0g16.png");

    static Stream<Path> suite() throws IOException {
        Path dir = TestImages.testdata().resolve("pngsuite");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
            assertEquals(175, files.size(), "PngSuite files in " + dir);
            return files.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite")
    void readsValidFilesExactlyAndRefusesCorruptOnes(Path file) throws Exception {
        String name = file.getFileName().toString();
        byte[] png = Files.readAllBytes(file);
        if (name.startsWith("x")) {
            PngIO.UnsupportedImageException e = assertThrows(PngIO.UnsupportedImageException.class,
                    () -> PngIO.read(png), name);
            String message = e.getMessage();
            assertFalse(message.isBlank(), name);
            assertFalse(message.contains("\n"), name + ": " + message);
            return;
        }
        PngImage image = PngIO.read(png);
        assertEquals(png[8 + 8 + 9], image.colorType(), name);
        assertEquals(png[8 + 8 + 8], image.bitDepth(), name);
        ImageIOReference.assertSameSamples(png, image, name);
        if (COLOUR_KEYS.contains(name)) {
            assertTrue(image.chunks().stream().anyMatch(c -> c.type().equals("tRNS")), name + ": colour key kept");
        }
        // every chunk but IHDR, IDAT, IEND (and a palette image's PLTE and tRNS) is kept, in file order
        assertEquals(otherChunks(png, image.colorType() == PngImage.PALETTE),
                image.chunks().stream().map(PngChunk::type).toList(), name);
        LcCodec.Encoded e = LcCodec.encode(image, ModelRegistry.fast(), 1);
        PngImage back = LcCodec.decode(e.file(), null, 1).image();
        assertNull(image.differenceFrom(back), name);
        assertNull(image.differenceFrom(PngIO.read(PngIO.encode(back))), name + " written back");
    }

    /** The types of the chunks of a PNG file that lcompress keeps verbatim, in order. */
    static List<String> otherChunks(byte[] png, boolean paletteImage) {
        List<String> types = new java.util.ArrayList<>();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png, 8, png.length - 8);
        while (b.remaining() >= 12) {
            int length = b.getInt();
            byte[] t = new byte[4];
            b.get(t);
            String type = new String(t, java.nio.charset.StandardCharsets.US_ASCII);
            b.position(b.position() + length + 4);
            boolean rebuilt = Set.of("IHDR", "IDAT", "IEND").contains(type)
                    || paletteImage && (type.equals("PLTE") || type.equals("tRNS"));
            if (!rebuilt) {
                types.add(type);
            }
        }
        return types;
    }

    @org.junit.jupiter.api.Test
    void everyTestdataPhotoMatchesImageIO() throws IOException {
        for (Path p : TestImages.photos()) {
            byte[] png = Files.readAllBytes(p);
            ImageIOReference.assertSameSamples(png, PngIO.read(png), p.getFileName().toString());
        }
    }
}
