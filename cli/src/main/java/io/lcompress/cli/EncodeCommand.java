package io.lcompress.cli;

import io.lcompress.codec.Limits;
import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngSource;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.concurrent.Callable;

/**
 * {@code encode}: PNG images into .lc files. Its picocli model is built in code ({@link OptionSpecs}
 * says why).
 */
final class EncodeCommand implements Callable<Integer> {
    private final PositionalParamSpec paths = OptionSpecs.paths("PATH",
            "IN.png [OUT.lc|DIR/], or .png files and folders.");
    private final OutputOptions outputs = new OutputOptions();
    private final OptionSpec verify = OptionSpecs.flag(OptionSpecs.lines(
            "Decode the file in memory and compare it with the input before writing it (about twice the time);",
            "on a difference nothing is written and the exit code is 1."), "--verify");
    private final OptionSpec strip = OptionSpecs.flag(OptionSpecs.lines(
            "Leave the PNG's metadata out: text, time, ICC profile, gamma, chromaticities, sRGB, physical size, "
                    + "sBIT, bKGD, hIST, sPLT, EXIF, private chunks, a suggested palette.",
            "Kept: a grey or RGB image's tRNS colour key (its transparent colour; a palette's transparency is "
                    + "always kept)."), "--strip");
    private final EffortOption effortOption = new EffortOption();
    private final ModelOption modelOption = new ModelOption();
    private final LimitsOption limitsOption = new LimitsOption();
    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("encode");

    EncodeCommand() {
        spec.usageMessage().description(
                "Compress PNG images into .lc files.",
                "  encode IN.png OUT.lc          one file ('-' for stdin / stdout)",
                "  encode IN.png -o OUT.lc       the same, whatever OUT's name",
                "  encode IN.png DIR/            into a folder that exists: DIR/IN.lc",
                "  encode IN.png                 beside it: IN.lc",
                "  encode A.png B.png DIR ...    many files or folders: X.png -> X.lc beside it",
                "  encode -d OUT/ A.png DIR ...  ... or in OUT/ (created when missing)",
                "With many inputs a bad file is reported and skipped; the exit code is then 1.",
                "An image of more than 128x128 (and at most 2^22) pixels is coded transposed when a quick "
                        + "estimate says that codes smaller; decoding gives it back as it was.");
        spec.addPositional(paths);
        outputs.addTo(spec);
        spec.addOption(verify);
        spec.addOption(strip);
        effortOption.addTo(spec);
        modelOption.addTo(spec);
        limitsOption.addTo(spec);
        OptionSpecs.addHelpOptions(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        PixelModel model = effortOption.resolve(modelOption);
        int threads = modelOption.threads();
        Limits limits = limitsOption.limits();
        boolean quiet = outputs.quiet();
        boolean verify = OptionSpecs.given(this.verify);
        boolean strip = OptionSpecs.given(this.strip);
        boolean force = outputs.force();
        Batch.Plan plan = Batch.plan(spec.commandLine(), paths.getValue(), outputs.output(), outputs.outDir(),
                ".png", ".lc");
        Progress progress = new Progress("encode", outputs.progress(),
                Progress.Mode.none, plan.jobs().size(), System.err);
        return Batch.run(plan.jobs(), plan.single(), force, quiet, progress, (job, index) -> {
            String name = job.inputName();
            progress.stage(index, name, "reading");
            PngSource png = PngIO.open(Streams.read(job.input()), limits);   // rows decoded as they are coded
            PngSource image = strip ? png.withoutMetadata() : png;
            long t0 = System.nanoTime();
            // with --verify, decoding takes about a third of the time
            LcCodec.Encoded e = LcCodec.encode(image, model, threads,
                    progress.part(index, name, "encoding", 0, verify ? 0.67 : 1));
            if (verify) {
                LcCodec.verify(image, e, threads, progress.part(index, name, "verifying", 0.67, 1));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Streams.write(job, e.file(), force);
            long sub = e.subpixels();
            int chunks = image.chunks().size();
            int stripped = png.chunks().size() - chunks;
            if (quiet) {
                return null;    // never printed: not formatted either (String.format's first use costs ms)
            }
            return String.format("%s -> %s: %s %dx%d, %d bytes, %.4f bits/subpixel (model %.4f), model %s, %.2f s"
                            + (chunks == 0 ? "" : ", " + chunks + " other PNG chunk" + (chunks == 1 ? "" : "s")
                            + " kept") + (stripped == 0 ? "" : ", " + stripped + " metadata chunk"
                            + (stripped == 1 ? "" : "s") + " left out")
                            + (e.header().transposed() ? ", coded transposed" : "") + (verify ? ", verified" : ""),
                    job.input(), job.output(), PngImage.describe(image.colorType(), image.bitDepth(), image.interlaced()),
                    image.width(), image.height(),
                    e.file().length, e.file().length * 8.0 / sub, e.modelBits() / sub,
                    e.header().coderName(), seconds);
        });
    }
}
