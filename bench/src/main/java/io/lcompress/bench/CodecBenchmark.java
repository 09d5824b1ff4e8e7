package io.lcompress.bench;

import io.lcompress.codec.coding.LcCodec;
import io.lcompress.codec.container.FormatException;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Whole-image encode and decode of the 768 x 512 test photo (the .lc file, stripes, CRC and all), in
 * pixels per second ("ops/s" = pixels/s). {@code -p threads=2} codes stripes in parallel,
 * {@code -p model=NAME} picks the model.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
// the Vector API dense-layer kernel without the API's check per load, as the CLI runs it (Main)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0"})
public class CodecBenchmark {
    @Param({"default", "neural-mix", "narrow-mix", "fast"})
    public String model;

    @Param({"1"})
    public int threads;

    private PixelModel pixelModel;
    private Raster raster;
    private byte[] file;

    @Setup
    public void setup() throws FormatException {
        pixelModel = ModelRegistry.byName(model).orElseThrow(() -> new IllegalArgumentException(
                "unknown model '" + model + "' (available: " + String.join(", ", ModelRegistry.names()) + ")"));
        BenchImages.Photo photo = BenchImages.photo();
        raster = photo.raster();
        LcCodec.Encoded e = LcCodec.encode(raster, BenchImages.colorType(), pixelModel, threads);
        file = e.file();
        if (!Arrays.equals(LcCodec.decode(file, pixelModel, threads).raster().samples(), raster.samples())) {
            throw new IllegalStateException("round trip failed");
        }
        System.err.printf("model %s on %s: %.4f bits/subpixel%n", pixelModel.name(), photo.source(),
                file.length * 8.0 / e.subpixels());
    }

    @Benchmark
    @OperationsPerInvocation(BenchImages.PIXELS)
    public byte[] encode() {
        return LcCodec.encode(raster, BenchImages.colorType(), pixelModel, threads).file();
    }

    @Benchmark
    @OperationsPerInvocation(BenchImages.PIXELS)
    public Raster decode() throws FormatException {
        return LcCodec.decode(file, pixelModel, threads).raster();
    }
}
