package io.lcompress.cli;

import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Compress a PNG into an .lc file.")
final class EncodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.png", description = "PNG image to compress.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.lc", description = "Compressed file to write.")
    Path output;

    @Option(names = {"-f", "--force"}, description = "Overwrite an existing output file.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    @Mixin
    ModelOption modelOption;

    @Override
    public Integer call() throws Exception {
        PixelModel model = modelOption.resolve();
        Files2.checkWritable(output, force);
        PngImage image = PngIO.read(input);
        if (!model.supportsChannels(image.raster().channels())) {
            throw new UserException(input + ": model '" + model.name() + "' cannot code "
                    + PngImage.describe(image.colorType()) + " images");
        }
        long t0 = System.nanoTime();
        LcCodec.Encoded e = LcCodec.encode(image.raster(), image.colorType(), model, modelOption.threads());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Files2.writeAtomically(output, e.file(), force);
        if (!quiet) {
            long sub = e.subpixels();
            System.out.printf("%s -> %s: %d bytes, %.4f bits/subpixel (model %.4f), %.2f s%n", input, output,
                    e.file().length, e.file().length * 8.0 / sub, e.modelBits() / sub, seconds);
        }
        return 0;
    }
}
