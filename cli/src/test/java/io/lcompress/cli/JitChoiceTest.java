package io.lcompress.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launchers' JIT choice ({@code cli/src/dist/lib/jit-choice.sh}) and {@link JitChoice}, its Java twin
 * that bench's child runs use: what they choose for the commands that matter, and that the two agree on
 * every .lc fixture of every format version, on the decoder's fuzz corpus and on every way of writing effort and model.
 */
@Timeout(120)
class JitChoiceTest {
    private static Path root;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findRoot() {
        for (Path p : List.of(Path.of(".."), Path.of("."))) {
            if (Files.isRegularFile(p.resolve("cli/src/dist/lib/jit-choice.sh"))) {
                root = p.toAbsolutePath().normalize();
                return;
            }
        }
        throw new IllegalStateException("cli/src/dist/lib/jit-choice.sh not found");
    }

    /** The flags the script sets for {@code args}, run by bash as the launchers run it (set -euo pipefail). */
    private static List<String> script(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c",
                "set -euo pipefail; source \"$0\"; jit_choice \"$@\"; printf '%s\\n' ${JIT_FLAGS[@]+\"${JIT_FLAGS[@]}\"}",
                root.resolve("cli/src/dist/lib/jit-choice.sh").toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "jit_choice " + args + " failed: " + out);
        return out.isBlank() ? List.of() : Arrays.asList(out.strip().split("\n"));
    }

    private static List<String> both(String... args) throws IOException, InterruptedException {
        List<String> a = List.of(args);
        List<String> java = JitChoice.flags(a);
        assertEquals(java, script(a), "script and JitChoice disagree on " + a);
        return java;
    }

    private static Path fixture(String name) {
        return root.resolve("testdata").resolve(name);
    }

    /** A file with a PNG's signature and IHDR for an image of w x h (all the choice reads). */
    private Path pngHead(String name, int w, int h) throws IOException {
        byte[] b = {(byte) 137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82,
                (byte) (w >>> 24), (byte) (w >>> 16), (byte) (w >>> 8), (byte) w,
                (byte) (h >>> 24), (byte) (h >>> 16), (byte) (h >>> 8), (byte) h, 8, 2, 0, 0, 0};
        return Files.write(tmp.resolve(name), b);
    }

    @Test
    void encodeRunsTheQuickJitAtTheLevelsWithoutANetworkOnImagesUpTo2Megapixels() throws Exception {
        String photo = fixture("coffee-crop.png").toString();
        String big = pngHead("big.png", 2048, 1025).toString();         // 2^21 + 2048 pixels
        String edge = pngHead("edge.png", 2048, 1024).toString();       // exactly 2^21
        List<String> quick = JitChoice.QUICK;
        for (String[] args : List.of(
                new String[]{"encode", "-e", "1", photo}, new String[]{"encode", "-e2", photo},
                new String[]{"encode", "--effort", "2", "-f", photo, "-o", "x.lc"}, new String[]{"encode", "--effort=1", photo},
                new String[]{"-v", "encode", "-q", "-e", "1", photo}, new String[]{"encode", "-m", "fast", photo},
                new String[]{"encode", "--model=fast-ols", photo}, new String[]{"encode", "--model", "ols-pair", photo},
                new String[]{"encode", "-m", "fast-ols4", photo}, new String[]{"encode", "-e", "3", photo},
                new String[]{"encode", "-e", "4", photo},
                new String[]{"eval", "-e", "2", photo}, new String[]{"eval", "-e", "1", tmp.toString()},
                new String[]{"encode", "-e", "1", "-"}, new String[]{"encode", "-e", "1", edge})) {
            assertEquals(quick, both(args), String.join(" ", args));
        }
        for (String[] args : List.of(
                new String[]{"encode", photo}, new String[]{"encode", "-e", "5", photo},
                new String[]{"encode", "-e9", photo}, new String[]{"encode", "-m", "neural-ols", photo},
                new String[]{"encode", "-e", "1", "-m", "wide-ols", photo}, new String[]{"encode", "-e", "1", big},
                new String[]{"encode", "-e", "2", big, photo}, new String[]{"eval", photo}, new String[]{"bench", "-e", "1", photo},
                new String[]{"--version"}, new String[]{"encode", "--help"}, new String[]{})) {
            assertEquals(List.of(), both(args), String.join(" ", args));
        }
    }

    @Test
    void everyCommandCompilesLoopsEarlyAsTheScriptSays() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; source \"$0\"; printf '%s\\n' \"${JIT_OSR_FLAGS[@]}\"",
                root.resolve("cli/src/dist/lib/jit-choice.sh").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals(JitChoice.OSR, Arrays.asList(out.strip().split("\n")));
        assertTrue(JitChoice.OSR.get(0).startsWith("-XX:Tier3BackEdgeThreshold="), JitChoice.OSR.toString());
    }

    @Test
    void hugePagesWhereTheKernelGivesThemOnRequestAsTheScriptSays() throws Exception {
        Map<String, List<String>> modes = new LinkedHashMap<>();
        modes.put("always [madvise] never", JitChoice.HUGE_PAGES);
        modes.put("[always] madvise never", List.of());
        modes.put("always madvise [never]", List.of());
        modes.put("", List.of());
        for (Map.Entry<String, List<String>> mode : modes.entrySet()) {
            Path file = Files.writeString(tmp.resolve("thp-mode"), mode.getKey() + "\n");
            assertEquals(mode.getValue(), JitChoice.hugePages(file), mode.getKey());
            assertEquals(mode.getValue(), scriptHugePages(file.toString()), mode.getKey());
        }
        Path missing = tmp.resolve("no-such-file");
        assertEquals(List.of(), JitChoice.hugePages(missing));
        assertEquals(List.of(), scriptHugePages(missing.toString()));
        // this machine's mode, both ways; a JVM given the option runs without a word on stderr
        assertEquals(JitChoice.hugePages(JitChoice.HUGE_PAGE_MODE), scriptHugePages(""));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(JitChoice.hugePages(JitChoice.HUGE_PAGE_MODE));
        cmd.add("-version");
        Process java = new ProcessBuilder(cmd).start();
        String err = new String(java.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.waitFor(), err);
        assertFalse(err.contains("warning"), err);
    }

    /** The script's jvm_huge_pages for a mode file ("" for the kernel's). */
    private List<String> scriptHugePages(String modeFile) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "set -euo pipefail; source \"$0\"; jvm_huge_pages $1; "
                + "printf '%s\\n' ${HUGE_PAGE_FLAGS[@]+\"${HUGE_PAGE_FLAGS[@]}\"}",
                root.resolve("cli/src/dist/lib/jit-choice.sh").toString(), modeFile).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.isBlank() ? List.of() : Arrays.asList(out.strip().split("\n"));
    }

    @Test
    void decodeFollowsTheFilesFirstModelPlane() throws Exception {
        assertEquals(JitChoice.QUICK, both("decode", fixture("format-v4/photo.fast.lc").toString()));
        assertEquals(JitChoice.QUICK, both("decode", "-f", "-o", "x.png", fixture("format-v4/photo.fast-ols.lc").toString()));
        assertEquals(JitChoice.QUICK, both("decode", fixture("format-v4/photo.ols-pair.lc").toString()));
        assertEquals(JitChoice.QUICK, both("decode", fixture("format-v4/photo.fast-ols4-spikes.lc").toString()));
        assertEquals(JitChoice.QUICK, both("decode", fixture("format-v4/bars-rgb.png-stream.lc").toString()));
        assertEquals(JitChoice.QUICK, both("decode", fixture("format-v4/palette8.fast.lc").toString()));
        assertEquals(List.of(), both("decode", fixture("format-v4/photo.neural-ols.lc").toString()));
        assertEquals(List.of(), both("decode", fixture("format-v4/photo.wide-ols-calibrated.lc").toString()));
        assertEquals(List.of(), both("decode", fixture("format-v4/bilevel-text.bilevel.lc").toString()));
        assertEquals(List.of(), both("decode", "-"));
        // a PNG named first (an existing output, say) is passed over: the .lc file decides
        assertEquals(JitChoice.QUICK, both("decode", "-o", fixture("coffee-crop.png").toString(),
                fixture("format-v4/photo.fast.lc").toString()));
        Path cut = Files.write(tmp.resolve("cut.lc"), Arrays.copyOf(Files.readAllBytes(fixture("format-v4/photo.fast.lc")), 5));
        assertEquals(List.of(), both("decode", cut.toString()));
    }

    @Test
    void scriptAndJavaAgreeOnEveryFixtureAndFuzzInput() throws Exception {
        List<Path> files = new ArrayList<>();
        // the fixtures, and the decoder fuzz corpus: truncated, huge and hostile headers
        for (String dir : List.of("testdata", "codec/src/test/resources/io/lcompress/codec/fuzz")) {
            try (Stream<Path> s = Files.walk(root.resolve(dir))) {
                s.filter(p -> p.toString().endsWith(".lc")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() > 100, "files found: " + files.size());
        int quick = 0;
        for (Path f : files) {
            if (!both("decode", f.toString()).isEmpty()) {
                quick++;
            }
        }
        assertTrue(quick > 20 && quick < files.size(), quick + " of " + files.size() + " fixtures run the quick JIT");
    }
}
