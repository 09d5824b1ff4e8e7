package io.lcompress.cli;

import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * lcompress side by side with PNG, optipng, lossless WebP and lossless JPEG XL: sizes in bits per
 * subpixel, encode/decode times, and an exact round trip of every image.
 */
@Command(name = "bench", addMethodSubcommands = false, sortOptions = false,
        description = {"lcompress next to PNG, optipng, WebP and JPEG XL: bits per subpixel and speed per image, "
                + "a total and a mean; every image is decoded again and compared (a mismatch fails the run).",
                "bpsp = bits / (width x height x channels); total = total bits / total subpixels; "
                        + "overhead = payload bits / model bits - 1.",
                "Reference codecs (run on temporary copies; a tool missing from PATH skips its column):",
                "  png      the input PNG as stored",
                "  optipng  optipng -o2",
                "  webp     cwebp -lossless -z 9 -exact -metadata none",
                "  jxl7     cjxl -d 0 -e 7",
                "  jxl9     cjxl -d 0 -e 9",
                "With --pareto FILE.png: speed against size instead. Every effort level (--levels), every cjxl "
                        + "effort (--jxl-efforts), cwebp and PNG run as whole commands on every image, encode and "
                        + "decode timed apart, wall-clock, process start included: lcompress as 'java -cp <this "
                        + "class path> io.lcompress.cli.Main encode -q -f -e N' (its JVM start counts as cjxl's "
                        + "process start does) and 'decode -q -f', the decoded PNG compared with the input (a "
                        + "mismatch fails the run); cjxl -d 0 -e E decoded by djxl; cwebp -lossless -z 9 -exact "
                        + "-metadata none decoded by dwebp; PNG as stored, a size without a time. FILE.png plots "
                        + "bits per subpixel against seconds per megapixel (log axis) with the encoders' Pareto "
                        + "front; the table behind it (bpsp, encode and decode s/MP, median seconds per image, "
                        + "encode time / cjxl -e 7's) goes to stdout, --csv and --md.",
                "  e.g. lcompress bench --pareto pareto.png --levels 1,3,7 --jxl-efforts 3,7 DIR"})
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "PNG files or folders of PNGs.")
    List<Path> inputs;

    @Option(names = "--codecs", split = ",", paramLabel = "CODEC",
            description = {"Reference codecs, comma-separated: png, optipng, webp, jxl7, jxl9, or none "
                    + "(default: all found).",
                    "With --pareto: png, webp, jxl (the efforts of --jxl-efforts), or none."})
    List<String> codecNames;

    @Option(names = "--pareto", paramLabel = "FILE.png",
            description = "Speed against size (see above): time whole commands, encode and decode apart, for "
                    + "every effort level, cjxl effort, cwebp and PNG, and draw bits per subpixel against seconds "
                    + "per megapixel (log axis) to FILE.png; the table goes to stdout, --csv and --md. --threads "
                    + "and --max-pixels are passed on to lcompress.")
    Path pareto;

    @Option(names = "--levels", paramLabel = "LIST", converter = EffortList.Converter.class,
            description = "With --pareto: the lcompress effort levels to run, for example 1-9, 1,3,7 or 1-3,7 "
                    + "(default: 1-9).")
    EffortList levels;

    @Option(names = "--jxl-efforts", paramLabel = "LIST", converter = EffortList.Converter.class,
            description = "With --pareto: the cjxl efforts (-e) to run, 1..9 as for --levels, or none "
                    + "(default: 1-9).")
    EffortList jxlEfforts;

    @Option(names = "--repeat", paramLabel = "N",
            description = "With --pareto: run every command N times per image and keep the median time "
                    + "(default: 1).")
    Integer repeat;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Write a CSV: one row per image and a TOTAL row (with --pareto: one row per point).")
    Path csv;

    @Option(names = "--md", paramLabel = "FILE",
            description = "Write Markdown tables (summary, per image, speed; with --pareto: the Pareto table).")
    Path md;

    @Option(names = "--md-summary-only", description = "Leave the per-image table out of the Markdown.")
    boolean mdSummaryOnly;

    @Option(names = "--chart", paramLabel = "FILE.png",
            description = "Write charts: bits per subpixel per codec (FILE.png) and model vs actual bits "
                    + "(FILE-model-vs-actual.png).")
    Path chart;

    @Option(names = "--tool-timeout", paramLabel = "SECONDS", defaultValue = "600",
            description = "Time limit for one run of an external tool, or with --pareto of any command "
                    + "(default: ${DEFAULT-VALUE}).")
    long toolTimeout;

    @Option(names = "--progress", paramLabel = "MODE",
            description = "Progress on stderr: auto (a bar on a terminal once the work lasts 2 s, else a line per "
                    + "image; none with -q), bar, lines, none.")
    Progress.Mode progressMode;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no 'wrote FILE' lines on stderr (the tables "
            + "still go to stdout; warnings and failures still go to stderr).")
    boolean quiet;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing output files.")
    boolean force;

    private final EffortOption effortOption = new EffortOption();

    private final ModelOption modelOption = new ModelOption();

    private final LimitsOption limitsOption = new LimitsOption();

    /**
     * This command for picocli: its annotated options, then the option groups it shares with
     * {@code encode} (built in code, {@link OptionSpecs}), and the help options last.
     */
    CommandLine commandLine() {
        return OptionSpecs.annotated(this, true, effortOption, modelOption, limitsOption);
    }

    @Spec
    CommandSpec spec;

    /** Folders searched for the external tools; null: those of $PATH. Tests set it. */
    List<Path> toolDirs;

    /** With --pareto: the command that starts lcompress, before "encode"; null: this JVM. Tests set it. */
    List<String> lcompressCommand;

    @Override
    public Integer call() throws Exception {
        if (pareto != null) {
            return pareto();
        }
        for (var given : new Object[][]{{levels, "--levels"}, {jxlEfforts, "--jxl-efforts"}, {repeat, "--repeat"}}) {
            if (given[0] != null) {
                throw new ParameterException(spec.commandLine(), given[1] + " needs --pareto FILE.png");
            }
        }
        PixelModel model = effortOption.resolve(modelOption);
        int threads = modelOption.threads();
        if (toolTimeout < 1) {
            throw new ParameterException(spec.commandLine(), "--tool-timeout must be at least 1 second: " + toolTimeout);
        }
        List<ExternalCodecs.Codec> wanted = selectCodecs();
        List<Path> outputs = outputs();
        for (Path o : outputs) {
            Files2.checkWritable(o, force);
        }
        List<Input> images = expandInputs();
        PrintStream err = System.err;

        ExternalCodecs.ToolFinder finder = toolDirs == null ? ExternalCodecs.ToolFinder.fromPath()
                : new ExternalCodecs.ToolFinder(toolDirs);
        List<ExternalCodecs.Codec> active = new ArrayList<>();
        Map<String, Path> exes = new HashMap<>();
        Map<String, List<String>> missing = new LinkedHashMap<>();
        for (ExternalCodecs.Codec c : wanted) {
            if (c.storedSize()) {
                active.add(c);
                continue;
            }
            var exe = finder.find(c.tool());
            if (exe.isPresent()) {
                exes.put(c.name(), exe.get());
                active.add(c);
            } else {
                missing.computeIfAbsent(c.tool(), t -> new ArrayList<>()).add(c.name());
            }
        }
        missing.forEach((tool, cols) -> err.println(tool + " not found: " + String.join(", ", cols)
                + (cols.size() == 1 ? " column" : " columns") + " skipped"));
        Map<String, String> versions = new HashMap<>();
        Map<String, String> byTool = new HashMap<>();
        for (ExternalCodecs.Codec c : active) {
            if (!c.storedSize()) {
                String v = byTool.computeIfAbsent(c.tool(), t -> toolVersion(t, exes.get(c.name())));
                if (v != null) {
                    versions.put(c.name(), v);
                }
            }
        }

        BenchReport report = new BenchReport(model.name(), ModelRegistry.hex(model.fingerprint()), threads, active,
                versions);
        Progress progress = new Progress(Progress.choose(progressMode, quiet), images.size(), err);
        int failures = 0;
        int roundTripFailures = 0;
        Path work = Files.createTempDirectory("lcompress-bench-");
        try {
            for (int i = 0; i < images.size(); i++) {
                Input in = images.get(i);
                try {
                    BenchReport.Row row = benchOne(in, i, model, threads, active, exes, work, progress);
                    report.rows.add(row);
                    if (!row.roundTripExact) {
                        roundTripFailures++;
                        failures++;
                        progress.note("lcompress: " + in.name + ": ROUND TRIP FAILED: the decoded pixels differ "
                                + "from the input");
                    }
                    progress.done(i, in.name, String.format("%.4f bpsp", (double) row.fileBits / row.subpixels()));
                } catch (UserException | IOException e) {
                    failures++;
                    progress.note("lcompress: " + in.name + ": " + Failures.describe(e));
                }
            }
        } finally {
            progress.finish();
            deleteTree(work);
        }

        report.printText(System.out);
        System.out.flush();
        if (csv != null) {
            writeText(csv, report.csv());
        }
        if (md != null) {
            writeText(md, report.markdown(mdSummaryOnly));
        }
        if (chart != null) {
            if (report.rows.isEmpty()) {
                err.println("bench: no results, no charts written");
            } else {
                Path second = BenchCharts.companion(chart);
                Files2.writeAtomically(chart, BenchCharts.bitsPerSubpixelChart(report), force);
                Files2.writeAtomically(second, BenchCharts.modelVsActualChart(report), force);
                info().println("bench: wrote " + chart + " and " + second);
            }
        }
        if (roundTripFailures > 0) {
            err.println("lcompress: ROUND TRIP FAILED on " + roundTripFailures + " image"
                    + (roundTripFailures == 1 ? "" : "s") + ": lcompress is not lossless here (this is a bug)");
        }
        return failures == 0 ? 0 : Main.EXIT_FAILURE;
    }

    /** {@code bench --pareto FILE.png}: the speed/size table and chart. */
    private int pareto() throws Exception {
        CommandLine cl = spec.commandLine();
        if (effortOption.effort() != null || modelOption.model() != null) {
            throw new ParameterException(cl, "--pareto runs the effort levels of --levels; "
                    + "give --levels instead of --effort or --model");
        }
        if (chart != null) {
            throw new ParameterException(cl, "--pareto draws its own chart: leave out --chart");
        }
        if (mdSummaryOnly) {
            throw new ParameterException(cl, "--md-summary-only does not apply to --pareto "
                    + "(its Markdown is one table)");
        }
        int runs = repeat == null ? 1 : repeat;
        if (runs < 1 || runs > 1000) {
            throw new ParameterException(cl, "--repeat must be between 1 and 1000: " + runs);
        }
        if (toolTimeout < 1) {
            throw new ParameterException(spec.commandLine(), "--tool-timeout must be at least 1 second: " + toolTimeout);
        }
        boolean png = true;
        boolean webp = true;
        boolean jxl = true;
        if (codecNames != null) {
            png = webp = jxl = false;
            for (String n : codecNames) {
                switch (n.strip().toLowerCase(java.util.Locale.ROOT)) {
                    case "png" -> png = true;
                    case "webp" -> webp = true;
                    case "jxl" -> jxl = true;
                    case "none", "" -> {
                    }
                    default -> throw new ParameterException(cl, "unknown codec '" + n.strip()
                            + "' for --pareto (available: png, webp, jxl, none)");
                }
            }
        }
        Integer threads = modelOption.threadsGiven() ? modelOption.threads() : null;
        var limits = limitsOption.limits();
        List<Path> outputs = new ArrayList<>(List.of(pareto));
        if (csv != null) {
            outputs.add(csv);
        }
        if (md != null) {
            outputs.add(md);
        }
        Set<Path> seen = new HashSet<>();
        for (Path o : outputs) {
            if (!seen.add(o.toAbsolutePath().normalize())) {
                throw new UserException("the same output file is given twice: " + o);
            }
            Files2.checkWritable(o, force);
        }
        List<Input> images = expandInputs();
        PrintStream err = System.err;
        ExternalCodecs.ToolFinder finder = toolDirs == null ? ExternalCodecs.ToolFinder.fromPath()
                : new ExternalCodecs.ToolFinder(toolDirs);
        EffortList lv = levels == null ? EffortList.ALL : levels;
        EffortList je = !jxl ? new EffortList(List.of()) : jxlEfforts == null ? EffortList.ALL : jxlEfforts;
        ParetoBench bench = new ParetoBench(lv.levels(), je.levels(), png, webp, runs, threads,
                limitsOption.maxPixels(), limits, toolTimeout, lcompressCommand, finder,
                Progress.choose(progressMode, quiet), err);
        ParetoBench.Outcome outcome = bench.run(images);
        ParetoReport report = outcome.report();
        report.printText(System.out);
        System.out.flush();
        if (csv != null) {
            writeText(csv, report.csv());
        }
        if (md != null) {
            writeText(md, report.markdown());
        }
        if (report.images == 0) {
            err.println("bench: no results, no chart written");
        } else {
            Files2.writeAtomically(pareto, BenchCharts.paretoChart(report), force);
            info().println("bench: wrote " + pareto);
        }
        if (!report.allRoundTripsExact()) {
            err.println("lcompress: ROUND TRIP FAILED: lcompress is not lossless here (this is a bug)");
        }
        return outcome.failures() == 0 ? 0 : Main.EXIT_FAILURE;
    }

    private BenchReport.Row benchOne(Input in, int index, PixelModel model, int threads,
                                     List<ExternalCodecs.Codec> active, Map<String, Path> exes, Path work,
                                     Progress progress) throws IOException, UserException {
        progress.stage(index, in.name, "reading");
        byte[] pngBytes = Files.readAllBytes(in.path);
        PngImage img = PngIO.read(pngBytes, limitsOption.limits());

        progress.stage(index, in.name, "lcompress encode");
        long t0 = System.nanoTime();
        LcCodec.Encoded e = LcCodec.encode(img, model, threads);
        BenchReport.Row row = new BenchReport.Row();
        row.encSeconds = (System.nanoTime() - t0) / 1e9;
        row.image = in.name;
        row.group = in.group;
        row.width = img.width();
        row.height = img.height();
        // channels as counted for bits per subpixel: palette images count their colours' channels
        row.channels = (int) (e.subpixels() / ((long) img.width() * img.height()));
        row.modelBits = e.modelBits();
        row.payloadBits = e.payloadBits();
        row.fileBits = e.file().length * 8L;

        progress.stage(index, in.name, "lcompress decode");
        long t1 = System.nanoTime();
        try {
            // the requested model decodes the main plane when it coded it; otherwise (no model-coded plane, or
            // a fallback for a channel count the model cannot code) the built-in models the file names
            var main = e.header().mainPlane();
            PixelModel decodeWith = main != null && main.fingerprint() == model.fingerprint() ? model : null;
            LcCodec.Decoded d = LcCodec.decode(e.file(), decodeWith, threads, limitsOption.limits());
            row.decSeconds = (System.nanoTime() - t1) / 1e9;
            row.roundTripExact = sameImage(img, d.image());
        } catch (FormatException | RuntimeException ex) {
            row.decSeconds = (System.nanoTime() - t1) / 1e9;
            row.roundTripExact = false;
            progress.note("lcompress: " + in.name + ": decoding our own file failed: " + Failures.describe(ex));
        }

        for (ExternalCodecs.Codec c : active) {
            progress.stage(index, in.name, c.name());
            try {
                row.codecs.put(c.name(), ExternalCodecs.run(c, exes.get(c.name()), in.path, pngBytes.length, work,
                        toolTimeout));
            } catch (ExternalCodecs.ToolFailure f) {
                progress.note("lcompress: warning: " + in.name + ": " + f.getMessage() + "; no " + c.name()
                        + " size for this image");
            }
        }
        return row;
    }

    /** Where the 'wrote FILE' lines go: stderr, or nowhere with --quiet. */
    private PrintStream info() {
        return quiet ? new PrintStream(java.io.OutputStream.nullOutputStream()) : System.err;
    }

    /** Whether the round trip kept everything a PNG stores: kind, size, palette, samples, chunks. */
    static boolean sameImage(PngImage a, PngImage b) {
        return a.differenceFrom(b) == null;
    }

    private List<ExternalCodecs.Codec> selectCodecs() throws UserException {
        if (codecNames == null) {
            return ExternalCodecs.ALL;
        }
        Set<ExternalCodecs.Codec> chosen = new LinkedHashSet<>();
        for (String n : codecNames) {
            if (n.isBlank() || n.strip().equalsIgnoreCase("none")) {
                continue;
            }
            chosen.add(ExternalCodecs.byName(n).orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown codec '" + n.strip()
                    + "' (available: " + String.join(", ", ExternalCodecs.names()) + ", none)")));
        }
        // keep the canonical column order
        return ExternalCodecs.ALL.stream().filter(chosen::contains).toList();
    }

    private List<Path> outputs() throws UserException {
        List<Path> out = new ArrayList<>();
        if (csv != null) {
            out.add(csv);
        }
        if (md != null) {
            out.add(md);
        }
        if (chart != null) {
            out.add(chart);
            out.add(BenchCharts.companion(chart));
        }
        Set<Path> seen = new HashSet<>();
        for (Path p : out) {
            if (!seen.add(p.toAbsolutePath().normalize())) {
                throw new UserException("the same output file is given twice: " + p);
            }
        }
        return out;
    }

    /** An image to bench: its path, the name shown for it and its group (the folder it is in). */
    record Input(Path path, String name, String group) {
    }

    private List<Input> expandInputs() throws IOException, UserException {
        List<Input> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path p : inputs) {
            for (Path f : ImageInputs.expand(List.of(p))) {
                if (!seen.add(f.toAbsolutePath().normalize())) {
                    continue;
                }
                String name;
                if (Files.isDirectory(p)) {
                    Path base = p.toAbsolutePath().normalize();
                    Path rel = base.relativize(f.toAbsolutePath().normalize());
                    name = base.getFileName() == null ? rel.toString() : base.getFileName() + "/" + rel;
                } else {
                    Path parent = f.toAbsolutePath().normalize().getParent();
                    name = (parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/")
                            + f.getFileName();
                }
                out.add(new Input(f, name.replace('\\', '/'), null));
            }
        }
        // group = the folder an image is in: its name, or its path where two folders share a name
        Map<String, Set<Path>> byName = new HashMap<>();
        for (Input in : out) {
            Path parent = in.path.toAbsolutePath().normalize().getParent();
            byName.computeIfAbsent(folderName(parent), k -> new HashSet<>()).add(parent);
        }
        List<Input> grouped = new ArrayList<>(out.size());
        for (Input in : out) {
            Path parent = in.path.toAbsolutePath().normalize().getParent();
            String g = folderName(parent);
            if (byName.get(g).size() > 1) {
                g = String.valueOf(parent);
            }
            grouped.add(new Input(in.path, in.name, g));
        }
        return grouped;
    }

    private static String folderName(Path parent) {
        return parent == null || parent.getFileName() == null ? "/" : parent.getFileName().toString();
    }

    private static String toolVersion(String tool, Path exe) {
        return switch (tool) {
            case "cwebp" -> {
                String v = ExternalCodecs.version(exe, "-version");
                yield v == null ? null : "cwebp " + v;
            }
            case "cjxl" -> ExternalCodecs.version(exe, "--version");
            case "optipng" -> ExternalCodecs.version(exe, "-v");
            default -> null;
        };
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover temporary folder is not worth failing the run
        }
    }

    /** Writes a report file (atomically, see Files2) and says so (unless quiet). */
    private void writeText(Path file, String text) throws Exception {
        Files2.writeAtomically(file, text.getBytes(StandardCharsets.UTF_8), force);
        info().println("bench: wrote " + file);
    }
}
