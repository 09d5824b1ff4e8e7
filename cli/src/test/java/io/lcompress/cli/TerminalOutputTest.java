package io.lcompress.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, problem 8: {@code encode x.png -} (and {@code decode x.lc -}) with stdout on a terminal
 * refuse with one line and exit 1, as gzip and zstd do; redirected, they write the data.
 */
class TerminalOutputTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(Terminal.PROPERTY);
    }

    @Test
    void binaryOutputToATerminalIsRefused() throws Exception {
        Path lc = dir.resolve("a.lc");
        assertEquals(0, CliTest.run("encode", "-q", "--model", "fast", CliTest.photo().toString(), lc.toString()).code());
        System.setProperty(Terminal.PROPERTY, "true");      // as the launcher passes it when [ -t 1 ]
        for (String[] args : List.of(new String[]{"encode", "--model", "fast", CliTest.photo().toString(), "-"},
                new String[]{"decode", lc.toString(), "-"})) {
            CliTest.Run r = CliTest.run(args);
            CliTest.assertOneLineError(r);
            assertTrue(r.err().contains("terminal"), r.err());
            assertEquals("", r.out(), "nothing on stdout");
        }
        System.setProperty(Terminal.PROPERTY, "false");
        CliTest.Run e = CliTest.run("encode", "--model", "fast", CliTest.photo().toString(), "-");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().length() > 1000, "the file went to stdout");
        CliTest.Run d = CliTest.run("decode", lc.toString(), "-");
        assertEquals(0, d.code(), d.err());
        assertTrue(d.out().startsWith("\uFFFDPNG"), "a PNG went to stdout");
    }

    @Test
    void terminalDevicesAreRecognisedByName() {
        assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
        assertTrue(Terminal.isTerminalDevice("/dev/console"));
        assertFalse(Terminal.isTerminalDevice("/dev/null"));
        assertFalse(Terminal.isTerminalDevice("pipe:[123456]"));
        assertFalse(Terminal.isTerminalDevice("/home/me/out.lc"));
    }

    /**
     * Without the launcher's property: a child JVM whose stdout is a real pseudo-terminal (util-linux
     * {@code script}) refuses, and the same command with stdout in a file writes the data.
     */
    @Test
    void aRealTerminalIsDetectedWithoutTheLauncher() throws Exception {
        Path script = Path.of("/usr/bin/script");
        Assumptions.assumeTrue(Files.isExecutable(script) && Files.isDirectory(Path.of("/proc/self/fd")),
                "needs util-linux script and /proc: skipped");
        Process probe = new ProcessBuilder(script.toString(), "-q", "-e", "-c", "true", "/dev/null")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "script cannot open a pseudo-terminal here: skipped");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cmd = quote(javaBin) + " -cp " + quote(System.getProperty("java.class.path")) + " "
                + Main.class.getName() + " encode --model fast " + quote(CliTest.photo().toAbsolutePath().toString()) + " -";
        List<String> argv = new ArrayList<>(List.of(script.toString(), "-q", "-e", "-c", cmd, "/dev/null"));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out");
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("lcompress: not writing binary data to a terminal"), out);
        assertFalse(out.contains("\u008ALC"), "no data reached the terminal: " + out);

        Path file = dir.resolve("out.lc");
        Process q = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "encode", "-q", "--model", "fast", CliTest.photo().toString(), "-")
                .redirectOutput(file.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(q.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, q.exitValue());
        assertTrue(Files.size(file) > 1000);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
