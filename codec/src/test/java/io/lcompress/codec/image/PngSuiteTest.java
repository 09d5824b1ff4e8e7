package io.lcompress.codec.image;

import io.lcompress.codec.TestImages;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PNG conformance suite (testdata/pngsuite, PngSuite by Willem van Schaik): every corrupt file
 * ({@code x*.png}) is refused with a one-line message, every grey or RGB file with a tRNS colour key is
 * refused as not supported yet, and every other file reads with exactly the samples ImageIO decodes.
 */
class PngSuiteTest {
    /** The suite's grey and RGB images with a tRNS colour key (the only valid files refused). */
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
    void readsValidFilesExactlyAndRefusesCorruptOnes(Path file) throws IOException {
        String name = file.getFileName().toString();
        byte[] png = Files.readAllBytes(file);
        if (name.startsWith("x") || COLOUR_KEYS.contains(name)) {
            PngIO.UnsupportedImageException e = assertThrows(PngIO.UnsupportedImageException.class,
                    () -> PngIO.read(png), name);
            String message = e.getMessage();
            assertFalse(message.isBlank(), name);
            assertFalse(message.contains("\n"), name + ": " + message);
            if (COLOUR_KEYS.contains(name)) {
                assertTrue(message.contains("not supported yet"), name + ": " + message);
            }
            return;
        }
        PngImage image = PngIO.read(png);
        assertEquals(png[8 + 8 + 9], image.colorType(), name);
        assertEquals(png[8 + 8 + 8], image.bitDepth(), name);
        ImageIOReference.assertSameSamples(png, image, name);
    }

    @org.junit.jupiter.api.Test
    void everyTestdataPhotoMatchesImageIO() throws IOException {
        for (Path p : TestImages.photos()) {
            byte[] png = Files.readAllBytes(p);
            ImageIOReference.assertSameSamples(png, PngIO.read(png), p.getFileName().toString());
        }
    }
}
