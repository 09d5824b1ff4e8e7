package io.lcompress.cli;

import io.lcompress.codec.Limits;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.coding.LcDecoder;
import io.lcompress.codec.coding.ProgressListener;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "decode", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Decompress .lc files into PNG images (pixels verified against the stored checksum).",
                "  decode IN.lc OUT.png          one file ('-' for stdin / stdout)",
                "  decode IN.lc -o OUT.png       the same, whatever OUT's name",
                "  decode IN.lc DIR/             into a folder that exists: DIR/IN.png",
                "  decode IN.lc                  beside it: IN.png",
                "  decode A.lc B.lc DIR ...      many files or folders: X.lc -> X.png beside it",
                "  decode -d OUT/ A.lc DIR ...   ... or in OUT/ (created when missing)",
                "With many inputs a bad file is reported and skipped; the exit code is then 1."})
final class DecodeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "1..*", description = "IN.lc [OUT.png|DIR/], or .lc files and folders.")
    List<String> paths;

    @Mixin
    OutputOptions outputs;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success (and no progress).")
    boolean quiet;

    @Option(names = "--progress", paramLabel = "MODE",
            description = "Progress on stderr: auto (a bar on a terminal once the work lasts 2 s, else nothing; "
                    + "none with -q), bar, lines (a line per file), none.")
    Progress.Mode progressMode;

    @Mixin
    ModelOption modelOption;

    @Mixin
    LimitsOption limitsOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int threads = modelOption.threads();
        PixelModel requested = modelOption.resolveOrNull();
        Limits limits = limitsOption.limits();
        Batch.Plan plan = Batch.plan(spec.commandLine(), paths, outputs.output, outputs.outDir, ".lc", ".png");
        Progress progress = new Progress("decode", Progress.choose(progressMode, quiet), Progress.Mode.none,
                plan.jobs().size(), System.err);
        return Batch.run(plan.jobs(), plan.single(), outputs.force, quiet, progress, (job, index) -> {
            String name = job.inputName();
            progress.stage(index, name, "reading");
            byte[] file = Streams.read(job.input());
            long t0 = System.nanoTime();
            LcDecoder.Result[] d = new LcDecoder.Result[1];
            ProgressListener stripes = progress.part(index, name, "decoding", 0, 1);
            if (job.stdout()) {          // nothing reaches stdout before the pixels are verified
                LcCodec.Decoded whole = LcCodec.decode(file, requested, threads, limits, stripes);
                d[0] = new LcDecoder.Result(whole.header(), whole.model());
                Streams.write(job, PngIO.encode(whole.image()), outputs.force);
            } else {                     // rows stream into a temporary file, renamed once verified
                Streams.write(job, outputs.force,
                        out -> d[0] = LcCodec.decodeToPng(file, requested, threads, limits, out, stripes));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            LcHeader h = d[0].header();
            return String.format("%s -> %s: %s %dx%d, model %s, %.2f s", job.input(), job.output(),
                    PngImage.describe(h.colorType(), h.bitDepth(), h.interlaced()),
                    h.pngWidth(), h.pngHeight(), d[0].model() == null ? h.coderName() : d[0].model().name(), seconds);
        });
    }
}
