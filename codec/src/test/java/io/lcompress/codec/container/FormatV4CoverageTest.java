package io.lcompress.codec.container;

import io.lcompress.codec.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixtures of {@code testdata/format-v4/} (written by {@code FormatV4FixturesGenerator}, decoded by
 * {@code FormatFixturesTest}) together cover every feature of format version 4, so that a file of each
 * kind the format allows keeps decoding forever. The lists are derived from the code's constants where
 * it has them (plane kinds, widening modes, stages, header flags, palette modes, built-in model ids,
 * colour types and bit depths, chunk positions): a feature added without a fixture fails here.
 */
class FormatV4CoverageTest {
    record Fixture(String name, byte[] bytes, LcHeader header) {
        /** The flags varint of the compact header (0 when the image byte announces none). */
        int flags() {
            if ((bytes[3] & 0x80) == 0) {
                return 0;
            }
            int at = 4;
            for (int v = 0; v < 2; v++) {           // width - 1, height - 1
                while ((bytes[at++] & 0x80) != 0) {
                    // continuation bytes
                }
            }
            int flags = 0;
            for (int shift = 0; ; shift += 7) {
                int b = bytes[at++] & 0xFF;
                flags |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return flags;
                }
            }
        }

        List<ModelPlane> modelPlanes() {
            return header.planes().stream().filter(p -> p instanceof ModelPlane).map(p -> (ModelPlane) p).toList();
        }
    }

    static List<Fixture> fixtures;

    @BeforeAll
    static void read() throws IOException, FormatException {
        Path dir = TestImages.testdata().resolve("format-v4");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".lc")).sorted().toList();
        }
        fixtures = new ArrayList<>();
        for (Path p : files) {
            byte[] b = Files.readAllBytes(p);
            LcFormat.Parsed parsed = LcFormat.read(b);
            assertEquals(FormatV4.VERSION, parsed.version(), p.toString());
            fixtures.add(new Fixture(p.getFileName().toString(), b, parsed.header()));
        }
        assertFalse(fixtures.isEmpty(), "no fixtures in " + dir);
    }

    /** The values of the {@code public static final int} fields of {@code type} whose names pass {@code names}. */
    static Set<Integer> constants(Class<?> type, Predicate<String> names) throws IllegalAccessException {
        Set<Integer> values = new TreeSet<>();
        for (Field f : type.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && Modifier.isPublic(m) && f.getType() == int.class
                    && names.test(f.getName())) {
                values.add(f.getInt(null));
            }
        }
        assertFalse(values.isEmpty(), "no constants in " + type.getSimpleName());
        return values;
    }

    static void assertCovered(String what, Set<Integer> wanted, Set<Integer> seen) {
        Set<Integer> missing = new TreeSet<>(wanted);
        missing.removeAll(seen);
        assertTrue(missing.isEmpty(), "no format-v4 fixture has " + what + " " + missing
                + " (add one to FormatV4FixturesGenerator)");
    }

    static void assertAny(String what, Predicate<Fixture> p) {
        assertTrue(fixtures.stream().anyMatch(p), "no format-v4 fixture has " + what
                + " (add one to FormatV4FixturesGenerator)");
    }

    static Set<Integer> bits(int mask) {
        Set<Integer> s = new TreeSet<>();
        for (int b = 0; b < 32; b++) {
            if ((mask >>> b & 1) != 0) {
                s.add(1 << b);
            }
        }
        return s;
    }

    @Test
    void everyPlaneKind() throws IllegalAccessException {
        Set<Integer> seen = new TreeSet<>();
        fixtures.forEach(f -> f.header().planes().forEach(p -> seen.add(p.kind())));
        assertCovered("plane kind", constants(Plane.class, n -> true), seen);
    }

    @Test
    void everyWideningMode() throws IllegalAccessException {
        Set<Integer> seen = new TreeSet<>();
        fixtures.forEach(f -> f.header().planes().forEach(p -> {
            if (p instanceof WidenedLowBytes w) {
                seen.add(w.mode());
            }
        }));
        assertCovered("widening mode", constants(WidenedLowBytes.class, n -> true), seen);
    }

    @Test
    void everyStage() {
        Set<Integer> seen = new TreeSet<>();
        fixtures.forEach(f -> f.modelPlanes().forEach(m -> seen.addAll(bits(m.stages()))));
        assertCovered("stage", bits(ModelPlane.KNOWN_STAGES), seen);
    }

    @Test
    void colourSetsAndMasks() {
        assertAny("a colour set", f -> f.modelPlanes().stream().anyMatch(m -> m.colourSet() != null));
        // the encoder's model planes code at most 3 channels (alpha is a plane of its own): masks of channels 0..2
        Set<Integer> seen = new TreeSet<>();
        fixtures.forEach(f -> f.modelPlanes().forEach(m -> {
            for (int c = 0; c < m.channels(); c++) {
                if (m.alphabetMasks()[c] != null) {
                    seen.add(c);
                }
            }
        }));
        assertCovered("a mask on plane channel", Set.of(0, 1, 2), seen);
        // a mask on a plane that does not start at channel 0 (an alpha plane)
        assertAny("a mask on a plane after the first", f -> f.modelPlanes().stream()
                .anyMatch(m -> m.firstChannel() > 0 && m.alphabetMasks()[0] != null));
    }

    @Test
    void everyHeaderFlag() {
        Set<Integer> seen = new TreeSet<>();
        fixtures.forEach(f -> seen.addAll(bits(f.flags())));
        assertCovered("header flag", bits(FormatV4.KNOWN_FLAGS), seen);
        assertAny("a stored (non-default) stripe height", f -> !f.header().isPngStream()
                && f.header().stripeRows() != StripePlan.defaultRows(f.header().width(), f.header().height()));
        assertAny("several stripes", f -> !f.header().isPngStream() && f.header().stripeCount() > 1);
        assertAny("a transposed image of several stripes", f -> f.header().transposed() && f.header().stripeCount() > 1);
        assertAny("a transposed 16-bit image", f -> f.header().transposed() && f.header().bitDepth() == 16);
        assertAny("a transposed palette image", f -> f.header().transposed() && f.header().colorType() == 3);
        assertAny("a transposed interlaced image", f -> f.header().transposed() && f.header().interlaced());
    }

    @Test
    void everyColourTypeAndBitDepth() {
        Set<Integer> wanted = new TreeSet<>();
        Set<Integer> seen = new TreeSet<>();
        for (int ct = 0; ct < 8; ct++) {
            for (int depth = 1; depth <= 16; depth *= 2) {
                if (LcFormat.validDepth(ct, depth)) {
                    wanted.add(ct * 100 + depth);
                }
            }
        }
        fixtures.forEach(f -> seen.add(f.header().colorType() * 100 + f.header().bitDepth()));
        assertCovered("colour type x 100 + bit depth", wanted, seen);
        assertAny("an Adam7-interlaced image coded in planes", f -> f.header().interlaced() && !f.header().isPngStream());
        assertAny("a 16-bit image", f -> f.header().bitDepth() == 16);
    }

    @Test
    void everyPaletteMode() throws IllegalAccessException {
        Set<Integer> seen = new TreeSet<>();
        fixtures.stream().filter(f -> f.header().colorType() == 3 && !f.header().isPngStream())
                .forEach(f -> seen.add(f.header().paletteMode()));
        assertCovered("palette mode", constants(LcHeader.class, n -> n.startsWith("PALETTE_")), seen);
        assertAny("a translucent palette coded in planes", f -> f.header().colorType() == 3
                && !f.header().isPngStream() && LcHeader.paletteHasAlpha(f.header().palette()));
        assertAny("a translucent palette in a PNG stream", f -> f.header().colorType() == 3
                && f.header().isPngStream() && LcHeader.paletteHasAlpha(f.header().palette()));
    }

    @Test
    void keptChunks() {
        Set<Integer> positions = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        fixtures.forEach(f -> f.header().chunks().forEach(c -> {
            positions.add(c.position());
            types.add(c.type());
        }));
        Set<Integer> allPositions = new TreeSet<>();
        for (int p = 0; p <= KeptChunk.MAX_POSITION; p++) {
            allPositions.add(p);
        }
        assertCovered("a chunk at position", allPositions, positions);
        for (String t : List.of("gAMA", "cHRM", "iCCP", "sBIT", "bKGD", "pHYs", "tIME", "tEXt", "zTXt", "iTXt")) {
            assertTrue(types.contains(t), "no format-v4 fixture keeps a " + t + " chunk");
        }
        assertAny("a private chunk", f -> f.header().chunks().stream()
                .anyMatch(c -> Character.isLowerCase(c.type().charAt(1))));
        assertAny("a suggested palette (PLTE in an RGB image)", f -> f.header().colorType() != 3
                && f.header().chunks().stream().anyMatch(c -> c.type().equals("PLTE")));
        assertAny("a grey colour key", f -> f.header().colorType() == 0
                && f.header().chunks().stream().anyMatch(c -> c.type().equals("tRNS")));
        assertAny("an RGB colour key", f -> f.header().colorType() == 2
                && f.header().chunks().stream().anyMatch(c -> c.type().equals("tRNS")));
        assertAny("kept chunks in a palette image", f -> f.header().colorType() == 3 && !f.header().chunks().isEmpty());
        assertAny("kept chunks with a PNG stream", f -> f.header().isPngStream() && !f.header().chunks().isEmpty());
    }

    @Test
    void pngStreams() {
        assertAny("a PNG stream", f -> f.header().isPngStream());
        assertAny("a PNG stream of a palette image", f -> f.header().isPngStream() && f.header().colorType() == 3);
        assertAny("a PNG stream of a non-palette image", f -> f.header().isPngStream() && f.header().colorType() != 3);
        assertAny("an interlaced PNG stream", f -> f.header().isPngStream() && f.header().interlaced());
    }

    /** A plane's stripes as letters: r raw, c coded ("" without stripes). */
    static String stripeKinds(Plane p) {
        StringBuilder sb = new StringBuilder();
        if (p.stripes() != null) {
            for (boolean r : p.stripes().raw()) {
                sb.append(r ? 'r' : 'c');
            }
        }
        return sb.toString();
    }

    @Test
    void rawStripes() {
        assertAny("a raw stripe", f -> f.header().planes().stream().anyMatch(p -> stripeKinds(p).contains("r")));
        assertAny("raw and coded stripes in one plane", f -> f.header().planes().stream()
                .anyMatch(p -> stripeKinds(p).contains("r") && stripeKinds(p).contains("c")));
    }

    @Test
    void everyBuiltInModelAndACustomOne() {
        Set<Integer> wanted = new TreeSet<>();
        BuiltInModels.TABLE.forEach(id -> wanted.add(id.id()));
        Set<Integer> seen = new TreeSet<>();
        fixtures.forEach(f -> f.modelPlanes().forEach(m -> seen.add(BuiltInModels.byModel(m.fingerprint(),
                m.modelName()).map(BuiltInModels.Id::id).orElse(BuiltInModels.CUSTOM))));
        wanted.add(BuiltInModels.CUSTOM);
        assertCovered("model id", wanted, seen);
        // the custom model is stored by id 0 with its name and fingerprint: its name is not a built-in's
        assertAny("a custom model's plane", f -> f.modelPlanes().stream()
                .anyMatch(m -> BuiltInModels.TABLE.stream().noneMatch(id -> id.name().equals(m.modelName()))));
    }

    @Test
    void fixturesAreSmall() {
        long total = 0;
        for (Fixture f : fixtures) {
            assertTrue(f.bytes().length <= 20_000, f.name() + ": " + f.bytes().length + " bytes");
            total += f.bytes().length;
        }
        assertTrue(total <= 300_000, "format-v4 fixtures: " + total + " bytes");
    }
}
