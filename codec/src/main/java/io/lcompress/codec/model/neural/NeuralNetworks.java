package io.lcompress.codec.model.neural;

import io.lcompress.codec.model.PixelModel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads a weight file as the model of its family, chosen by the file's head byte
 * ({@link WeightFile#head()}): head 1 gives a {@link NeuralPixelModel} (logistic mixture, computed with
 * {@code StrictMath} like every {@code FILE.lcw} before), head 2 a {@link CategoricalPixelModel}, head 3
 * the two-level {@link io.lcompress.codec.model.bilevel.BilevelPixelModel} with those weights.
 */
public final class NeuralNetworks {
    private NeuralNetworks() {
    }

    /** The model of the exact bytes of a weight file, by its head. */
    public static PixelModel fromBytes(String name, byte[] bytes) throws IOException {
        WeightFile f = WeightFile.parse(bytes);
        if (f.head() == WeightFile.HEAD_CATEGORICAL) {
            return CategoricalPixelModel.fromBytes(name, bytes);
        }
        if (f.head() == WeightFile.HEAD_BERNOULLI) {
            return io.lcompress.codec.model.bilevel.BilevelPixelModel.fromBytes(name, bytes);
        }
        return NeuralPixelModel.fromBytes(name, bytes);
    }

    /** The model of a weight file on disk, by its head; errors name the file. */
    public static PixelModel load(String name, Path file) throws IOException {
        long size = Files.size(file);
        if (size > WeightFile.MAX_FILE_BYTES) {
            throw new IOException(file + ": weight file larger than " + WeightFile.MAX_FILE_BYTES + " bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return fromBytes(name, WeightFile.readBounded(in));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
