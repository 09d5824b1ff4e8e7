package io.lcompress.cli;

import io.lcompress.codec.mixture.ComponentBudget;
import io.lcompress.codec.model.MixedPixelModel;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.neural.NeuralNetworks;
import io.lcompress.codec.model.neural.NeuralPixelModel;
import io.lcompress.codec.model.neural.WeightFile;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

/** {@code --model NAME} and {@code --threads N}, shared by the coding commands. */
final class ModelOption extends OptionSpecs.Group {
    private final OptionSpec model = OptionSpecs.valued(String.class, "NAME", OptionSpecs.lines(
            "Pixel model instead of an effort level: fast or fast2 (non-learned; fast2, levels 1 and 2, also predicts "
                    + "each channel's difference to the previous one), narrow, neural or wide (the 64-, 192- or "
                    + "256-wide network alone), fast-ols4, fast-ols, ols-pair (least squares fitted to the image with "
                    + "fast), narrow-ols, neural-ols, wide-ols (a network mixed online with them), narrow-mix, "
                    + "neural-mix or default (a network mixed online with fast), categorical (the 192-wide trunk with "
                    + "a 256-way categorical head, alone), or FILE.lcw (weights from 'lcompress train': a mixture "
                    + "network is mixed with fast, a categorical one codes alone, a Bernoulli network from 'train "
                    + "--likelihood bernoulli' makes the bilevel model, for two-level images).",
            "Single-channel images of exactly two levels are always coded by bilevel."), "-m", "--model");

    private final OptionSpec threads = OptionSpecs.valued(Integer.class, "N", OptionSpecs.lines(
            "Worker threads (default: available processors). Output does not depend on it."), "-t", "--threads");

    @Override
    List<OptionSpec> options() {
        return List.of(model, threads);
    }

    /** {@code --model}'s value, or null. */
    String model() {
        return model.getValue();
    }

    /** Whether {@code --threads} was given. */
    boolean threadsGiven() {
        return threads.getValue() != null;
    }

    PixelModel resolve() throws UserException {
        return resolve(true);
    }

    /**
     * {@code forEncoding}: a FILE.lcw must fit the component budget of the three-expert mixer
     * ({@link ComponentBudget.Mixing#THREE_EXPERT}); to decode, any valid weight file is taken, so that
     * files coded with an over-budget one before the budget was enforced still decode.
     */
    private PixelModel resolve(boolean forEncoding) throws UserException {
        String name = model() == null ? ModelRegistry.DEFAULT : model();
        if (name.endsWith(".lcw")) {
            java.nio.file.Path file = java.nio.file.Path.of(name);
            try {
                if (java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.size(file) <= WeightFile.MAX_FILE_BYTES) {
                    byte[] bytes = java.nio.file.Files.readAllBytes(file);
                    if (WeightFile.parse(bytes).head() != WeightFile.HEAD_LOGISTIC_MIXTURE_COUPLED) {
                        // a categorical network codes alone; a Bernoulli one makes the bilevel model (frequencies: not mixed)
                        return NeuralNetworks.fromBytes(file.getFileName().toString(), bytes);
                    }
                }
                NeuralPixelModel n = forEncoding
                        ? NeuralPixelModel.load(file.getFileName().toString(), file, ComponentBudget.Mixing.THREE_EXPERT)
                        : NeuralPixelModel.load(file.getFileName().toString(), file);
                return new MixedPixelModel(file.getFileName().toString(), n, ModelRegistry.fast());
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UserException("no such model file: " + name);
            } catch (java.io.IOException e) {
                throw new UserException("bad model file " + name + ": " + e.getMessage());
            }
        }
        return ModelRegistry.byName(name).orElseThrow(() -> usage("unknown model '" + name + "' (built in: "
                + String.join(", ", new java.util.LinkedHashSet<>(ModelRegistry.names()))
                + "; or a FILE.lcw from 'lcompress train')"));
    }

    /** The requested model, or null to take the one a file names. */
    PixelModel resolveOrNull() throws UserException {
        return model() == null ? null : resolve(false);
    }

    int threads() {
        Integer threads = this.threads.getValue();
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1 || threads > 1024) {
            throw usage("--threads must be between 1 and 1024: " + threads);
        }
        return threads;
    }
}
