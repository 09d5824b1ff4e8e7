package io.lcompress.cli;

import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.image.PngIO;
import io.lcompress.codec.image.PngImage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decompress an .lc file into a PNG (pixels verified against the stored checksum).")
final class DecodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN.lc", description = "Compressed file.")
    Path input;

    @Parameters(index = "1", paramLabel = "OUT.png", description = "PNG image to write.")
    Path output;

    @Option(names = {"-f", "--force"}, description = "Overwrite an existing output file.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success.")
    boolean quiet;

    @Mixin
    ModelOption modelOption;

    @Override
    public Integer call() throws Exception {
        Files2.checkWritable(output, force);
        byte[] file = Files.readAllBytes(input);
        long t0 = System.nanoTime();
        LcCodec.Decoded d;
        try {
            d = LcCodec.decode(file, modelOption.resolveOrNull(), modelOption.threads());
        } catch (io.lcompress.codec.container.FormatException e) {
            throw new UserException(input + ": " + e.getMessage());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        byte[] png = PngIO.encode(new PngImage(d.raster(), d.header().colorType()));
        Files2.writeAtomically(output, png, force);
        if (!quiet) {
            System.out.printf("%s -> %s: %dx%d %s, model %s, %.2f s%n", input, output, d.header().width(),
                    d.header().height(), PngImage.describe(d.header().colorType()), d.model().name(), seconds);
        }
        return 0;
    }
}
