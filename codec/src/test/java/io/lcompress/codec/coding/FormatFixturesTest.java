package io.lcompress.codec.coding;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.image.PngImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A file that decodes today decodes forever: every file in {@code testdata/format-vN/} (written by the
 * lcompress of that format version) decodes to the PNG it was made from ({@code NAME.MODEL.lc} beside
 * {@code NAME.png}, in the same folder or in testdata/).
 */
class FormatFixturesTest {
    static List<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.walk(TestImages.testdata())) {
            return s.filter(p -> p.getParent().getFileName().toString().startsWith("format-v")
                    && p.toString().endsWith(".lc")).sorted().toList();
        }
    }

    static Path original(Path lc) {
        String name = lc.getFileName().toString();
        String stem = name.substring(0, name.indexOf('.'));
        Path beside = lc.resolveSibling(stem + ".png");
        return Files.exists(beside) ? beside : TestImages.testdata().resolve(stem + ".png");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesToTheImageItWasMadeFrom(Path lc) throws Exception {
        byte[] file = Files.readAllBytes(lc);
        String folder = lc.getParent().getFileName().toString();
        assertEquals(Integer.parseInt(folder.substring("format-v".length())), LcFormat.read(file).version());
        PngImage expected = TestImages.read(original(lc));
        assertNull(expected.differenceFrom(LcCodec.decode(file, null, 2).image()), lc.toString());
    }
}
