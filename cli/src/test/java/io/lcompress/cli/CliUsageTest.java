package io.lcompress.cli;

import io.lcompress.codec.image.PngIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.lcompress.cli.CliTest.assertOneLineError;
import static io.lcompress.cli.CliTest.photo;
import static io.lcompress.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command line's forms and failures through the real command: {@code IN OUT} means exactly that,
 * outputs get the permissions of a plain file, a missing output folder is refused, errors name what
 * failed in one line, and usage errors exit 2 with one line and a hint.
 */
class CliUsageTest {
    @TempDir
    Path dir;

    /** A copy of the test photo as {@code bird.png} in the test's folder. */
    private Path bird() throws Exception {
        Path p = dir.resolve("bird.png");
        if (!Files.exists(p)) {
            Files.copy(photo(), p);
        }
        return p;
    }

    private Path encoded() throws Exception {
        Path lc = dir.resolve("good.lc");
        if (!Files.exists(lc)) {
            CliTest.Run r = run("encode", "-q", "-e", "1", bird().toString(), lc.toString());
            assertEquals(0, r.code(), r.err());
        }
        return lc;
    }

    private List<String> names(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Exit 2, "lcompress: ..." and "Try 'lcompress COMMAND --help'.": two lines, no usage, no stack trace. */
    static void assertUsageError(CliTest.Run r, String command) {
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(2, lines.length, "expected a line and a hint: " + r.err());
        assertTrue(lines[0].startsWith("lcompress: "), lines[0]);
        assertEquals("Try '" + (command == null ? "lcompress" : "lcompress " + command) + " --help'.", lines[1]);
        assertFalse(r.err().contains("Usage:"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        assertEquals("", r.out());
    }

    // 6. usage errors

    @Test
    void badOptionValuesAreUsageErrorsOfOneLineAndAHint() throws Exception {
        String in = bird().toString();
        String out = dir.resolve("x.lc").toString();
        for (String t : new String[]{"0", "-1", "abc", "2000"}) {
            CliTest.Run r = run("encode", "--threads", t, in, out);
            assertUsageError(r, "encode");
            assertTrue(r.err().contains("--threads"), r.err());
        }
        assertUsageError(run("decode", "--threads", "0", in, out), "decode");
        CliTest.Run m = run("encode", "--model", "nonexistent", in, out);
        assertUsageError(m, "encode");
        String line = m.err().lines().findFirst().orElseThrow();
        String listed = line.substring(line.indexOf("built in: ") + "built in: ".length(), line.indexOf(';'));
        assertEquals(io.lcompress.codec.model.ModelRegistry.names(), List.of(listed.split(", ")), line);
        assertUsageError(run("eval", "--model", "nonexistent", in), "eval");
        assertUsageError(run("decode", "--model", "nonexistent", in, out), "decode");
        for (String e : new String[]{"0", "10", "x"}) {
            assertUsageError(run("encode", "--effort", e, in, out), "encode");
        }
        assertUsageError(run("encode", "--max-pixels", "0", in, out), "encode");
        assertUsageError(run("bench", "--tool-timeout", "0", in), "bench");
        assertUsageError(run("bench", "--codecs", "gif", in), "bench");
        assertUsageError(run("heatmap", "--max", "-1", in, dir.resolve("h.png").toString()), "heatmap");
        assertFalse(Files.exists(Path.of(out)));
    }

    @Test
    void unknownOptionsAndCommandsAreOneLineAndAHint() {
        CliTest.Run r = run("encode", "--verfy", "in.png", "out.lc");
        assertUsageError(r, "encode");
        assertTrue(r.err().startsWith("lcompress: unknown option '--verfy' (did you mean --verify"), r.err());
        CliTest.Run c = run("frobnicate");
        assertUsageError(c, null);
        assertTrue(c.err().contains("unknown command 'frobnicate'"), c.err());
        assertUsageError(run(), null);
        assertUsageError(run("encode"), "encode");
        assertUsageError(run("heatmap", "a.png", "b.png", "c.png"), "heatmap");
        assertUsageError(run("--bogus"), null);
    }
}
