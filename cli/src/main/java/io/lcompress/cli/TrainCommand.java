package io.lcompress.cli;

import io.lcompress.model.TrainOptions;
import io.lcompress.model.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Trains a pixel model with Deeplearning4j (the only command that loads ND4J) and exports its
 * weights; use the result with {@code --model FILE.lcw}, or ship it as the default.
 */
@Command(name = "train", mixinStandardHelpOptions = true, addMethodSubcommands = false, sortOptions = false,
        description = {"Train the learned pixel model with Deeplearning4j and export its weights (.lcw).",
                "%nSamples random positions (borders included) of the training PNGs, evenly per folder; the loss "
                        + "is the coder's exact distribution in bits/subpixel; Adam with warmup and cosine decay; "
                        + "validation bits/subpixel every epoch; a checkpoint every epoch (--resume continues). "
                        + "The best-validation weights are written to --out. Set OMP_NUM_THREADS=1 for small models.%n"})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", arity = "1..*", required = true,
            description = "Folders of training PNGs (each folder is sampled equally).")
    List<Path> data;

    @Option(names = "--valid", paramLabel = "DIR", arity = "1..*", description = "Folders of validation PNGs.")
    List<Path> valid = List.of();

    @Option(names = "--out", paramLabel = "FILE.lcw", required = true, description = "Weights to write (best epoch).")
    Path out;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Checkpoints (default: OUT.ckpt/).")
    Path checkpointDir;

    @Option(names = "--init", paramLabel = "FILE.lcw", description = "Start from these weights instead of a "
            + "random initialization (fine-tuning with a new schedule; same shape, head and K).")
    Path init;

    @Option(names = "--resume", description = "Continue from the last checkpoint (its options win).")
    boolean resume;

    @Option(names = "--epochs", description = "Epochs (default: 20; with --resume: the new total).")
    Integer epochs;

    @Option(names = "--samples-per-epoch", description = "Samples per epoch (default: ${DEFAULT-VALUE}).")
    long samplesPerEpoch = 4_000_000;

    @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch = 2048;

    @Option(names = "--lr", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr = 2e-3;

    @Option(names = "--lr-floor", description = "Final learning rate (default: ${DEFAULT-VALUE}).")
    double lrFloor = 5e-5;

    @Option(names = "--warmup", description = "Warmup iterations (default: ${DEFAULT-VALUE}).")
    int warmup = 500;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--hidden", split = ",", description = "Hidden layer widths (default: 192,192).")
    int[] hidden = {192, 192};

    @Option(names = "--components", description = "Logistic components per channel (default: ${DEFAULT-VALUE}).")
    int components = 5;

    @Option(names = "--likelihood", paramLabel = "FAMILY",
            description = "Likelihood family of the head: dmol (discretized logistic mixture, PixelCNN++; the default), "
                    + "categorical (256 logits per channel, G and B tilted by the earlier channels; --components "
                    + "does not apply; the trunk is the same) or bernoulli (two-level images: the binary template, "
                    + "one logit, binary cross-entropy; training images are binarized at grey 128).")
    String likelihood = "dmol";

    @Option(names = "--holdout", paramLabel = "FOLDER:COUNT",
            description = "Never train on the last COUNT images of FOLDER (default: cifar10-train4k:400; 'none').")
    String holdout = "cifar10-train4k:400";

    @Option(names = "--holdout-eval", description = "Held-out images evaluated on every pixel (default: ${DEFAULT-VALUE}).")
    int holdoutEval = 200;

    @Option(names = "--threads", description = "Training threads (default: ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--stop-after-epochs", description = "End this run after N epochs (resume later).")
    int stopAfterEpochs;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on success: no progress lines on stderr "
            + "(data loaded, iterations, epochs) and no summary on stdout.")
    boolean quiet;

    /** A class of each library train needs that the coding tool does not ship with (lib/train/). */
    static final String[] TRAINING_CLASSES = {"io.lcompress.model.Trainer",
            "org.deeplearning4j.nn.multilayer.MultiLayerNetwork", "org.nd4j.linalg.factory.Nd4j"};

    /**
     * Whether the training libraries (lcompress-model, Deeplearning4j, ND4J, about 150 MB) are on the
     * class path: the launchers add lib/train/ only for this command, and an install may lack it.
     */
    static boolean trainingLibrariesPresent() {
        for (String c : TRAINING_CLASSES) {
            try {
                Class.forName(c, false, TrainCommand.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
        return true;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || threads > 1024) {
            throw new ParameterException(spec.commandLine(), "--threads must be between 1 and 1024: " + threads);
        }
        int holdoutCount = 0;
        if (!holdout.equals("none")) {
            int c = holdout.lastIndexOf(':');
            try {
                holdoutCount = c < 0 ? -1 : Integer.parseInt(holdout.substring(c + 1));
            } catch (NumberFormatException e) {
                holdoutCount = -1;
            }
            if (c <= 0 || holdoutCount < 0) {
                throw new ParameterException(spec.commandLine(),
                        "--holdout must be FOLDER:COUNT (COUNT a whole number >= 0) or none: " + holdout);
            }
        }
        if (!trainingLibrariesPresent()) {
            throw new UserException("train needs the training libraries (Deeplearning4j, lib/train/), which "
                    + "this install lacks: unpack lcompress-VERSION-train.tar.gz over it");
        }
        for (Path d : data) {
            if (!Files.isDirectory(d)) {
                throw new UserException("not a folder: " + d);
            }
        }
        TrainOptions o = new TrainOptions();
        o.dataDirs = data;
        o.validDirs = valid;
        o.out = out;
        o.checkpointDir = checkpointDir != null ? checkpointDir : Path.of(out + ".ckpt");
        o.resume = resume;
        if (init != null && !Files.isRegularFile(init)) {
            throw new UserException("not a file: " + init);
        }
        o.init = init;
        o.epochs = epochs == null ? 20 : epochs;
        o.samplesPerEpoch = samplesPerEpoch;
        o.batch = batch;
        o.lr = lr;
        o.lrFloor = lrFloor;
        o.seed = seed;
        o.warmupIterations = warmup;
        o.holdoutEvalImages = holdoutEval;
        o.hidden = hidden;
        o.components = components;
        try {
            o.likelihood = io.lcompress.model.Likelihood.parse(likelihood);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--likelihood: " + e.getMessage());
        }
        if (holdout.equals("none")) {
            o.holdoutFolder = null;
            o.holdoutCount = 0;
        } else {
            o.holdoutFolder = holdout.substring(0, holdout.lastIndexOf(':'));
            o.holdoutCount = holdoutCount;
        }
        o.threads = threads;
        o.stopAfterEpochs = stopAfterEpochs;
        if (resume && epochs != null) {
            o.resumeEpochs = epochs;
        }
        if (o.likelihood == io.lcompress.model.Likelihood.BERNOULLI) {
            o.channels = 1;
            try {
                double best = io.lcompress.model.BernoulliTrainer.run(o, quiet
                        ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.err);
                if (!quiet) {
                    System.out.printf("best: %.4f bits/pixel on validation; weights in %s%n", best, out);
                }
            } catch (IllegalArgumentException e) {
                throw new UserException(e.getMessage());
            }
            return 0;
        }
        try {
            Trainer.Result r = Trainer.run(o, quiet
                    ? new java.io.PrintStream(java.io.OutputStream.nullOutputStream()) : System.err);
            if (quiet) {
                return 0;
            }
            System.out.printf("best epoch %d: %.4f bits/subpixel on validation; weights in %s%n", r.bestEpoch,
                    r.bestCriterion, out);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        return 0;
    }
}
