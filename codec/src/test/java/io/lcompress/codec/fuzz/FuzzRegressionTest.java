package io.lcompress.codec.fuzz;

import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Plain JUnit replay of the round-trip reproducers, independent of Jazzer's provider encoding: every
 * PNG in {@code PngReaderFuzzTestInputs/readPng/roundtrip/} is a valid image that must round-trip
 * through .lc with every built-in model ({@code fast}, and {@code default} where the weights are
 * present) and through PNG, exactly as {@link RoundTripFuzzTest#check} demands of fuzzed images.
 * (PngReaderFuzzTest replays the same files with the fast model only.)
 */
@Timeout(60)
class FuzzRegressionTest {
    static final String ROUND_TRIP_DIR = "PngReaderFuzzTestInputs/readPng/roundtrip";

    static Stream<Arguments> roundTripImages() throws IOException, URISyntaxException {
        URL url = FuzzRegressionTest.class.getResource(ROUND_TRIP_DIR);
        if (url == null) {
            throw new IllegalStateException("no test resources " + ROUND_TRIP_DIR);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no round-trip reproducers in " + ROUND_TRIP_DIR);
        Set<PixelModel> models = new LinkedHashSet<>();
        models.add(ModelRegistry.fast());
        models.add(ModelRegistry.byName("default").orElseThrow());
        List<Arguments> out = new ArrayList<>();
        for (Path f : files) {
            for (PixelModel m : models) {
                out.add(Arguments.of(f.getFileName().toString(), m.name(), f, m));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("roundTripImages")
    void roundTrips(String name, String modelName, Path file, PixelModel model) throws IOException {
        PngImage img = PngIO.read(file);
        RoundTripFuzzTest.check(img, model);
    }
}
