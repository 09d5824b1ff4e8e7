package io.lcompress.cli;

import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine.Option;

/** {@code --model NAME} and {@code --threads N}, shared by the coding commands. */
final class ModelOption {
    @Option(names = {"-m", "--model"}, paramLabel = "NAME",
            description = "Pixel model: default (the learned model) or fast (non-learned baseline).")
    String model;

    @Option(names = {"-t", "--threads"}, paramLabel = "N",
            description = "Worker threads (default: available processors). Output does not depend on it.")
    Integer threads;

    PixelModel resolve() throws UserException {
        String name = model == null ? ModelRegistry.DEFAULT : model;
        return ModelRegistry.byName(name).orElseThrow(() -> new UserException(
                "unknown model '" + name + "' (available: " + String.join(", ", ModelRegistry.names()) + ")"));
    }

    /** The requested model, or null to take the one a file names. */
    PixelModel resolveOrNull() throws UserException {
        return model == null ? null : resolve();
    }

    int threads() throws UserException {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1 || threads > 1024) {
            throw new UserException("--threads must be between 1 and 1024");
        }
        return threads;
    }
}
