package io.lcompress.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The reference codecs {@code lcompress bench} compares against: the input PNG as stored, optipng,
 * lossless WebP and lossless JPEG XL (two efforts). Each external tool runs on a temporary copy of the
 * input, with a timeout; the size of its output file on disk is what counts.
 */
final class ExternalCodecs {
    private ExternalCodecs() {
    }

    /** One reference codec: its column name, the tool it needs (null: none) and how to run it. */
    record Codec(String name, String tool, String description, List<String> args, String outputSuffix) {
        /** True for the codec that just reads the stored PNG's size (no tool, no time). */
        boolean storedSize() {
            return tool == null;
        }

        /** The command line, with the executable found for the tool. */
        List<String> command(Path exe, Path in, Path out) {
            List<String> cmd = new ArrayList<>();
            cmd.add(exe.toString());
            for (String a : args) {
                cmd.add(a.equals("IN") ? in.toString() : a.equals("OUT") ? out.toString() : a);
            }
            return cmd;
        }

        /** The command as documented: tool name and options, without file names. */
        String shownCommand() {
            if (storedSize()) {
                return description;
            }
            List<String> shown = new ArrayList<>();
            shown.add(tool);
            for (String a : args) {
                if (!a.equals("IN") && !a.equals("OUT") && !a.equals("-o") && !a.equals("-quiet")
                        && !a.equals("--quiet")) {
                    shown.add(a);
                }
            }
            return String.join(" ", shown);
        }
    }

    static final Codec PNG = new Codec("png", null, "the input PNG as stored", List.of(), ".png");
    /** optipng rewrites its input in place: IN and OUT are the same copy. */
    static final Codec OPTIPNG = new Codec("optipng", "optipng", "optipng -o2",
            List.of("-o2", "-quiet", "OUT"), ".png");
    static final Codec WEBP = new Codec("webp", "cwebp", "lossless WebP",
            List.of("-lossless", "-z", "9", "-exact", "-metadata", "none", "-quiet", "IN", "-o", "OUT"), ".webp");
    static final Codec JXL7 = new Codec("jxl7", "cjxl", "lossless JPEG XL, effort 7",
            List.of("IN", "OUT", "-d", "0", "-e", "7", "--quiet"), ".jxl");
    static final Codec JXL9 = new Codec("jxl9", "cjxl", "lossless JPEG XL, effort 9",
            List.of("IN", "OUT", "-d", "0", "-e", "9", "--quiet"), ".jxl");

    static final List<Codec> ALL = List.of(PNG, OPTIPNG, WEBP, JXL7, JXL9);

    static List<String> names() {
        return ALL.stream().map(Codec::name).toList();
    }

    static Optional<Codec> byName(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(c -> c.name().equals(n)).findFirst();
    }

    /** Finds executables in a list of directories (by default the directories of $PATH). */
    static final class ToolFinder {
        private final List<Path> dirs;

        ToolFinder(List<Path> dirs) {
            this.dirs = List.copyOf(dirs);
        }

        static ToolFinder fromPath() {
            String path = System.getenv("PATH");
            List<Path> dirs = new ArrayList<>();
            if (path != null) {
                for (String d : path.split(File.pathSeparator)) {
                    if (!d.isEmpty()) {
                        try {
                            dirs.add(Path.of(d));
                        } catch (RuntimeException ignored) {
                            // a malformed PATH entry finds nothing
                        }
                    }
                }
            }
            return new ToolFinder(dirs);
        }

        Optional<Path> find(String tool) {
            for (Path d : dirs) {
                Path p = d.resolve(tool);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** Output size in bytes and wall-clock seconds of one run; seconds is NaN for the stored PNG. */
    record Result(long bytes, double seconds) {
    }

    /** A tool that failed, timed out or wrote nothing; the message is for a warning line. */
    static final class ToolFailure extends Exception {
        ToolFailure(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code codec} on a copy of {@code input} inside {@code work} (a private temporary folder) and
     * returns the output's size; the copies and outputs are deleted before returning.
     */
    static Result run(Codec codec, Path exe, Path input, long inputBytes, Path work, long timeoutSeconds)
            throws IOException, ToolFailure {
        if (codec.storedSize()) {
            return new Result(inputBytes, Double.NaN);
        }
        Path in = work.resolve("in.png");
        Path out = work.resolve("out-" + codec.name() + codec.outputSuffix());
        Path log = work.resolve("log-" + codec.name() + ".txt");
        try {
            if (codec == OPTIPNG) {
                Files.copy(input, out, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.copy(input, in, StandardCopyOption.REPLACE_EXISTING);
                Files.deleteIfExists(out);
            }
            double seconds = timedRun(codec.command(exe, in, out), codec.tool(), work, log, timeoutSeconds);
            if (!Files.isRegularFile(out) || Files.size(out) == 0) {
                throw new ToolFailure(codec.tool() + " wrote no output" + lastLine(log));
            }
            return new Result(Files.size(out), seconds);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(log);
        }
    }

    /**
     * Runs {@code cmd} in {@code work}, stdin from the null device, stdout and stderr into {@code log},
     * and returns the wall-clock seconds from starting the process to its exit (the whole command, as a
     * user waits for it). A non-zero exit, a timeout or an interruption is a {@link ToolFailure} whose
     * message names {@code tool} and ends with the log's last line.
     */
    static double timedRun(List<String> cmd, String tool, Path work, Path log, long timeoutSeconds)
            throws IOException, ToolFailure {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean done;
        try {
            done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ToolFailure(tool + " interrupted");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!done) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new ToolFailure(tool + " timed out after " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new ToolFailure(tool + " failed (exit " + p.exitValue() + ")" + lastLine(log));
        }
        return seconds;
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    String l = lines.get(i).strip();
                    return ": " + (l.length() > 200 ? l.substring(0, 200) + "..." : l);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no log: nothing to add
        }
        return "";
    }

    /** The first line of a tool's version output (e.g. {@code cwebp -version}), or null; waits 5 s at most. */
    static String version(Path exe, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        Path log = null;
        try {
            log = Files.createTempFile("lcompress-version-", ".txt");
            Process p = new ProcessBuilder(cmd).directory(log.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String s = Files.readString(log, StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? null : s.lines().findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover temporary file
                }
            }
        }
    }
}
