package io.lcompress.cli;

import io.lcompress.codec.Limits;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.coding.LcDecoder;
import io.lcompress.codec.coding.ProgressListener;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.concurrent.Callable;

/**
 * {@code decode}: .lc files into PNG images. Its picocli model is built in code ({@link OptionSpecs}
 * says why).
 */
final class DecodeCommand implements Callable<Integer> {
    private final PositionalParamSpec paths = OptionSpecs.paths("PATH",
            "IN.lc [OUT.png|DIR/], or .lc files and folders.");
    private final OutputOptions outputs = new OutputOptions();
    private final ModelOption modelOption = new ModelOption();
    private final LimitsOption limitsOption = new LimitsOption();
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("decode");

    DecodeCommand() {
        spec.usageMessage().description(
                "Decompress .lc files into PNG images (pixels verified against the stored checksum).",
                "  decode IN.lc OUT.png          one file ('-' for stdin / stdout)",
                "  decode IN.lc -o OUT.png       the same, whatever OUT's name",
                "  decode IN.lc DIR/             into a folder that exists: DIR/IN.png",
                "  decode IN.lc                  beside it: IN.png",
                "  decode A.lc B.lc DIR ...      many files or folders: X.lc -> X.png beside it",
                "  decode -d OUT/ A.lc DIR ...   ... or in OUT/ (created when missing)",
                "With many inputs a bad file is reported and skipped; the exit code is then 1.");
        spec.addPositional(paths);
        outputs.addTo(spec);
        modelOption.addTo(spec);
        limitsOption.addTo(spec);
        OptionSpecs.addHelpOptions(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        int threads = modelOption.threads();
        PixelModel requested = modelOption.resolveOrNull();
        Limits limits = limitsOption.limits();
        boolean quiet = outputs.quiet();
        boolean force = outputs.force();
        Batch.Plan plan = Batch.plan(spec.commandLine(), paths.getValue(), outputs.output(), outputs.outDir(),
                ".lc", ".png");
        Progress progress = new Progress("decode", outputs.progress(),
                Progress.Mode.none, plan.jobs().size(), System.err);
        return Batch.run(plan.jobs(), plan.single(), force, quiet, progress, (job, index) -> {
            String name = job.inputName();
            progress.stage(index, name, "reading");
            byte[] file = Streams.read(job.input());
            long t0 = System.nanoTime();
            LcDecoder.Result[] d = new LcDecoder.Result[1];
            ProgressListener stripes = progress.part(index, name, "decoding", 0, 1);
            if (job.stdout()) {          // nothing reaches stdout before the pixels are verified
                LcCodec.Decoded whole = LcCodec.decode(file, requested, threads, limits, stripes);
                d[0] = new LcDecoder.Result(whole.header(), whole.model());
                Streams.write(job, PngIO.encode(whole.image()), force);
            } else {                     // rows stream into a temporary file, renamed once verified
                Streams.write(job, force,
                        out -> d[0] = LcCodec.decodeToPng(file, requested, threads, limits, out, stripes));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            LcHeader h = d[0].header();
            if (quiet) {
                return null;    // never printed: not formatted either (String.format's first use costs ms)
            }
            return String.format("%s -> %s: %s %dx%d, model %s, %.2f s", job.input(), job.output(),
                    PngImage.describe(h.colorType(), h.bitDepth(), h.interlaced()),
                    h.pngWidth(), h.pngHeight(), d[0].model() == null ? h.coderName() : d[0].model().name(), seconds);
        });
    }
}
