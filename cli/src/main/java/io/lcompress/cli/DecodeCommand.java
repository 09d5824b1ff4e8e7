package io.lcompress.cli;

import io.lcompress.codec.Limits;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.coding.LcDecoder;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    @Mixin
    LimitsOption limitsOption;

    @Override
    public Integer call() throws Exception {
        int threads = modelOption.threads();
        List<Batch.Job> jobs = Batch.jobs(paths, outDir, ".lc", ".png");
        boolean single = jobs.size() == 1 && Batch.isSingle(paths, outDir, ".lc");
        PixelModel requested = modelOption.resolveOrNull();
        Limits limits = limitsOption.limits();
        return Batch.run(jobs, single, force, quiet, job -> {
            byte[] file = Streams.read(job.input());
            long t0 = System.nanoTime();
            LcDecoder.Result[] d = new LcDecoder.Result[1];
            if (job.stdout()) {          // nothing reaches stdout before the pixels are verified
                LcCodec.Decoded whole = LcCodec.decode(file, requested, threads, limits);
                d[0] = new LcDecoder.Result(whole.header(), whole.model());
                Streams.write(job.output(), PngIO.encode(whole.image()), force);
            } else {                     // rows stream into a temporary file, renamed once verified
                Streams.write(job.output(), force,
                        out -> d[0] = LcCodec.decodeToPng(file, requested, threads, limits, out));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            LcHeader h = d[0].header();
            return String.format("%s -> %s: %s %dx%d, model %s, %.2f s", job.input(), job.output(),
                    PngImage.describe(h.colorType(), h.bitDepth(), h.interlaced()),
                    h.width(), h.height(), d[0].model() == null ? "none" : d[0].model().name(), seconds);
        });
    }
}
