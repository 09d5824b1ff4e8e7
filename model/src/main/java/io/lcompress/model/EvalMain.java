package io.lcompress.model;

import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.neural.CategoricalPixelModel;
import io.lcompress.codec.model.neural.NeuralNetworks;
import io.lcompress.codec.model.neural.NeuralPixelModel;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Exact code length of a weight file on image folders, and the runtime's speed:
 * <pre>
 * java -cp ... io.lcompress.model.EvalMain --model FILE.lcw --valid DIR[,DIR...] [--stride N]
 *      [--data DIR[,DIR..] --holdout NAME:COUNT --holdout-eval N]
 * </pre>
 * {@code --stride 1} evaluates every pixel (pixels per image = pixels / stride, random positions,
 * at least 2000). Bits are the coder's ({@link io.lcompress.codec.mixture.QuantizedMixture#bits}, or the
 * frequencies of a categorical network). Either family's weight file is taken.
 */
public final class EvalMain {
    private EvalMain() {
    }

    public static void main(String[] args) throws Exception {
        Path model = null;
        TrainOptions o = new TrainOptions();
        o.holdoutFolder = null;
        o.validStride = 1;
        java.util.List<Path> data = java.util.List.of();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--model" -> model = Path.of(v);
                case "--valid" -> o.validDirs = Arrays.stream(v.split(",")).map(Path::of).toList();
                case "--stride" -> o.validStride = Integer.parseInt(v);
                case "--data" -> data = Arrays.stream(v.split(",")).map(Path::of).toList();
                case "--holdout" -> {
                    int c = v.lastIndexOf(':');
                    o.holdoutFolder = v.substring(0, c);
                    o.holdoutCount = Integer.parseInt(v.substring(c + 1));
                }
                case "--holdout-eval" -> o.holdoutEvalImages = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("--model FILE required");
        }
        PixelModel m = NeuralNetworks.load(model.getFileName().toString(), model);
        if (!(m instanceof NeuralPixelModel) && !(m instanceof CategoricalPixelModel)) {
            throw new IllegalArgumentException(model + ": EvalMain evaluates 8-bit networks (mixture or categorical "
                    + "head); a Bernoulli network is validated by BernoulliTrainer");
        }
        System.err.printf("model %s: %s, fingerprint %016x%n", model, m instanceof NeuralPixelModel n ? n.weights()
                : ((CategoricalPixelModel) m).weights(), m.fingerprint());
        TrainingData td = null;
        if (!data.isEmpty()) {
            o.dataDirs = data;
            td = TrainingData.load(o, System.err);
        }
        Validation v = Validation.build(o, td, System.err);
        long pixels = 0;
        for (Validation.Set s : v.sets) {
            for (Validation.Item it : s.items) {
                pixels += it.xs.length;
            }
        }
        long t0 = System.nanoTime();
        Validation.Result r = v.evaluate(m);
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.println(r);
        System.out.printf("%,d pixels in %.1f s: %,.0f pixels/s (features + network + mixture + code length)%n",
                pixels, sec, pixels / sec);
    }
}
