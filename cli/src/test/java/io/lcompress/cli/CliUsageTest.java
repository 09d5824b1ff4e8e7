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

    // 1. the two-argument form

    @Test
    void outputFolderReceivesTheInputsName() throws Exception {
        Path in = bird();
        Path empty = Files.createDirectory(dir.resolve("emptydir"));
        CliTest.Run r = run("encode", "-q", "-e", "1", in.toString(), empty + "/");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("bird.lc"), names(empty));
        assertFalse(Files.exists(dir.resolve("bird.lc")), "nothing beside the input");
        // an existing folder without the slash too; decode likewise (x.lc -> DIR/x.png)
        Path other = Files.createDirectory(dir.resolve("other"));
        assertEquals(0, run("encode", "-q", "-e", "1", in.toString(), other.toString()).code());
        assertEquals(List.of("bird.lc"), names(other));
        Path pngs = Files.createDirectory(dir.resolve("pngs"));
        CliTest.Run d = run("decode", "-q", empty.resolve("bird.lc").toString(), pngs + "/");
        assertEquals(0, d.code(), d.err());
        assertEquals(List.of("bird.png"), names(pngs));
        assertArrayEquals(PngIO.read(in).samples().samples(), PngIO.read(pngs.resolve("bird.png")).samples().samples());
    }

    @Test
    void aFileIntoAFolderEncodesOnlyThatFile() throws Exception {
        Path in = bird();
        Path d1 = Files.createDirectories(dir.resolve("d1/sub"));
        Files.copy(photo(), d1.resolve("inner.png"));
        CliTest.Run r = run("encode", "-q", "-e", "1", in.toString(), dir.resolve("d1") + "/");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("bird.lc", "sub"), names(dir.resolve("d1")));
        assertEquals(List.of("inner.png"), names(d1), "the folder's own images are not inputs");
    }

    @Test
    void decodeToAnLcNameWritesNothingElse() throws Exception {
        Path good = encoded();
        Path out = dir.resolve("out.lc");
        CliTest.Run r = run("decode", good.toString(), out.toString());
        assertUsageError(r, "decode");
        assertTrue(r.err().contains("-o " + out), r.err());
        assertFalse(Files.exists(dir.resolve("good.png")), "decode good.lc out.lc wrote good.png");
        assertFalse(Files.exists(out));
        // -o means exactly that, whatever the name
        CliTest.Run o = run("decode", "-q", good.toString(), "-o", out.toString());
        assertEquals(0, o.code(), o.err());
        assertArrayEquals(PngIO.read(bird()).samples().samples(), PngIO.read(out).samples().samples());
        assertFalse(Files.exists(dir.resolve("good.png")));
    }

    @Test
    void folderInputWithFileOutputIsAUsageError() throws Exception {
        Path d1 = Files.createDirectory(dir.resolve("d1"));
        Files.copy(photo(), d1.resolve("bird.png"));
        CliTest.Run r = run("encode", "-e", "1", d1.toString(), dir.resolve("out.lc").toString());
        assertUsageError(r, "encode");
        assertTrue(r.err().contains("is a folder"), r.err());
        assertEquals(List.of("bird.png"), names(d1));
        assertEquals(List.of("d1"), names(dir));
        // a folder into a folder that exists: its outputs go there
        Path to = Files.createDirectory(dir.resolve("to"));
        CliTest.Run f = run("encode", "-q", "-e", "1", d1.toString(), to + "/");
        assertEquals(0, f.code(), f.err());
        assertEquals(List.of("bird.lc"), names(to));
    }

    @Test
    void theSameFileAsInputAndOutputIsRefused() throws Exception {
        Path in = bird();
        byte[] before = Files.readAllBytes(in);
        assertUsageError(run("encode", "-f", "-e", "1", in.toString(), in.toString()), "encode");
        assertUsageError(run("encode", "-f", "-e", "1", in.toString(), "-o", in.toString()), "encode");
        assertUsageError(run("encode", "-f", "-e", "1", in.toString(), "-o", dir.resolve(".").resolve("bird.png").toString()),
                "encode");
        assertArrayEquals(before, Files.readAllBytes(in));
        assertEquals(List.of("bird.png"), names(dir), "nothing written");
        Path lc = encoded();
        assertUsageError(run("decode", "-f", lc.toString(), "-o", lc.toString()), "decode");
    }

    @Test
    void batchWithSeveralInputsALoneFolderOrOutDir() throws Exception {
        Path a = bird();
        Path b = Files.copy(photo(), dir.resolve("b.png"));
        // two existing inputs: both encoded beside themselves
        CliTest.Run r = run("encode", "-q", "-e", "1", a.toString(), b.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(dir.resolve("bird.lc")) && Files.exists(dir.resolve("b.lc")));
        // a lone folder
        Path photos = Files.createDirectory(dir.resolve("photos"));
        Files.copy(photo(), photos.resolve("p.png"));
        assertEquals(0, run("encode", "-q", "-e", "1", photos.toString()).code());
        assertTrue(Files.exists(photos.resolve("p.lc")));
        // a lone file: its output beside it
        Files.delete(dir.resolve("b.lc"));
        assertEquals(0, run("encode", "-q", "-e", "1", b.toString()).code());
        assertTrue(Files.exists(dir.resolve("b.lc")));
        // --out-dir with one input
        Path out = dir.resolve("out");
        assertEquals(0, run("encode", "-q", "-e", "1", "--out-dir", out.toString(), a.toString()).code());
        assertEquals(List.of("bird.lc"), names(out));
        // -o / --output
        assertEquals(0, run("encode", "-q", "-e", "1", a.toString(), "--output", dir.resolve("o.lc").toString()).code());
        assertTrue(Files.size(dir.resolve("o.lc")) > 0);
        assertUsageError(run("encode", "-e", "1", a.toString(), b.toString(), "-o", dir.resolve("x.lc").toString()),
                "encode");
        assertUsageError(run("encode", "-e", "1", a.toString(), "-o", dir.resolve("x.lc").toString(), "-d",
                out.toString()), "encode");
        assertUsageError(run("encode", "-e", "1", "-", dir.resolve("d") + "/"), "encode");
        assertUsageError(run("encode", "-e", "1", "-"), "encode");
        assertFalse(Files.exists(dir.resolve("x.lc")));
    }

    @Test
    void aMissingSecondInputIsAUsageErrorBeforeAnyWork() throws Exception {
        Path in = bird();
        CliTest.Run r = run("encode", "-e", "1", in.toString(), dir.resolve("typo.png").toString());
        assertUsageError(r, "encode");
        assertEquals(List.of("bird.png"), names(dir));
    }

    // 2. output permissions

    private static void assumePosix() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
    }

    /** The permissions of a file the user creates in {@code folder} (the umask's). */
    private static Set<PosixFilePermission> plain(Path folder) throws Exception {
        Path p = Files.createFile(folder.resolve("plain-" + System.nanoTime()));
        try {
            return Files.getPosixFilePermissions(p);
        } finally {
            Files.delete(p);
        }
    }

    private static void assertPlain(Path file) throws Exception {
        assertEquals(PosixFilePermissions.toString(plain(file.getParent())),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
    }

    @Test
    void outputsGetThePermissionsOfAPlainFile() throws Exception {
        assumePosix();
        Path lc = dir.resolve("a.lc");
        assertEquals(0, run("encode", "-q", "-e", "1", bird().toString(), lc.toString()).code());
        assertPlain(lc);
        Path png = dir.resolve("a.png");
        assertEquals(0, run("decode", "-q", lc.toString(), png.toString()).code());
        assertPlain(png);
        Path out = dir.resolve("out");
        assertEquals(0, run("encode", "-q", "-e", "1", "-d", out.toString(), bird().toString()).code());
        assertPlain(out.resolve("bird.lc"));
        Path heat = dir.resolve("heat.png");
        CliTest.Run h = run("heatmap", "-q", "-e", "1", bird().toString(), heat.toString());
        assertEquals(0, h.code(), h.err());
        assertPlain(heat);
    }

    @Test
    void benchFilesGetThePermissionsOfAPlainFileAndTheTotalCountsOneImage() throws Exception {
        assumePosix();
        Path csv = dir.resolve("r.csv");
        Path md = dir.resolve("r.md");
        Path chart = dir.resolve("chart.png");
        CliTest.Run r = run("bench", "--codecs", "none", "--progress", "none", "-e", "1", "--csv", csv.toString(),
                "--md", md.toString(), "--chart", chart.toString(), bird().toString());
        assertEquals(0, r.code(), r.err());
        for (Path p : List.of(csv, md, chart, BenchCharts.companion(chart))) {
            assertPlain(p);
        }
        assertTrue(r.out().contains("TOTAL (1 image)"), r.out());
        assertFalse(r.out().contains("1 images"), r.out());
    }

    @Test
    void forceKeepsTheReplacedFilesPermissions() throws Exception {
        assumePosix();
        Path lc = dir.resolve("a.lc");
        Files.writeString(lc, "old");
        Files.setPosixFilePermissions(lc, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(0, run("encode", "-q", "-f", "-e", "1", bird().toString(), lc.toString()).code());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(lc)));
        assertTrue(Files.size(lc) > 3);
    }

    // 4. a missing output folder

    @Test
    void aMissingOutputFolderIsRefusedUnlessOutDirAsksForIt() throws Exception {
        Path in = bird();
        CliTest.Run r = run("encode", "-e", "1", in.toString(), dir.resolve("nodir/sub/out.lc").toString());
        assertOneLineError(r);
        assertTrue(r.err().contains("no such folder") && r.err().contains("nodir"), r.err());
        assertFalse(Files.exists(dir.resolve("nodir")), "folder created");
        assertOneLineError(run("encode", "-e", "1", in.toString(), dir.resolve("nodir") + "/"));
        assertOneLineError(run("encode", "-e", "1", in.toString(), "-o", dir.resolve("nodir/x.lc").toString()));
        assertOneLineError(run("decode", encoded().toString(), dir.resolve("nodir/x.png").toString()));
        CliTest.Run b = run("bench", "--codecs", "none", "--progress", "none", "-e", "1", "--csv",
                dir.resolve("nodir/r.csv").toString(), in.toString());
        assertOneLineError(b);
        assertEquals("", b.out(), "refused before the work");
        assertFalse(Files.exists(dir.resolve("nodir")));
        // --out-dir creates it, subfolders of a folder input too
        Path photos = Files.createDirectories(dir.resolve("photos/sub"));
        Files.copy(photo(), photos.resolve("p.png"));
        CliTest.Run o = run("encode", "-q", "-e", "1", "--out-dir", dir.resolve("nodir/deep").toString(),
                dir.resolve("photos").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(dir.resolve("nodir/deep/sub/p.lc")));
    }

    // 5. errors name what failed

    /** A folder this process cannot create files in, or none (then the test is skipped). */
    private Path unwritableFolder() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("readonly"));
        try {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
            Files.createFile(ro.resolve("probe")); // root writes anyway
            Files.delete(ro.resolve("probe"));
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions
        } catch (java.nio.file.AccessDeniedException e) {
            return ro;
        }
        Path sys = Path.of("/sys");
        if (Files.isDirectory(sys)) {
            try {
                Files.delete(Files.createFile(sys.resolve("lcompress-probe")));
            } catch (java.io.IOException e) {
                return sys;
            }
        }
        return null;
    }

    @Test
    void anUnwritableOutputIsNamedNotTheTemporaryFileOrTheInput() throws Exception {
        Path ro = unwritableFolder();
        assumeTrue(ro != null, "no unwritable folder");
        try {
            Path in = bird();
            Path out = ro.resolve("out.lc");
            CliTest.Run r = run("encode", "-e", "1", in.toString(), out.toString());
            assertOneLineError(r);
            assertEquals("lcompress: cannot write " + out + ": permission denied", r.err().strip());
            // many files: the same line for each
            Path b = Files.copy(photo(), dir.resolve("b.png"));
            CliTest.Run m = run("encode", "-e", "1", "-d", ro.toString(), in.toString(), b.toString());
            assertEquals(1, m.code(), m.err());
            assertTrue(m.err().lines().anyMatch(l -> l.equals("lcompress: cannot write " + ro.resolve("b.lc")
                    + ": permission denied")), m.err());
            assertFalse(m.err().contains(".tmp"), m.err());
        } finally {
            if (ro.startsWith(dir)) {
                Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    @Test
    void truncatedAndEmptyFilesSaySo() throws Exception {
        byte[] all = Files.readAllBytes(photo());
        Path truncated = dir.resolve("truncated.png");
        Files.write(truncated, Arrays.copyOf(all, 8192 + 100));
        CliTest.Run t = run("encode", "-e", "1", truncated.toString(), dir.resolve("t.lc").toString());
        assertOneLineError(t);
        assertTrue(t.err().startsWith("lcompress: " + truncated + ": truncated PNG"), t.err());
        Path empty = Files.createFile(dir.resolve("empty.png"));
        CliTest.Run e = run("encode", "-e", "1", empty.toString(), dir.resolve("e.lc").toString());
        assertOneLineError(e);
        assertTrue(e.err().contains("empty file"), e.err());
        Path emptyLc = Files.createFile(dir.resolve("empty.lc"));
        CliTest.Run d = run("decode", emptyLc.toString(), dir.resolve("e.png").toString());
        assertOneLineError(d);
        assertTrue(d.err().contains("empty file"), d.err());
        Path lc = encoded();
        Files.write(dir.resolve("short.lc"), Arrays.copyOf(Files.readAllBytes(lc), 2));
        CliTest.Run s = run("decode", dir.resolve("short.lc").toString(), dir.resolve("s.png").toString());
        assertOneLineError(s);
        assertTrue(s.err().contains("truncated"), s.err());
        CliTest.Run h = run("heatmap", "-e", "1", empty.toString(), dir.resolve("h.png").toString());
        assertOneLineError(h);
        assertTrue(h.err().startsWith("lcompress: " + empty + ": empty file"), h.err());
    }

    @Test
    void messagesHaveNoListBrackets() throws Exception {
        Path emptyOut = Files.createDirectory(dir.resolve("emptyout"));
        CliTest.Run d = run("decode", emptyOut.toString());
        assertOneLineError(d);
        assertEquals("lcompress: no *.lc files in " + emptyOut, d.err().strip());
        CliTest.Run e = run("eval", "-e", "1", emptyOut.toString());
        assertOneLineError(e);
        assertFalse(e.err().contains("["), e.err());
    }

    @Test
    void aMissingInputIsNamedOnce() throws Exception {
        Path missing = dir.resolve("nothing.lc");
        CliTest.Run r = run("decode", missing.toString(), dir.resolve("x.png").toString());
        assertOneLineError(r);
        assertEquals("lcompress: no such file: " + missing, r.err().strip());
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
        String lcw = dir.resolve("m.lcw").toString();
        assertUsageError(run("train", "--threads", "0", "--data", dir.toString(), "--out", lcw), "train");
        for (String h : new String[]{"x:abc", "x:-1", "x", ":5"}) {
            CliTest.Run t = run("train", "--holdout", h, "--data", dir.toString(), "--out", lcw);
            assertUsageError(t, "train");
            assertTrue(t.err().contains("--holdout"), t.err());
        }
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
