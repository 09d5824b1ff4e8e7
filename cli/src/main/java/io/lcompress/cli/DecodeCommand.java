package io.lcompress.cli;

import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.image.PngIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decompress .lc files into PNG images (pixels verified against the stored checksum).",
                "  decode IN.lc OUT.png          one file ('-' for stdin / stdout)",
                "  decode A.lc DIR/ ...          many files or folders: X.lc -> X.png beside it (or in --out-dir)",
                "A bad file is reported and skipped; the exit code is then 1."})
final class DecodeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "IN.lc OUT.png, or .lc files and folders.")
    List<Path> paths;

    @Option(names = {"-d", "--out-dir"}, paramLabel = "DIR", description = "Where outputs of many inputs go.")
    Path outDir;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing output files.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    @Mixin
    ModelOption modelOption;

    @Override
    public Integer call() throws Exception {
        int threads = modelOption.threads();
        List<Batch.Job> jobs = Batch.jobs(paths, outDir, ".lc", ".png");
        boolean single = jobs.size() == 1 && Batch.isSingle(paths, outDir, ".lc");
        int failures = 0;
        PrintStream log = jobs.stream().anyMatch(Batch.Job::stdout) ? System.err : System.out;
        for (Batch.Job job : jobs) {
            try {
                Streams.checkWritable(job.output(), force);
                byte[] file = Streams.read(job.input());
                long t0 = System.nanoTime();
                LcCodec.Decoded d;
                try {
                    d = LcCodec.decode(file, modelOption.resolveOrNull(), threads);
                } catch (FormatException e) {
                    throw new UserException(job.input() + ": " + e.getMessage());
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Streams.write(job.output(), PngIO.encode(d.image()), force);
                if (!quiet) {
                    log.printf("%s -> %s: %s %dx%d, model %s, %.2f s%n", job.input(), job.output(),
                            d.image().describe(), d.header().width(), d.header().height(),
                            d.model() == null ? "none" : d.model().name(), seconds);
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
}
