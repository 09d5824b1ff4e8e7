package io.lcompress.model;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Command-line training without the CLI module:
 * <pre>
 * java -cp ... io.lcompress.model.TrainMain --data DIR[,DIR...] --valid DIR[,DIR...] --out FILE.lcw
 *      [--checkpoint-dir DIR] [--resume] [--epochs N] [--samples-per-epoch N] [--batch N] [--lr X]
 *      [--lr-floor X] [--warmup N] [--seed N] [--hidden 192,192] [--components K] [--likelihood dmol|categorical (bernoulli: lcompress train)]
 *      [--holdout NAME:COUNT | --holdout none] [--holdout-eval N] [--threads N] [--progress-seconds S]
 *      [--stop-after-epochs N] [--valid-stride N]
 * </pre>
 * With {@code --resume}, the options saved in the checkpoint are used; {@code --epochs} then changes the
 * total epoch count (the cosine schedule is recomputed for the new total).
 */
public final class TrainMain {
    private TrainMain() {
    }

    public static void main(String[] args) throws Exception {
        TrainOptions o = parse(args);
        Trainer.run(o, System.err);
    }

    static TrainOptions parse(String[] args) {
        TrainOptions o = new TrainOptions();
        boolean epochsGiven = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--resume")) {
                o.resume = true;
                continue;
            }
            if (a.equals("--help") || a.equals("-h")) {
                System.err.println("usage: TrainMain --data DIR[,DIR..] --out FILE [--valid DIR[,DIR..]] [--checkpoint-dir DIR]"
                        + " [--resume] [--epochs N] [--samples-per-epoch N] [--batch N] [--lr X] [--lr-floor X]"
                        + " [--warmup N] [--seed N] [--hidden H1,H2] [--components K] [--likelihood dmol|categorical (bernoulli: lcompress train)] [--holdout NAME:COUNT|none]"
                        + " [--holdout-eval N] [--threads N] [--progress-seconds S] [--stop-after-epochs N] [--valid-stride N]");
                System.exit(0);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--data" -> o.dataDirs = Arrays.stream(v.split(",")).map(Path::of).toList();
                case "--valid" -> o.validDirs = Arrays.stream(v.split(",")).map(Path::of).toList();
                case "--out" -> o.out = Path.of(v);
                case "--checkpoint-dir" -> o.checkpointDir = Path.of(v);
                case "--epochs" -> {
                    o.epochs = Integer.parseInt(v);
                    epochsGiven = true;
                }
                case "--samples-per-epoch" -> o.samplesPerEpoch = Long.parseLong(v);
                case "--batch" -> o.batch = Integer.parseInt(v);
                case "--lr" -> o.lr = Double.parseDouble(v);
                case "--lr-floor" -> o.lrFloor = Double.parseDouble(v);
                case "--warmup" -> o.warmupIterations = Integer.parseInt(v);
                case "--seed" -> o.seed = Long.parseLong(v);
                case "--hidden" -> o.hidden = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--components" -> o.components = Integer.parseInt(v);
                case "--likelihood" -> o.likelihood = Likelihood.parse(v);
                case "--holdout" -> {
                    if (v.equals("none")) {
                        o.holdoutFolder = null;
                        o.holdoutCount = 0;
                    } else {
                        int c = v.lastIndexOf(':');
                        o.holdoutFolder = v.substring(0, c);
                        o.holdoutCount = Integer.parseInt(v.substring(c + 1));
                    }
                }
                case "--holdout-eval" -> o.holdoutEvalImages = Integer.parseInt(v);
                case "--threads" -> o.threads = Integer.parseInt(v);
                case "--progress-seconds" -> o.progressSeconds = Double.parseDouble(v);
                case "--stop-after-epochs" -> o.stopAfterEpochs = Integer.parseInt(v);
                case "--valid-stride" -> o.validStride = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (o.resume && epochsGiven) {
            o.resumeEpochs = o.epochs;   // --resume --epochs N: change the length of the resumed run
        }
        return o;
    }
}
