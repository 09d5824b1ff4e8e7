package io.lcompress.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: the coding tool does not need the training libraries (Deeplearning4j, ND4J, about 150 MB),
 * train says in one line when they are missing, and train prints no SLF4J warnings. Each case runs
 * the real command in a child JVM (a fresh class path; SLF4J reports its binding once per JVM).
 */
class TrainingLibrariesTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result java(List<String> classPath, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classPath), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Path out = Files.createTempFile("lcompress-out", ".txt");
        Path err = Files.createTempFile("lcompress-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static List<String> testClassPath() {
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    /** This test's class path without lcompress-model, Deeplearning4j, ND4J and their native libraries. */
    static List<String> withoutTrainingLibraries() {
        List<String> kept = testClassPath().stream().filter(e -> {
            String s = e.replace('\\', '/');
            return !(s.contains("/org/deeplearning4j/") || s.contains("/org/nd4j/") || s.contains("/org/bytedeco/")
                    || s.contains("/model/target/") || s.contains("lcompress-model"));
        }).collect(Collectors.toList());
        assertTrue(kept.size() < testClassPath().size(), "nothing removed from " + testClassPath());
        return kept;
    }

    @Test
    void encodeAndDecodeNeedNoTrainingLibrariesAndTrainSaysWhatIsMissing() throws Exception {
        List<String> cp = withoutTrainingLibraries();
        Path lc = dir.resolve("a.lc");
        Path back = dir.resolve("a.png");
        Result e = java(cp, "encode", "-q", CliTest.photo().toString(), lc.toString());
        assertEquals(0, e.code(), e.err());
        Result d = java(cp, "decode", "-q", lc.toString(), back.toString());
        assertEquals(0, d.code(), d.err());
        assertArrayEquals(io.lcompress.codec.image.PngIO.read(CliTest.photo()).samples().samples(),
                io.lcompress.codec.image.PngIO.read(back).samples().samples());

        Result t = java(cp, "train", "--data", dir.toString(), "--out", dir.resolve("x.lcw").toString());
        assertEquals(1, t.code(), t.err());
        String[] lines = t.err().strip().split("\n");
        assertEquals(1, lines.length, t.err());
        assertTrue(lines[0].startsWith("lcompress: train needs the training libraries"), lines[0]);
        Result help = java(cp, "train", "--help");
        assertEquals(0, help.code(), help.err());
    }

    @Test
    void trainPrintsNoSlf4jWarnings() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.copy(CliTest.photo(), data.resolve("a.png"));
        Path weights = dir.resolve("tiny.lcw");
        Result t = java(testClassPath(), "train", "--data", data.toString(), "--holdout", "none", "--epochs", "1",
                "--samples-per-epoch", "2048", "--batch", "1024", "--hidden", "8,8", "--out", weights.toString());
        assertEquals(0, t.code(), t.err());
        assertTrue(Files.size(weights) > 0);
        assertFalse(t.err().contains("SLF4J"), t.err());
    }
}
