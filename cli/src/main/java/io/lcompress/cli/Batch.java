package io.lcompress.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Input/output pairing for encode and decode.
 * <ul>
 *   <li>{@code IN OUT} (or {@code IN -o OUT}): exactly that; either may be {@code -} for stdin/stdout.
 *       An OUT that is an existing folder, or ends in {@code /}, receives IN's name with the output
 *       extension. A folder IN goes only to a folder OUT (its outputs are written there, mirrored);
 *       with a file OUT it is a usage error. IN and OUT must not be the same file.</li>
 *   <li>{@code IN} alone: a file's output goes beside it; a folder's files' outputs go beside them.</li>
 *   <li>Many inputs (three or more, or two whose second is an existing input file), or any number with
 *       {@code --out-dir}: every path is an input, folders expand to their files (recursively);
 *       outputs go beside the inputs or into {@code --out-dir} (created when missing).</li>
 * </ul>
 * Without {@code --out-dir} an output's folder must exist.
 */
final class Batch {
    private Batch() {
    }

    /**
     * One input and its output; {@code makeFolder}: the output's folder may be created (it lies in
     * {@code --out-dir} or in a folder OUT the user named).
     */
    record Job(Path input, Path output, boolean makeFolder) {
        Job(Path input, Path output) {
            this(input, output, false);
        }

        boolean stdin() {
            return Streams.isStd(input);
        }

        boolean stdout() {
            return Streams.isStd(output);
        }

        /** The input as messages name it. */
        String inputName() {
            return stdin() ? "stdin" : input.toString();
        }
    }

    /** The jobs, and whether they are the single-file form (a failure is then the command's failure). */
    record Plan(List<Job> jobs, boolean single) {
    }

    /**
     * The jobs of a command line.
     *
     * @param cl      the command (for usage errors)
     * @param args    the positional arguments as typed (a trailing {@code /} marks a folder)
     * @param output  {@code -o OUT}, or null
     * @param outDir  {@code --out-dir DIR}, or null
     * @param inExt   the inputs' extension ({@code .png} for encode)
     * @param outExt  the outputs' extension ({@code .lc} for encode)
     */
    static Plan plan(CommandLine cl, List<String> args, String output, Path outDir, String inExt, String outExt)
            throws IOException, UserException {
        if (output != null) {
            if (outDir != null) {
                throw new ParameterException(cl, "give -o or --out-dir, not both");
            }
            if (args.size() != 1) {
                throw new ParameterException(cl, "-o takes one input, not " + args.size()
                        + " (for many, use --out-dir DIR)");
            }
            return single(cl, args.get(0), output, inExt, outExt);
        }
        if (outDir != null) {
            return new Plan(many(cl, args, outDir, inExt, outExt), false);
        }
        if (args.size() == 1) {
            String a = args.get(0);
            if (a.equals("-")) {
                throw new ParameterException(cl, "'-' (stdin) needs an output: IN OUT, e.g. - out" + outExt);
            }
            if (Files.isDirectory(Path.of(a))) {
                return new Plan(many(cl, args, null, inExt, outExt), false);
            }
            return single(cl, a, withExtension(Path.of(a), outExt).toString(), inExt, outExt);
        }
        if (args.size() == 2) {
            String in = args.get(0);
            String out = args.get(1);
            if (!out.equals("-") && !in.equals("-") && !folderName(out) && hasExtension(Path.of(out), inExt)) {
                // the second path looks like an input: two inputs when it is one, else a slip
                if (!Files.exists(Path.of(out))) {
                    throw new ParameterException(cl, "no such file: " + out + " (to write the output of " + in
                            + " to " + out + ", give -o " + out + ")");
                }
                return new Plan(many(cl, args, null, inExt, outExt), false);
            }
            return single(cl, in, out, inExt, outExt);
        }
        return new Plan(many(cl, args, null, inExt, outExt), false);
    }

    /** {@code IN OUT}: exactly that (OUT a folder: IN's name in it). */
    private static Plan single(CommandLine cl, String in, String out, String inExt, String outExt)
            throws IOException, UserException {
        Path input = Path.of(in);
        boolean stdin = in.equals("-");
        boolean stdout = out.equals("-");
        boolean outFolder = !stdout && folderName(out);
        if (!stdin && Files.isDirectory(input)) {
            if (!outFolder) {
                throw new ParameterException(cl, in + " is a folder and " + out + " is not: give the folder alone "
                        + "(outputs beside its images), a folder to write them to, or --out-dir DIR");
            }
            Path target = Path.of(out);
            if (!Files.isDirectory(target)) {
                throw new UserException("no such folder: " + out + " (use --out-dir " + out + " to create it)");
            }
            List<Job> jobs = new ArrayList<>();
            for (Path f : filesIn(input, inExt)) {
                jobs.add(new Job(f, withExtension(target.resolve(input.relativize(f).toString()), outExt), true));
            }
            checkOutputs(cl, jobs);
            if (jobs.isEmpty()) {
                throw new UserException("no *" + inExt + " files in " + in);
            }
            return new Plan(jobs, false);
        }
        if (!stdin && !Files.exists(input)) {
            throw new UserException("no such file: " + in);
        }
        Path output = Path.of(out);
        if (outFolder) {
            if (stdin) {
                throw new ParameterException(cl, "'-' (stdin) has no name to give an output in " + out
                        + ": name the output file");
            }
            if (!Files.isDirectory(output)) {
                throw new UserException("no such folder: " + out);
            }
            output = output.resolve(withExtension(input.getFileName(), outExt).toString());
        }
        Job job = new Job(input, output);
        checkOutputs(cl, List.of(job));
        return new Plan(List.of(job), true);
    }

    /** Many inputs: folders expand to files ending in {@code inExt}; outputs get {@code outExt}. */
    private static List<Job> many(CommandLine cl, List<String> args, Path outDir, String inExt, String outExt)
            throws IOException, UserException {
        List<Job> jobs = new ArrayList<>();
        Set<Path> given = new HashSet<>();
        Set<Path> inputs = new HashSet<>();
        for (String s : args) {
            if (s.equals("-")) {
                throw new ParameterException(cl, "'-' (stdin) needs the two-argument form: IN OUT");
            }
            Path a = Path.of(s);
            if (!given.add(key(a))) {
                throw new ParameterException(cl, s + " is given twice");
            }
            if (Files.isDirectory(a)) {
                for (Path f : filesIn(a, inExt)) {
                    if (inputs.add(key(f))) {
                        Path rel = a.relativize(f);
                        Path base = outDir == null ? f : outDir.resolve(rel.toString());
                        jobs.add(new Job(f, withExtension(base, outExt), outDir != null));
                    }
                }
            } else if (inputs.add(key(a))) {
                Path base = outDir == null ? a : outDir.resolve(a.getFileName().toString());
                jobs.add(new Job(a, withExtension(base, outExt), outDir != null));
            }
        }
        if (jobs.isEmpty()) {
            throw new UserException("no *" + inExt + " files in " + String.join(", ", args));
        }
        checkOutputs(cl, jobs);
        return jobs;
    }

    /** Refuses an output that is an input, and two inputs with the same output. */
    private static void checkOutputs(CommandLine cl, List<Job> jobs) throws IOException {
        Set<Path> inputs = new HashSet<>();
        for (Job j : jobs) {
            if (!j.stdin()) {
                inputs.add(key(j.input()));
            }
        }
        Map<Path, Job> byOutput = new HashMap<>();
        for (Job j : jobs) {
            if (j.stdout()) {
                continue;
            }
            Path o = key(j.output());
            if (inputs.contains(o) || (!j.stdin() && Files.exists(j.output()) && Files.exists(j.input())
                    && Files.isSameFile(j.input(), j.output()))) {
                throw new ParameterException(cl, "the input and the output are the same file: " + j.output());
            }
            Job other = byOutput.put(o, j);
            if (other != null) {
                throw new ParameterException(cl, other.input() + " and " + j.input() + " would both be written to "
                        + j.output());
            }
        }
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Whether an output argument names a folder: an existing one, or a path ending in a separator. */
    static boolean folderName(String arg) {
        return arg.endsWith("/") || arg.endsWith(File.separator) || Files.isDirectory(Path.of(arg));
    }

    private static List<Path> filesIn(Path dir, String ext) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> hasExtension(f, ext)).sorted().toList();
        }
    }

    static boolean hasExtension(Path p, String ext) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext);
    }

    /** What one job does; returns the line to print on success. */
    interface Action {
        String run(Job job) throws Exception;
    }

    /** What job {@code index} (0-based) of the batch does; returns the line to print on success (may be null with quiet). */
    interface IndexedAction {
        String run(Job job, int index) throws Exception;
    }

    /** {@link #run(List, boolean, boolean, boolean, Progress, IndexedAction)} without progress. */
    static int run(List<Job> jobs, boolean single, boolean force, boolean quiet, Action action) throws Exception {
        return run(jobs, single, force, quiet, new Progress("lcompress", Progress.Mode.none, Progress.Mode.none,
                jobs.size(), System.err), (job, index) -> action.run(job));
    }

    /**
     * Runs the jobs in order, refusing existing outputs unless {@code force}. In the single-file form a
     * failure propagates (one line, exit 1, named after the input, or after the output when writing it
     * failed); with many files each failure is reported and the rest carry on, and the exit code is 1 at
     * the end. Success lines go to stdout, or stderr when stdout carries data ({@code -}). Every line goes
     * through {@code progress}, whose bar is cleared before this returns or throws.
     */
    static int run(List<Job> jobs, boolean single, boolean force, boolean quiet, Progress progress,
                   IndexedAction action) throws Exception {
        java.io.PrintStream log = jobs.stream().anyMatch(Job::stdout) ? System.err : System.out;
        int failures = 0;
        try {
            for (int i = 0; i < jobs.size(); i++) {
                Job job = jobs.get(i);
                try {
                    Streams.checkWritable(job, force);
                    String line;
                    try {
                        line = action.run(job, i);
                    } catch (OutOfMemoryError oom) {
                        throw new Failures.HeapExhausted(oom);    // the job's memory is unreachable again here
                    }
                    progress.done(i, job.inputName(), "");
                    if (!quiet) {
                        progress.println(log, line);      // the bar out of its way until the next file
                    }
                } catch (Exception ex) {
                    // the output's own failures name the output, not the input
                    boolean named = ex instanceof UserException || ex instanceof Files2.OutputFailure;
                    String m = Failures.describe(ex);
                    if (single) {
                        throw named || m.startsWith(job.inputName()) ? ex
                                : new UserException(job.inputName() + ": " + m, ex);
                    }
                    failures++;
                    progress.note("lcompress: " + (ex instanceof Files2.OutputFailure ? "" : job.inputName() + ": ") + m);
                }
            }
        } finally {
            progress.finish();
        }
        if (failures > 0) {
            if (jobs.size() > 1) {
                System.err.println("lcompress: " + failures + " of " + jobs.size() + " files failed");
            }
            return Main.EXIT_FAILURE;
        }
        return 0;
    }

    static Path withExtension(Path p, String ext) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return p.resolveSibling(stem + ext);
    }
}
