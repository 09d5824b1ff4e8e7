package io.lcompress.cli;

import io.lcompress.codec.container.BuiltInModels;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.container.LcFormat;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.container.Plane;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JIT compiler a command line runs under: the rule of the launchers' {@code lib/jit-choice.sh}
 * (where it is explained), in Java, for the child JVMs that {@code bench --pareto} times. The levels
 * without a network run under the quick JIT (C1 alone) on images up to {@link #QUICK_MAX_PIXELS}; every
 * other command keeps the default tiered JIT. Every command also compiles loops early ({@link #OSR}) and, where
 * the kernel allows, keeps its heap in huge pages ({@link #hugePages}). Only speed depends on these, never a
 * byte of a file.
 * {@code JitChoiceTest} checks that this class and the script agree.
 */
final class JitChoice {
    /** The JVM options of the quick JIT. */
    static final List<String> QUICK = List.of("-XX:TieredStopAtLevel=1");
    /**
     * The option of every command, under either JIT: loops compiled after 5,000 back-edges instead of
     * 60,000 ({@code JIT_OSR_FLAGS} in the script, which says why).
     */
    static final List<String> OSR = List.of("-XX:Tier3BackEdgeThreshold=5000");
    /**
     * The option of every command where the kernel gives transparent huge pages on request: the heap in
     * 2 MiB pages ({@code JVM_HUGE_PAGE_FLAGS} in the script, which says why).
     */
    static final List<String> HUGE_PAGES = List.of("-XX:+UseTransparentHugePages");
    /** The kernel's transparent huge page mode, e.g. "always [madvise] never". */
    static final Path HUGE_PAGE_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    /** Images up to this many pixels (2 MP) get the quick JIT; larger ones run longer, where C2 pays off. */
    static final long QUICK_MAX_PIXELS = 1L << 21;
    /** The models without a network: encode's {@code --model}, and decode's first model plane. */
    private static final Set<String> QUICK_MODELS = Set.of("fast", "fast2", "fast-ols4", "fast-ols", "ols-pair");
    /** The effort levels that run those models. */
    private static final Set<String> QUICK_EFFORTS = Set.of("1", "2", "3", "4");

    private JitChoice() {
    }

    /**
     * {@link #HUGE_PAGES} when the mode file (as {@link #HUGE_PAGE_MODE}) selects madvise, else none (the
     * script's {@code jvm_huge_pages}).
     */
    static List<String> hugePages(Path modeFile) {
        String mode;
        try (java.io.BufferedReader r = Files.newBufferedReader(modeFile, java.nio.charset.StandardCharsets.US_ASCII)) {
            mode = r.readLine();
        } catch (IOException | RuntimeException e) {
            return List.of();                   // no such file (not Linux, THP not built in): nothing
        }
        return mode != null && mode.contains("[madvise]") ? HUGE_PAGES : List.of();
    }

    /** The JVM options for the lcompress command line {@code args}: {@link #QUICK} or none. */
    static List<String> flags(List<String> args) {
        String command = null;
        String effort = null;
        String model = null;
        String want = null;
        List<String> names = new ArrayList<>();
        for (String a : args) {
            if (want != null) {
                if (want.equals("effort")) {
                    effort = a;
                } else {
                    model = a;
                }
                want = null;
            } else if (command == null) {
                if (!a.startsWith("-")) {
                    command = a;
                }
            } else if (a.equals("-e") || a.equals("--effort")) {
                want = "effort";
            } else if (a.equals("-m") || a.equals("--model")) {
                want = "model";
            } else if (a.startsWith("--effort=")) {
                effort = a.substring("--effort=".length());
            } else if (a.startsWith("--model=")) {
                model = a.substring("--model=".length());
            } else if (a.startsWith("-e") && a.length() > 2) {
                effort = a.substring(2);
            } else if (a.startsWith("-m") && a.length() > 2) {
                model = a.substring(2);
            } else if (!a.startsWith("-")) {
                names.add(a);
            }
        }
        if ("encode".equals(command) || "eval".equals(command)) {
            boolean quick = model != null ? QUICK_MODELS.contains(model) : effort != null && QUICK_EFFORTS.contains(effort);
            if (!quick) {
                return List.of();
            }
            for (String n : names) {
                long pixels = pngPixels(Path.of(n));
                if (pixels >= 0) {
                    return pixels <= QUICK_MAX_PIXELS ? QUICK : List.of();
                }
            }
            return QUICK;
        }
        if ("decode".equals(command)) {
            for (String n : names) {
                byte[] file = lcFile(Path.of(n));
                if (file != null) {
                    return lcQuick(file) ? QUICK : List.of();
                }
            }
        }
        return List.of();
    }

    /** Width x height of a file that starts like a PNG (signature and IHDR), else -1. */
    static long pngPixels(Path file) {
        byte[] head = head(file, 24);
        byte[] start = {(byte) 137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82};
        if (head == null || head.length < 24 || !java.util.Arrays.equals(head, 0, 16, start, 0, 16)) {
            return -1;
        }
        long w = (head[16] & 0xFFL) << 24 | (head[17] & 0xFF) << 16 | (head[18] & 0xFF) << 8 | (head[19] & 0xFF);
        long h = (head[20] & 0xFFL) << 24 | (head[21] & 0xFF) << 16 | (head[22] & 0xFF) << 8 | (head[23] & 0xFF);
        return w * h;
    }

    /** The bytes of a regular file that starts with the .lc magic bytes {@code 8A 4C}, else null. */
    private static byte[] lcFile(Path file) {
        byte[] head = head(file, 2);
        if (head == null || head.length < 2 || head[0] != LcFormat.SHORT_MAGIC[0] || head[1] != LcFormat.SHORT_MAGIC[1]) {
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            return new byte[0];
        }
    }

    /**
     * A version 4 file of at most {@link #QUICK_MAX_PIXELS} pixels that holds a PNG stream or whose first
     * model plane names a model without a network.
     */
    static boolean lcQuick(byte[] file) {
        LcFormat.Parsed parsed;
        try {
            parsed = LcFormat.read(file);
        } catch (FormatException | RuntimeException e) {
            return false;
        }
        LcHeader h = parsed.header();
        if (parsed.version() != 4 || (long) h.width() * h.height() > QUICK_MAX_PIXELS) {
            return false;
        }
        if (h.pngStreamBytes() >= 0) {
            return true;
        }
        for (Plane p : h.planes()) {
            if (p instanceof ModelPlane m) {
                return BuiltInModels.byModel(m.fingerprint(), m.modelName())
                        .map(id -> QUICK_MODELS.contains(id.name())).orElse(false);
            }
        }
        return false;
    }

    private static byte[] head(Path file, int n) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
