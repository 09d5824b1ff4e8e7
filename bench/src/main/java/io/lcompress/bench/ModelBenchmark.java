package io.lcompress.bench;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.PixelPredictor;
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

import java.util.concurrent.TimeUnit;

/**
 * Model inference in pixels per second ("ops/s" = pixels/s): the predictor's calls for every pixel of
 * the top 128 rows of the 768 x 512 test photo (beginPixel, then predict and observe per channel),
 * without the coder. {@code model} runs every built-in model ({@code default} is the mixed neural + fast
 * model); {@code -p model=NAME,...} picks some.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// the Vector API dense-layer kernel without the API's check per load, as the CLI runs it (Main)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0"})
public class ModelBenchmark {
    static final int ROWS = 128;
    static final int PIXELS = BenchImages.WIDTH * ROWS;

    @Param({"default", "neural-mix", "neural", "narrow-mix", "narrow", "fast"})
    public String model;

    private PixelModel pixelModel;
    private Raster raster;
    private final LogisticMixture mixture = new LogisticMixture();

    @Setup
    public void setup() {
        pixelModel = ModelRegistry.byName(model).orElseThrow(() -> new IllegalArgumentException(
                "unknown model '" + model + "' (available: " + String.join(", ", ModelRegistry.names()) + ")"));
        BenchImages.Photo photo = BenchImages.photo();
        raster = photo.raster().rows(0, ROWS);
        System.err.println("model " + pixelModel.name() + " on " + photo.source() + ", top " + ROWS + " rows");
    }

    @Benchmark
    @OperationsPerInvocation(PIXELS)
    public double predictAllPixels() {
        PixelPredictor p = pixelModel.newPredictor(raster);
        int w = raster.width();
        int channels = raster.channels();
        double acc = 0;
        for (int y = 0; y < ROWS; y++) {
            for (int x = 0; x < w; x++) {
                p.beginPixel(x, y);
                for (int c = 0; c < channels; c++) {
                    p.predict(c, mixture);
                    acc += mixture.mean[0];
                    p.observe(c, raster.get(x, y, c));
                }
            }
        }
        return acc;
    }
}
