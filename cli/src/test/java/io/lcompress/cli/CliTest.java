package io.lcompress.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lcompress.codec.image.PngIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Path photo() {
        for (Path p : List.of(Path.of("../testdata/coffee-crop.png"), Path.of("testdata/coffee-crop.png"))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("testdata not found");
    }

    static void assertOneLineError(Run r) {
        assertEquals(1, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "expected one line: " + r.err());
        assertTrue(lines[0].startsWith("lcompress: "), lines[0]);
        assertFalse(r.err().contains("\tat "), "stack trace printed: " + r.err());
    }

    List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void encodeDecodeRoundTripIsExact() throws Exception {
        Path lc = dir.resolve("a.lc");
        Path back = dir.resolve("a.png");
        for (String model : new String[]{"fast", "default"}) {
            Files.deleteIfExists(lc);
            Files.deleteIfExists(back);
            assertEquals(0, run("encode", "--model", model, photo().toString(), lc.toString()).code());
            Run d = run("decode", lc.toString(), back.toString());
            assertEquals(0, d.code(), d.err());
            assertArrayEquals(PngIO.read(photo()).samples().samples(), PngIO.read(back).samples().samples());
            assertTrue(Files.size(lc) < Files.size(photo()));
        }
    }

    @Test
    void anImageCodedTransposedSaysSoAndDecodesAsItWas() throws Exception {
        // chelsea's crop (192x144) codes smaller transposed (the encoder's estimate: -0.34 %)
        Path png = photo().resolveSibling("chelsea-crop.png");
        Path lc = dir.resolve("t.lc");
        Path back = dir.resolve("t.png");
        Run e = run("encode", "-e", "1", png.toString(), lc.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("192x144") && e.out().contains("coded transposed"), e.out());
        Run d = run("decode", lc.toString(), back.toString());
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().contains("192x144"), d.out());
        assertArrayEquals(PngIO.read(png).samples().samples(), PngIO.read(back).samples().samples());
    }

    @Test
    void evalJsonReportsModelAndPayloadBits() throws Exception {
        Run r = run("eval", "--json", "--model", "fast", photo().toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length, r.out());
        JsonNode o = new ObjectMapper().readTree(lines[0]);
        for (String k : new String[]{"image", "width", "height", "channels", "subpixels", "model_bits",
                "payload_bits", "file_bytes", "png_bytes", "bpsp", "png_bpsp"}) {
            assertTrue(o.has(k), "missing " + k);
        }
        double model = o.get("model_bits").asDouble();
        long payload = o.get("payload_bits").asLong();
        assertTrue(Math.abs(payload - model) <= model * 0.001 + 64, payload + " vs " + model);
        assertEquals(192L * 144 * 3, o.get("subpixels").asLong());
        assertEquals("TOTAL", new ObjectMapper().readTree(lines[1]).get("image").asText());
    }

    @Test
    void evalTableHasATotalRow() throws Exception {
        Path photos = Files.createDirectory(dir.resolve("photos"));
        Files.copy(photo(), photos.resolve("a.png"));
        Files.copy(photo().resolveSibling("astronaut-crop.png"), photos.resolve("b.png"));
        Run r = run("eval", "--model", "fast", "--verify", photos.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("TOTAL"), r.out());
        assertTrue(r.out().contains(" round_trip ") && r.out().contains(" exact "), r.out());
    }

    @Test
    void existingOutputIsNotOverwrittenWithoutForce() throws Exception {
        Path lc = dir.resolve("a.lc");
        Files.writeString(lc, "precious");
        assertOneLineError(run("encode", "--model", "fast", photo().toString(), lc.toString()));
        assertEquals("precious", Files.readString(lc));
        assertEquals(0, run("encode", "--force", "--model", "fast", photo().toString(), lc.toString()).code());
        assertFalse(Files.readString(lc, StandardCharsets.ISO_8859_1).equals("precious"));
    }

    @Test
    void badInputGivesOneLineAndNoOutput() throws Exception {
        Path junk = dir.resolve("junk.lc");
        Files.writeString(junk, "this is not a compressed image");
        Path out = dir.resolve("out.png");
        assertOneLineError(run("decode", junk.toString(), out.toString()));
        assertOneLineError(run("decode", dir.resolve("missing.lc").toString(), out.toString()));
        assertOneLineError(run("encode", junk.toString(), dir.resolve("x.lc").toString()));
        Path jpeg = dir.resolve("photo.jpg");
        Files.write(jpeg, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0});
        Run j = run("encode", jpeg.toString(), dir.resolve("y.lc").toString());
        assertOneLineError(j);
        assertTrue(j.err().contains("JPEG"), j.err());
        assertEquals(2, run("encode", "--model", "nosuch", photo().toString(), dir.resolve("z.lc").toString()).code());
        // truncated .lc
        Path lc = dir.resolve("t.lc");
        assertEquals(0, run("encode", "--model", "fast", photo().toString(), lc.toString()).code());
        byte[] all = Files.readAllBytes(lc);
        Files.write(lc, java.util.Arrays.copyOf(all, all.length / 2));
        assertOneLineError(run("decode", lc.toString(), out.toString()));
        assertFalse(Files.exists(out));
        // only the files this test wrote itself remain: no temporaries left behind
        for (Path p : files()) {
            assertFalse(p.getFileName().toString().endsWith(".tmp"), "left behind: " + p);
        }
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        Path junk = dir.resolve("junk.lc");
        Files.writeString(junk, "junk");
        Run r = run("decode", "--verbose", junk.toString(), dir.resolve("o.png").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void trainWritesWeightsThatEncodeAndDecodeUse() throws Exception {
        Path weights = dir.resolve("tiny.lcw");
        Run t = run("train", "--data", photo().getParent().toString(), "--holdout", "none", "--epochs", "1",
                "--samples-per-epoch", "4096", "--batch", "1024", "--hidden", "8,8", "--out", weights.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(Files.size(weights) > 0);
        Path lc = dir.resolve("t.lc");
        Path back = dir.resolve("t.png");
        assertEquals(0, run("encode", "--model", weights.toString(), photo().toString(), lc.toString()).code());
        // decoding needs the same weights: without them the file's model is unknown
        assertOneLineError(run("decode", lc.toString(), back.toString()));
        Run d = run("decode", "--model", weights.toString(), lc.toString(), back.toString());
        assertEquals(0, d.code(), d.err());
        assertArrayEquals(PngIO.read(photo()).samples().samples(), PngIO.read(back).samples().samples());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("encode").code());
        assertEquals(2, run("frobnicate").code());
        assertEquals(0, run("--help").code());
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("lcompress "), v.out());
        for (String c : new String[]{"encode", "decode", "eval", "bench"}) {    // not an empty line
            Run cv = run(c, "-V");
            assertEquals(0, cv.code());
            assertTrue(cv.out().startsWith("lcompress "), c + ": " + cv.out());
        }
    }

    @Test
    void encodeVerifyDecodesBeforeWriting() throws Exception {
        Path lc = dir.resolve("v.lc");
        Run r = run("encode", "--verify", "--model", "fast", photo().toString(), lc.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("verified"), r.out());
        assertTrue(Files.size(lc) > 0);
    }

    @Test
    void maxPixelsRefusesOneLineAndWritesNothing() throws Exception {
        Path lc = dir.resolve("big.lc");
        Run r = run("encode", "--max-pixels", "1000", photo().toString(), lc.toString());
        assertOneLineError(r);
        assertTrue(r.err().contains("exceeds the limit of 1000 pixels"), r.err());
        assertFalse(Files.exists(lc));
        assertEquals(0, run("encode", "-m", "fast", photo().toString(), lc.toString()).code());
        Path png = dir.resolve("big.png");
        r = run("decode", "--max-pixels", "1000", lc.toString(), png.toString());
        assertOneLineError(r);
        assertTrue(r.err().contains("exceeds the limit"), r.err());
        assertFalse(Files.exists(png));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(lc), left.toList(), "no temporary or partial files");
        }
        assertEquals(2, run("encode", "--max-pixels", "abc", photo().toString(), lc.toString()).code());
    }

    @Test
    void outOfMemoryIsOneLine() {
        Batch.Job job = new Batch.Job(Path.of("in.png"), dir.resolve("out.lc"));
        UserException e = org.junit.jupiter.api.Assertions.assertThrows(UserException.class,
                () -> Batch.run(List.of(job), true, false, true, j -> {
                    throw new OutOfMemoryError("Java heap space");
                }));
        assertTrue(e.getMessage().startsWith("in.png: needs more memory than the Java heap allows ("), e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /** decode streams rows into the output PNG: every fixture kind (16-bit, palette, interlaced, RGBA) exactly. */
    @Test
    void decodeStreamsEveryKindExactly() throws Exception {
        Path fixtures = photo().resolveSibling("format-v3");
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path lc : files.filter(f -> f.toString().endsWith(".lc")).sorted().toList()) {
                String stem = lc.getFileName().toString().substring(0, lc.getFileName().toString().indexOf('.'));
                Path original = Files.exists(fixtures.resolve(stem + ".png")) ? fixtures.resolve(stem + ".png")
                        : photo().resolveSibling(stem + ".png");
                Path out = dir.resolve(stem + ".png");
                Run r = run("decode", "-f", lc.toString(), out.toString());
                assertEquals(0, r.code(), r.err());
                assertEquals(null, PngIO.read(original).differenceFrom(PngIO.read(out)), lc.toString());
            }
        }
    }
}
