package io.lcompress.cli;

import io.lcompress.codec.Limits;
import io.lcompress.codec.coding.Effort;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs behind {@code lcompress bench --pareto}: every codec setting is run as a command of its own
 * on every image, encode and decode timed separately, whole (process start included), as a user waits
 * for it. lcompress runs as a child JVM with this JVM's java and class path, so that its start-up
 * counts as cjxl's process start does; every .lc file is decoded by {@code lcompress decode} and the
 * PNG it writes is compared with the input (a difference fails the run). The reference tools' outputs
 * are measured, not checked.
 */
final class ParetoBench {
    /** The cwebp options of the chart: the same as bench's webp column. */
    static final List<String> CWEBP_OPTIONS = List.of("-lossless", "-z", "9", "-exact", "-metadata", "none");

    private final List<Integer> levels;
    private final List<Integer> jxlEfforts;
    private final boolean png;
    private final boolean webp;
    private final int repeat;
    private final Integer threads;
    private final Long maxPixels;
    private final Limits limits;
    private final long toolTimeout;
    private List<String> lcompress;
    /** Whether lcompress is this JVM as a child (then it gets a class-data sharing archive, as the launcher makes). */
    private final boolean childJvm;
    /** The huge-page option of every child JVM (the kernel's mode, read once a run: {@link JitChoice#hugePages}). */
    private final List<String> hugePages;
    private final ExternalCodecs.ToolFinder finder;
    private final Progress.Mode progressMode;
    private final PrintStream err;

    /** What a run found: its report and how many images or points failed (each makes the exit code 1). */
    record Outcome(ParetoReport report, int failures) {
    }

    /**
     * @param lcompress the command that starts lcompress, before its subcommand (null: this JVM's java
     *                  and class path, see {@link #thisJvm()})
     * @param threads   lcompress's --threads, or null for its default
     * @param maxPixels lcompress's --max-pixels, or null for its default
     */
    ParetoBench(List<Integer> levels, List<Integer> jxlEfforts, boolean png, boolean webp, int repeat,
                Integer threads, Long maxPixels, Limits limits, long toolTimeout, List<String> lcompress,
                ExternalCodecs.ToolFinder finder, Progress.Mode progressMode, PrintStream err) {
        this.levels = List.copyOf(levels);
        this.jxlEfforts = List.copyOf(jxlEfforts);
        this.png = png;
        this.webp = webp;
        this.repeat = repeat;
        this.threads = threads;
        this.maxPixels = maxPixels;
        this.limits = limits;
        this.toolTimeout = toolTimeout;
        this.lcompress = lcompress == null ? thisJvm() : List.copyOf(lcompress);
        this.childJvm = lcompress == null;
        this.hugePages = childJvm ? JitChoice.hugePages(JitChoice.HUGE_PAGE_MODE) : List.of();
        this.finder = finder;
        this.progressMode = progressMode;
        this.err = err;
    }

    /**
     * This JVM as a command: its {@code java}, the incubating Vector API module when this JVM has it
     * (as the launcher script passes it), the heap options it was given, its class path and lcompress's
     * main class.
     */
    static List<String> thisJvm() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        }
        try {
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (a.startsWith("-Xmx") || a.startsWith("-Xms")) {
                    cmd.add(a);
                }
            }
        } catch (RuntimeException | LinkageError ignored) {
            // no management beans: the child gets the default heap
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        return cmd;
    }

    /** One executable per tool, or null where it is missing. */
    private record Tools(Path cjxl, Path djxl, Path cwebp, Path dwebp) {
    }

    Outcome run(List<BenchCommand.Input> images) throws IOException {
        Tools tools = findTools();
        Map<String, String> versions = new LinkedHashMap<>();
        version(versions, "cjxl", tools.cjxl, "--version");
        version(versions, "djxl", tools.djxl, "--version");
        if (tools.cwebp != null) {
            String v = ExternalCodecs.version(tools.cwebp, "-version");
            if (v != null) {
                versions.put("cwebp", "cwebp " + v);
            }
        }
        if (tools.dwebp != null) {
            String v = ExternalCodecs.version(tools.dwebp, "-version");
            if (v != null) {
                versions.put("dwebp", "dwebp " + v);
            }
        }
        ParetoReport report = new ParetoReport(repeat, threads, versions);
        List<Runner> runners = runners(report, tools);
        int failures = 0;
        Progress progress = new Progress(progressMode, images.size(), err);
        Path work = Files.createTempDirectory("lcompress-pareto-");
        try {
            warmUp(work, images.isEmpty() ? null : images.get(0).path());
            for (int i = 0; i < images.size(); i++) {
                BenchCommand.Input in = images.get(i);
                progress.stage(i, in.name(), "reading");
                PngImage img;
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(in.path());
                    img = PngIO.read(bytes, limits);
                } catch (IOException | RuntimeException e) {
                    failures++;
                    progress.note("lcompress: " + in.name() + ": " + Failures.describe(e));
                    continue;
                }
                Path copy = work.resolve("in.png");
                Files.write(copy, bytes);       // the bytes that were checked: every tool reads exactly them
                Image image = new Image(in.name(), copy, img, bytes.length * 8L, subpixels(img),
                        (long) img.width() * img.height());
                report.images++;
                report.pixels += image.pixels;
                report.subpixels += image.subpixels;
                for (Runner r : runners) {
                    try {
                        r.run(image, work, i, progress);
                    } catch (PointFailure f) {
                        r.point.complete = false;
                        if (f.fatal) {
                            failures++;
                            progress.note("lcompress: " + in.name() + ": " + f.getMessage());
                        } else {
                            progress.note("lcompress: warning: " + in.name() + ": " + f.getMessage() + "; no "
                                    + r.point.label + " point");
                        }
                    }
                }
                progress.done(i, in.name(), "");
            }
        } finally {
            progress.finish();
            BenchCommand.deleteTree(work);
        }
        return new Outcome(report, failures);
    }

    private Tools findTools() {
        Path cjxl = null;
        Path djxl = null;
        if (!jxlEfforts.isEmpty()) {
            cjxl = finder.find("cjxl").orElse(null);
            if (cjxl == null) {
                err.println("cjxl not found: cjxl points skipped");
            } else {
                djxl = finder.find("djxl").orElse(null);
                if (djxl == null) {
                    err.println("djxl not found: no cjxl decode times");
                }
            }
        }
        Path cwebp = null;
        Path dwebp = null;
        if (webp) {
            cwebp = finder.find("cwebp").orElse(null);
            if (cwebp == null) {
                err.println("cwebp not found: cwebp point skipped");
            } else {
                dwebp = finder.find("dwebp").orElse(null);
                if (dwebp == null) {
                    err.println("dwebp not found: no cwebp decode time");
                }
            }
        }
        return new Tools(cjxl, djxl, cwebp, dwebp);
    }

    private static void version(Map<String, String> versions, String tool, Path exe, String arg) {
        if (exe != null) {
            String v = ExternalCodecs.version(exe, arg);
            if (v != null) {
                versions.put(tool, v);
            }
        }
    }

    /**
     * Starts lcompress once, untimed, so that the first timed run does not read the jars from disk. For
     * the child JVM, that run is {@link ArchiveWorkload} under the interpreter, which records the classes
     * of coding in a class-data sharing archive that the timed runs then map - as the {@code lcompress}
     * launcher does on a user's machine from its second run on (start-up as users see it, not a cold first
     * run).
     */
    private void warmUp(Path work, Path firstImage) {
        if (levels.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(lcompress);
        Path archive = work.resolve("lcompress-cds.jsa");
        if (childJvm && firstImage != null) {
            // as the launcher records it: ArchiveWorkload under the interpreter alone (its javadoc says why)
            cmd.addAll(1, List.of("-Xint", "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            cmd.set(cmd.size() - 1, ArchiveWorkload.class.getName());
        } else {
            cmd.add("--version");
        }
        try {
            ExternalCodecs.timedRun(cmd, "lcompress", work, work.resolve("warm-up.txt"), toolTimeout);
        } catch (IOException | ExternalCodecs.ToolFailure ignored) {
            // the timed runs report a lcompress that does not start
        }
        if (childJvm && Files.isRegularFile(archive)) {
            List<String> withArchive = new ArrayList<>(lcompress);
            withArchive.addAll(1, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            lcompress = List.copyOf(withArchive);
        }
    }

    /** An image as the runners see it: a private copy, its pixels, size and subpixels. */
    private record Image(String name, Path copy, PngImage input, long pngBits, long subpixels, long pixels) {
    }

    /**
     * Subpixels as bench counts them: width x height x channels, palette images counting their colours'
     * channels (3, or 4 with a translucent entry), as {@link LcHeader#subpixels()} does.
     */
    static long subpixels(PngImage img) {
        int c = img.colorType() == PngImage.PALETTE ? (LcHeader.paletteHasAlpha(img.palette()) ? 4 : 3)
                : LcHeader.pngChannels(img.colorType());
        return (long) img.width() * img.height() * c;
    }

    /** A point that failed on an image; fatal for lcompress (a bug or a bad image), a warning for a tool. */
    private static final class PointFailure extends Exception {
        final boolean fatal;

        PointFailure(String message, boolean fatal) {
            super(message);
            this.fatal = fatal;
        }
    }

    /** Runs one point's commands on an image, {@code repeat} times, and adds the medians to its point. */
    private abstract class Runner {
        final ParetoReport.Point point;

        Runner(ParetoReport.Point point) {
            this.point = point;
        }

        abstract void run(Image image, Path work, int index, Progress progress) throws PointFailure, IOException;

        /** Times {@code cmd}; its output {@code out} must then exist and not be empty. */
        double timed(List<String> cmd, String tool, Path work, Path out) throws PointFailure, IOException {
            Files.deleteIfExists(out);
            Path log = work.resolve("log.txt");
            try {
                double s = ExternalCodecs.timedRun(cmd, tool, work, log, toolTimeout);
                if (!Files.isRegularFile(out) || Files.size(out) == 0) {
                    throw new PointFailure(tool + " wrote no output" + ExternalCodecs.lastLine(log),
                            point.family == ParetoReport.Family.LCOMPRESS);
                }
                return s;
            } catch (ExternalCodecs.ToolFailure f) {
                throw new PointFailure(f.getMessage(), point.family == ParetoReport.Family.LCOMPRESS);
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }

    private List<Runner> runners(ParetoReport report, Tools tools) {
        List<Runner> out = new ArrayList<>();
        for (int level : levels) {
            Effort e = Effort.of(level);
            var p = new ParetoReport.Point(ParetoReport.Family.LCOMPRESS, level, "e" + level,
                    "-e " + level + " (" + e.recipe() + ")", true, true);
            report.points.add(p);
            out.add(new LcRunner(p));
        }
        if (tools.cjxl != null) {
            for (int effort : jxlEfforts) {
                var p = new ParetoReport.Point(ParetoReport.Family.CJXL, effort, "cjxl e" + effort,
                        "-d 0 -e " + effort, true, tools.djxl != null);
                report.points.add(p);
                out.add(new ToolRunner(p, "cjxl", tools.cjxl,
                        List.of("IN", "OUT", "-d", "0", "-e", Integer.toString(effort), "--quiet"), ".jxl",
                        "djxl", tools.djxl, List.of("IN", "OUT", "--quiet")));
            }
        }
        if (tools.cwebp != null) {
            var p = new ParetoReport.Point(ParetoReport.Family.CWEBP, 0, "cwebp", String.join(" ", CWEBP_OPTIONS),
                    true, tools.dwebp != null);
            report.points.add(p);
            List<String> args = new ArrayList<>(CWEBP_OPTIONS);
            args.addAll(List.of("-quiet", "IN", "-o", "OUT"));
            out.add(new ToolRunner(p, "cwebp", tools.cwebp, args, ".webp",
                    "dwebp", tools.dwebp, List.of("IN", "-o", "OUT", "-quiet")));
        }
        if (png) {
            var p = new ParetoReport.Point(ParetoReport.Family.PNG, 0, "PNG", "as stored (size only)", false, false);
            report.points.add(p);
            out.add(new Runner(p) {
                @Override
                void run(Image image, Path work, int index, Progress progress) {
                    point.add(image.pngBits, image.subpixels, image.pixels, Double.NaN, Double.NaN);
                }
            });
        }
        return out;
    }

    private String runsOf(int r) {
        return repeat == 1 ? "" : " (" + (r + 1) + "/" + repeat + ")";
    }

    /** {@code lcompress encode -q -f -e N} and {@code lcompress decode -q -f}, and the exact comparison. */
    private final class LcRunner extends Runner {
        LcRunner(ParetoReport.Point point) {
            super(point);
        }

        private List<String> command(String sub, List<String> options, Path in, Path out) {
            List<String> cmd = new ArrayList<>(lcompress);
            cmd.add(sub);
            cmd.add("-q");
            cmd.add("-f");
            cmd.addAll(options);
            if (threads != null) {
                cmd.add("--threads");
                cmd.add(threads.toString());
            }
            if (maxPixels != null) {
                cmd.add("--max-pixels");
                cmd.add(maxPixels.toString());
            }
            cmd.add(in.toString());
            cmd.add(out.toString());
            if (childJvm) {           // the JIT the launchers choose for this command line (launch.sh)
                List<String> jit = JitChoice.flags(List.copyOf(cmd.subList(lcompress.size(), cmd.size())));
                if (!jit.isEmpty()) {     // the quick JIT runs no network: without the Vector API module
                    int at = cmd.indexOf("--add-modules");
                    if (at > 0 && at < lcompress.size() - 1 && cmd.get(at + 1).equals("jdk.incubator.vector")) {
                        cmd.subList(at, at + 2).clear();
                    }
                }
                cmd.addAll(1, jit);
                cmd.addAll(1, hugePages);
                cmd.addAll(1, JitChoice.OSR);
            }
            return cmd;
        }

        @Override
        void run(Image image, Path work, int index, Progress progress) throws PointFailure, IOException {
            Path lc = work.resolve("out.lc");
            Path decoded = work.resolve("out-lc.png");
            String what = "lcompress -e " + point.level;
            double[] enc = new double[repeat];
            double[] dec = new double[repeat];
            long bits = -1;
            try {
                for (int r = 0; r < repeat; r++) {
                    progress.stage(index, image.name, what + " encode" + runsOf(r));
                    enc[r] = timed(command("encode", List.of("-e", Integer.toString(point.level)), image.copy, lc),
                            what + " encode", work, lc);
                    long b = Files.size(lc) * 8;
                    if (bits >= 0 && b != bits) {
                        throw new PointFailure(what + ": the encoder wrote " + bits / 8 + " bytes, then " + b / 8
                                + " on the same image", true);
                    }
                    bits = b;
                    progress.stage(index, image.name, what + " decode" + runsOf(r));
                    dec[r] = timed(command("decode", List.of(), lc, decoded), what + " decode", work, decoded);
                    String diff;
                    try {
                        diff = image.input.differenceFrom(PngIO.read(Files.readAllBytes(decoded), limits));
                    } catch (IOException | RuntimeException e) {
                        diff = "the decoded PNG cannot be read: " + Failures.describe(e);
                    }
                    if (diff != null) {
                        point.roundTripFailed = true;
                        throw new PointFailure(what + ": ROUND TRIP FAILED: the decoded image differs from the "
                                + "input (" + diff + ")", true);
                    }
                }
            } finally {
                Files.deleteIfExists(lc);
                Files.deleteIfExists(decoded);
            }
            point.add(bits, image.subpixels, image.pixels, ParetoReport.median(enc), ParetoReport.median(dec));
        }
    }

    /** An external encoder (cjxl, cwebp) and its decoder (djxl, dwebp; null when missing). */
    private final class ToolRunner extends Runner {
        private final String encoder;
        private final Path encoderExe;
        private final List<String> encoderArgs;
        private final String suffix;
        private final String decoder;
        private final Path decoderExe;
        private final List<String> decoderArgs;

        ToolRunner(ParetoReport.Point point, String encoder, Path encoderExe, List<String> encoderArgs, String suffix,
                   String decoder, Path decoderExe, List<String> decoderArgs) {
            super(point);
            this.encoder = encoder;
            this.encoderExe = encoderExe;
            this.encoderArgs = encoderArgs;
            this.suffix = suffix;
            this.decoder = decoder;
            this.decoderExe = decoderExe;
            this.decoderArgs = decoderArgs;
        }

        private static List<String> command(Path exe, List<String> args, Path in, Path out) {
            List<String> cmd = new ArrayList<>();
            cmd.add(exe.toString());
            for (String a : args) {
                cmd.add(a.equals("IN") ? in.toString() : a.equals("OUT") ? out.toString() : a);
            }
            return cmd;
        }

        @Override
        void run(Image image, Path work, int index, Progress progress) throws PointFailure, IOException {
            Path coded = work.resolve("out" + suffix);
            Path decoded = work.resolve("out-" + decoder + ".png");
            double[] enc = new double[repeat];
            double[] dec = new double[repeat];
            long bits = -1;
            try {
                for (int r = 0; r < repeat; r++) {
                    progress.stage(index, image.name, point.label + runsOf(r));
                    enc[r] = timed(command(encoderExe, encoderArgs, image.copy, coded), encoder, work, coded);
                    bits = Files.size(coded) * 8;
                    if (decoderExe != null) {
                        progress.stage(index, image.name, point.label + " " + decoder + runsOf(r));
                        dec[r] = timed(command(decoderExe, decoderArgs, coded, decoded), decoder, work, decoded);
                    } else {
                        dec[r] = Double.NaN;
                    }
                }
            } finally {
                Files.deleteIfExists(coded);
                Files.deleteIfExists(decoded);
            }
            point.add(bits, image.subpixels, image.pixels, ParetoReport.median(enc), ParetoReport.median(dec));
        }
    }
}
