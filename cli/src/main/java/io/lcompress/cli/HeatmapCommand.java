package io.lcompress.cli;

import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Where the bits go: every pixel's code length under the model, as a picture beside the original. */
@Command(name = "heatmap", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Draw where the bits go: each pixel's code length (bits summed over its channels, as the "
                + "coder spends them) in a viridis colour map, beside the original, with a scale in bits per pixel.",
                "Stripes are coded independently, so the first row of each stripe is visibly more expensive."})
final class HeatmapCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "PNG image.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.png", description = "Picture to write (PNG).")
    Path output;

    @Option(names = "--max", paramLabel = "BITS",
            description = "Upper end of the colour scale in bits per pixel (default: the 99.5th percentile, "
                    + "rounded up); use the same value to compare images.")
    Double scaleMax;

    @Option(names = {"-f", "--force"}, description = "Overwrite an existing output file.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    private final EffortOption effortOption = new EffortOption();

    private final ModelOption modelOption = new ModelOption();

    private final LimitsOption limitsOption = new LimitsOption();

    /**
     * This command for picocli: its annotated options, then the option groups it shares with
     * {@code encode} (built in code, {@link OptionSpecs}).
     */
    CommandLine commandLine() {
        return OptionSpecs.annotated(this, false, effortOption, modelOption, limitsOption);
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        PixelModel model = effortOption.resolve(modelOption);
        Files2.checkWritable(output, force);
        if (scaleMax != null && !(scaleMax > 0 && scaleMax < 1e6)) {
            throw new ParameterException(spec.commandLine(), "--max must be a positive number of bits: " + scaleMax);
        }
        PngImage image;
        try {
            image = PngIO.read(input, limitsOption.limits());
        } catch (PngIO.UnsupportedImageException e) {
            throw new UserException(input + ": " + e.getMessage(), e);
        }
        int w = image.width();
        int h = image.height();
        LcCodec.Encoded e = LcCodec.encode(image, model, modelOption.threads(), LcCodec.defaultStripeRows(w, h), true);
        float[] bits = e.bitsPerPixel();
        double max = scaleMax != null ? scaleMax : Heatmap.defaultScaleMax(bits);
        long sub = e.subpixels();
        int channels = (int) (sub / ((long) w * h));
        String title = "Where the bits go: " + input.getFileName();
        String coder = e.header().coderName();     // what coded it (a level may choose by image size)
        String subtitle = String.format(Locale.ROOT, "model %s  |  %.4f bits/subpixel (%.0f bits for %dx%dx%d, %s; file %.4f bpsp)",
                coder, e.modelBits() / sub, e.modelBits(), w, h, channels, image.describe(),
                e.file().length * 8.0 / sub);
        var picture = Heatmap.render(image, channels, bits, max, title, subtitle);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(picture, "png", png)) {
            throw new UserException("no PNG writer in this JVM");
        }
        Files2.writeAtomically(output, png.toByteArray(), force);
        if (!quiet) {
            System.out.printf(Locale.ROOT, "%s -> %s: model %s, %.4f bits/subpixel, %s%n", input, output, coder,
                    e.modelBits() / sub, Heatmap.describeScale(max, bits, scaleMax != null));
        }
        return 0;
    }
}
