package io.lcompress.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Input/output pairing for encode and decode: either the classic {@code IN OUT} form (either may be
 * {@code -} for stdin/stdout), or many inputs (files or folders) whose outputs go beside them or into
 * {@code --out-dir}, with the extension replaced.
 */
final class Batch {
    private Batch() {
    }

    record Job(Path input, Path output) {
        boolean stdin() {
            return input.toString().equals("-");
        }

        boolean stdout() {
            return output.toString().equals("-");
        }
    }

    /**
     * The classic form: exactly two paths, the second not a folder and not itself an input (it does
     * not end in the input extension, so {@code encode a.png b.png} means two inputs).
     */
    static boolean isSingle(List<Path> args, Path outDir, String inExt) {
        if (outDir != null || args.size() != 2) {
            return false;
        }
        Path in = args.get(0);
        Path out = args.get(1);
        return !Files.isDirectory(out) && (in.toString().equals("-") || !Files.isDirectory(in))
                && !hasExtension(out, inExt);
    }

    static boolean hasExtension(Path p, String ext) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext);
    }

    /** Jobs for many inputs: folders expand to files ending in {@code inExt}, outputs get {@code outExt}. */
    static List<Job> jobs(List<Path> args, Path outDir, String inExt, String outExt) throws IOException, UserException {
        if (isSingle(args, outDir, inExt)) {
            return List.of(new Job(args.get(0), args.get(1)));
        }
        List<Job> jobs = new ArrayList<>();
        for (Path a : args) {
            if (a.toString().equals("-")) {
                throw new UserException("'-' (stdin) needs the two-argument form: IN OUT");
            }
            if (Files.isDirectory(a)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(a)) {
                    files = s.filter(Files::isRegularFile).filter(f -> hasExtension(f, inExt)).sorted().toList();
                }
                for (Path f : files) {
                    Path rel = a.relativize(f);
                    Path base = outDir == null ? f : outDir.resolve(rel.toString());
                    jobs.add(new Job(f, withExtension(base, outExt)));
                }
            } else {
                Path base = outDir == null ? a : outDir.resolve(a.getFileName().toString());
                jobs.add(new Job(a, withExtension(base, outExt)));
            }
        }
        if (jobs.isEmpty()) {
            throw new UserException("no *" + inExt + " files in " + args);
        }
        return jobs;
    }

    /** What one job does; returns the line to print on success. */
    interface Action {
        String run(Job job) throws Exception;
    }

    /**
     * Runs the jobs in order, refusing existing outputs unless {@code force}. In the single-file form a failure propagates (one line, exit 1, named
     * after the input); with many files each failure is reported and the rest carry on, and the exit
     * code is 1 at the end. Success lines go to stdout, or stderr when stdout carries data ({@code -}).
     */
    static int run(List<Job> jobs, boolean single, boolean force, boolean quiet, Action action) throws Exception {
        java.io.PrintStream log = jobs.stream().anyMatch(Job::stdout) ? System.err : System.out;
        int failures = 0;
        for (Job job : jobs) {
            try {
                Streams.checkWritable(job.output(), force);
                String line;
                try {
                    line = action.run(job);
                } catch (OutOfMemoryError oom) {
                    throw new Failures.HeapExhausted(oom);    // the job's memory is unreachable again here
                }
                if (!quiet) {
                    log.println(line);
                }
            } catch (Exception ex) {
                if (single) {
                    String m = Failures.describe(ex);
                    throw ex instanceof UserException || m.startsWith(job.input().toString()) ? ex
                            : new UserException(job.input() + ": " + m, ex);
                }
                failures++;
                System.err.println("lcompress: " + job.input() + ": " + Failures.describe(ex));
            }
        }
        if (failures > 0) {
            System.err.println("lcompress: " + failures + " of " + jobs.size() + " files failed");
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
