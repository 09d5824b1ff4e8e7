package io.lcompress.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.lcompress.cli.CliTest.photo;
import static io.lcompress.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progress of encode, decode, eval, bench and train: the bar when asked (drawn at once: the delay is
 * set to 0 here), lines, nothing with -q or when stderr is not a terminal, and the same output bytes.
 */
class ProgressCliTest {
    @TempDir
    Path dir;

    @BeforeEach
    void noDelay() {
        System.setProperty(Progress.DELAY_PROPERTY, "0");
        System.setProperty(Progress.TTY_PROPERTY, "false");    // as when stderr is piped
        Progress.redrawNanos = 0;                               // every update drawn
    }

    @AfterEach
    void restore() {
        System.clearProperty(Progress.DELAY_PROPERTY);
        System.clearProperty(Progress.TTY_PROPERTY);
        Progress.redrawNanos = 50_000_000L;
    }

    /** A bar drawn and then cleared: no newline, redraws with '\r', and it ends on a cleared line. */
    private static void assertClearedBar(String err, String stage) {
        assertTrue(err.contains("\r[") && err.contains("#"), "no bar: " + err);
        assertTrue(err.contains(stage), "no '" + stage + "' in the bar: " + err);
        assertFalse(err.contains("\n"), "the bar left lines behind: " + err);
        assertTrue(err.endsWith("\r"), "the bar is not cleared: " + err);
        String last = err.substring(0, err.length() - 1);
        last = last.substring(last.lastIndexOf('\r') + 1);
        assertTrue(last.isBlank(), "the bar is not cleared: " + err);
    }

    /** Every line as the terminal shows it: what follows its last '\r'. */
    private static String[] visibleLines(String err) {
        return java.util.Arrays.stream(err.split("\n")).map(l -> l.substring(l.lastIndexOf('\r') + 1))
                .filter(l -> !l.isBlank()).toArray(String[]::new);
    }

    /** A bar that wraps cannot be redrawn: every frame fits the width the launcher measured. */
    @Test
    void theBarFitsTheTerminal() throws Exception {
        Path deep = dir.resolve("a-rather-long-folder-name-for-a-photo/and-another-level-below-it");
        Files.createDirectories(deep);
        Path in = deep.resolve("the-photo-with-a-long-name.png");
        Files.copy(photo(), in);
        System.setProperty(Progress.COLUMNS_PROPERTY, "50");
        try {
            CliTest.Run b = run("encode", "-q", "--progress", "bar", "--model", "fast", in.toString(),
                    dir.resolve("x.lc").toString());
            assertEquals(0, b.code(), b.err());
            assertTrue(b.err().contains("["), b.err());
            for (String frame : b.err().split("[\r\n]")) {
                assertTrue(frame.length() <= 49, "frame of " + frame.length() + " characters: " + frame);
            }
        } finally {
            System.clearProperty(Progress.COLUMNS_PROPERTY);
        }
    }

    @Test
    void encodeAndDecodeDrawABarAndWriteTheSameBytes() throws Exception {
        Path plain = dir.resolve("plain.lc");
        Path barred = dir.resolve("barred.lc");
        CliTest.Run p = run("encode", "-q", "--model", "fast", photo().toString(), plain.toString());
        assertEquals(0, p.code(), p.err());
        CliTest.Run b = run("encode", "-q", "--progress", "bar", "--verify", "--model", "fast", photo().toString(),
                barred.toString());
        assertEquals(0, b.code(), b.err());
        assertEquals("", b.out());
        assertClearedBar(b.err(), "encoding");
        assertTrue(b.err().contains("verifying"), b.err());
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(barred));

        Path png1 = dir.resolve("plain.png");
        Path png2 = dir.resolve("barred.png");
        assertEquals(0, run("decode", "-q", plain.toString(), png1.toString()).code());
        CliTest.Run d = run("decode", "-q", "--progress", "bar", plain.toString(), png2.toString());
        assertEquals(0, d.code(), d.err());
        assertClearedBar(d.err(), "decoding");
        assertArrayEquals(Files.readAllBytes(png1), Files.readAllBytes(png2));
    }

    @Test
    void theLaunchersTerminalPropertyTurnsTheBarOn() {
        System.setProperty(Progress.TTY_PROPERTY, "true");
        CliTest.Run r = run("encode", "--model", "fast", photo().toString(), dir.resolve("a.lc").toString());
        assertEquals(0, r.code(), r.err());
        assertClearedBar(r.err(), "encoding");
        assertTrue(r.out().contains(" -> "), r.out());       // the result line, on stdout
    }

    @Test
    void shortWorkDrawsNoBar() {
        System.clearProperty(Progress.DELAY_PROPERTY);     // the real delay: 2 s, longer than this encode
        CliTest.Run r = run("encode", "-q", "--progress", "bar", "--model", "fast", photo().toString(),
                dir.resolve("a.lc").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void pipedDefaultAndQuietPrintNoProgress() {
        CliTest.Run e = run("encode", "--model", "fast", photo().toString(), dir.resolve("a.lc").toString());
        assertEquals(0, e.code(), e.err());
        assertEquals("", e.err());
        CliTest.Run d = run("decode", dir.resolve("a.lc").toString(), dir.resolve("a.png").toString());
        assertEquals(0, d.code(), d.err());
        assertEquals("", d.err());

        System.setProperty(Progress.TTY_PROPERTY, "true");          // even on a terminal
        CliTest.Run q = run("encode", "-q", "--model", "fast", photo().toString(), dir.resolve("b.lc").toString());
        assertEquals(0, q.code(), q.err());
        assertEquals("", q.out());
        assertEquals("", q.err());
        CliTest.Run qd = run("decode", "-q", dir.resolve("b.lc").toString(), dir.resolve("b.png").toString());
        assertEquals("", qd.out() + qd.err());
        CliTest.Run qe = run("eval", "-q", "--model", "fast", photo().toString());
        assertEquals(0, qe.code(), qe.err());
        assertEquals("", qe.err());
        assertTrue(qe.out().contains("TOTAL"), qe.out());
    }

    @Test
    void linesOnePerFile() throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        Files.copy(photo(), in.resolve("a.png"));
        Files.copy(photo().resolveSibling("astronaut-crop.png"), in.resolve("b.png"));
        CliTest.Run r = run("encode", "-q", "--progress", "lines", "--model", "fast", in.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("encode: [1/2] ") && r.err().contains("encode: [2/2] "), r.err());

        // eval: a line per image on stderr when piped, the table on stdout
        CliTest.Run e = run("eval", "--model", "fast", in.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.err().contains("eval: [1/2] ") && e.err().contains("eval: [2/2] "), e.err());
        assertTrue(e.err().contains(" bpsp"), e.err());
        CliTest.Run eb = run("eval", "--progress", "bar", "--model", "fast", in.toString());
        assertEquals(0, eb.code(), eb.err());
        assertClearedBar(eb.err(), "encoding");
        assertTrue(eb.out().contains("TOTAL (2 images)"), eb.out());
    }

    @Test
    void failuresAndResultLinesDoNotMixWithTheBar() throws Exception {
        Path in = Files.createDirectory(dir.resolve("in"));
        Files.copy(photo(), in.resolve("a.png"));
        Files.writeString(in.resolve("b.png"), "not a png");
        Files.copy(photo(), in.resolve("c.png"));
        CliTest.Run r = run("encode", "--progress", "bar", "--model", "fast", in.toString());
        assertEquals(1, r.code(), r.err());
        String[] lines = visibleLines(r.err());
        assertEquals(2, lines.length, r.err());
        assertTrue(lines[0].startsWith("lcompress: ") && lines[0].contains("b.png"), r.err());
        assertEquals("lcompress: 1 of 3 files failed", lines[1]);
        assertTrue(r.out().lines().allMatch(l -> l.contains(" -> ")), r.out());

        // the single-file form: the bar is cleared before the one-line error
        CliTest.Run one = run("encode", "--progress", "bar", in.resolve("b.png").toString(),
                dir.resolve("b.lc").toString());
        assertEquals(1, one.code());
        String[] shown = visibleLines(one.err());
        assertEquals(1, shown.length, one.err());
        assertTrue(shown[0].startsWith("lcompress: "), one.err());
    }

    @Test
    void benchQuietKeepsTheTableAndDropsTheNotes() throws Exception {
        Path csv = dir.resolve("b.csv");
        CliTest.Run r = run("bench", "-q", "--codecs", "none", "--model", "fast", "--csv", csv.toString(),
                photo().toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("TOTAL"), r.out());
        assertTrue(Files.size(csv) > 0);
    }

    @Test
    void trainQuietPrintsNothing() throws Exception {
        Path weights = dir.resolve("tiny.lcw");
        CliTest.Run t = run("train", "-q", "--data", photo().getParent().toString(), "--holdout", "none",
                "--epochs", "1", "--samples-per-epoch", "4096", "--batch", "1024", "--hidden", "8,8", "--out",
                weights.toString());
        assertEquals(0, t.code(), t.err());
        assertEquals("", t.out() + t.err());
        assertTrue(Files.size(weights) > 0);
    }
}
