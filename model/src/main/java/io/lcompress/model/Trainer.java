package io.lcompress.model;

import io.lcompress.codec.model.neural.ContextFeatures;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.neural.NeuralNetworks;
import io.lcompress.codec.model.neural.WeightFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Trains the pixel network with Deeplearning4j and exports the best-validation weights as a
 * {@link WeightFile}. Entry point for the CLI ({@code lcompress train}) and {@link TrainMain}.
 *
 * <p>Data order is deterministic: epoch e draws its samples from {@code SplittableRandom(seed * 1000003 + e)},
 * so a run resumed at an epoch boundary sees the same samples as an uninterrupted one.
 */
public final class Trainer {
    /** Outcome of {@link #run}. */
    public static final class Result {
        public final double bestCriterion;
        public final int bestEpoch;
        public final Validation.Result lastValidation;
        public final int epochsDone;

        Result(double bestCriterion, int bestEpoch, Validation.Result lastValidation, int epochsDone) {
            this.bestCriterion = bestCriterion;
            this.bestEpoch = bestEpoch;
            this.lastValidation = lastValidation;
            this.epochsDone = epochsDone;
        }
    }

    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private Trainer() {
    }

    /** Limits ND4J/OpenMP/BLAS to {@code n} threads (set OMP_NUM_THREADS too, before the JVM starts). */
    public static void setThreads(int n) {
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    /**
     * Runs training. Progress lines (about every {@code progressSeconds}) and per-epoch validation go to
     * {@code progress}. Writes {@code options.out} whenever validation improves and, with a checkpoint
     * folder, a checkpoint after every epoch.
     */
    public static Result run(TrainOptions options, PrintStream progress) throws IOException {
        if (options.likelihood == Likelihood.BERNOULLI) {
            throw new IllegalArgumentException("the Bernoulli head trains on the binary template: BernoulliTrainer, "
                    + "not Trainer (lcompress train --likelihood bernoulli)");
        }
        TrainOptions o = options;
        if (o.resume && o.checkpointDir != null && Files.exists(o.checkpointDir.resolve("state.properties"))) {
            Properties p = loadProperties(o.checkpointDir.resolve("state.properties"));
            o = TrainOptions.fromProperties(p, options);
        } else if (o.resume) {
            progress.println("no checkpoint in " + o.checkpointDir + "; starting fresh");
        }
        o.validate();
        setThreads(o.threads);
        if (o.checkpointDir != null) {
            Files.createDirectories(o.checkpointDir);
        }
        long t0 = System.nanoTime();
        TrainingData data = TrainingData.load(o, progress);
        Validation valid = Validation.build(o, data, progress);
        progress.printf("loaded data in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        long itersPerEpoch = o.iterationsPerEpoch();
        CosineSchedule schedule = new CosineSchedule(o.lr, o.lrFloor, o.warmupIterations, o.totalIterations());
        MultiLayerNetwork net = PixelNet.build(o.likelihood, o.channels, o.hidden, o.components, o.seed, schedule);
        int startEpoch = 0;
        double best = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        if (o.resume && o.checkpointDir != null && Files.exists(o.checkpointDir.resolve("state.properties"))) {
            Properties st = loadProperties(o.checkpointDir.resolve("state.properties"));
            startEpoch = Integer.parseInt(st.getProperty("epochsDone"));
            best = Double.parseDouble(st.getProperty("best"));
            bestEpoch = Integer.parseInt(st.getProperty("bestEpoch"));
            INDArray params = readFloats(o.checkpointDir.resolve("params.bin"), net.params().length());
            net.setParams(params);
            INDArray state = net.getUpdater().getStateViewArray();
            state.assign(readFloats(o.checkpointDir.resolve("updater.bin"), state.length()));
            net.setIterationCount((int) (startEpoch * itersPerEpoch));
            net.setEpochCount(startEpoch);
            progress.printf("resumed from %s after epoch %d (best %.4f at epoch %d)%n", o.checkpointDir, startEpoch,
                    best, bestEpoch);
        }
        if (startEpoch == 0 && o.init != null) {
            byte[] initBytes = Files.readAllBytes(o.init);
            PixelNet.load(net, WeightFile.parse(initBytes), o.likelihood, o.channels, o.components);
            Validation.Result initial = valid.evaluate(NeuralNetworks.fromBytes("init", initBytes));
            best = initial.criterion();
            bestEpoch = 0;
            if (o.out != null) {
                writeAtomically(o.out, initBytes);
            }
            progress.printf("initialized from %s: valid %s%n", o.init, initial);
        }
        int[] widths = PixelNet.widths(o.likelihood, o.channels, o.hidden, o.components);
        long macs = 0;
        for (int l = 1; l < widths.length; l++) {
            macs += (long) widths[l - 1] * widths[l];
        }
        progress.printf("network %s, %s, %,d parameters, %,d multiply-adds/pixel; %d epochs x %d iterations x batch %d%n",
                java.util.Arrays.toString(widths),
                o.likelihood == Likelihood.DMOL ? "dmol K=" + o.components : o.likelihood.id(), net.numParams(), macs, o.epochs, itersPerEpoch, o.batch);

        ContextFeatures features = new ContextFeatures(ContextFeatures.SPEC_CTX24_BORDER_MED, o.channels);
        int nIn = features.size();
        float[] feat = new float[o.batch * nIn];
        float[] labels = new float[o.batch * o.channels];
        long runStart = System.nanoTime();
        long itersDone = 0;
        Validation.Result last = null;
        long fillNanos = 0;
        int endEpoch = o.stopAfterEpochs > 0 ? Math.min(o.epochs, o.stopAfterEpochs) : o.epochs;
        long totalRemaining = (endEpoch - startEpoch) * itersPerEpoch;
        int epoch = startEpoch;
        for (; epoch < endEpoch; epoch++) {
            SplittableRandom rng = new SplittableRandom(o.seed * 1000003L + epoch);
            double lossSum = 0;
            long lossN = 0;
            double epochLoss = 0;
            long lastPrint = System.nanoTime();
            for (long it = 0; it < itersPerEpoch; it++) {
                long f0 = System.nanoTime();
                data.fill(rng, features, feat, labels, o.batch);
                fillNanos += System.nanoTime() - f0;
                INDArray f = Nd4j.create(feat, new long[]{o.batch, nIn}, 'c');
                INDArray l = Nd4j.create(labels, new long[]{o.batch, o.channels}, 'c');
                net.fit(new DataSet(f, l));
                double s = net.score();
                if (!Double.isFinite(s)) {
                    throw new IllegalStateException("training diverged (score " + s + ") at epoch " + epoch + " iteration " + it);
                }
                lossSum += s;
                lossN++;
                epochLoss += s;
                itersDone++;
                long now = System.nanoTime();
                if ((now - lastPrint) / 1e9 >= o.progressSeconds || it == itersPerEpoch - 1) {
                    double el = (now - runStart) / 1e9;
                    double rate = itersDone * (double) o.batch / el;
                    double eta = (totalRemaining - itersDone) * (el / itersDone);
                    long globalIt = epoch * itersPerEpoch + it;
                    progress.printf("epoch %d/%d it %d/%d | loss %.4f bits/subpx | lr %.2e | %,.0f samples/s (data %.0f%%) | ETA %s (~%s UTC)%n",
                            epoch + 1, o.epochs, it + 1, itersPerEpoch, lossSum / lossN, schedule.at(globalIt), rate,
                            100.0 * fillNanos / (now - runStart),
                            duration(eta), HHMM.format(Instant.now().plusSeconds((long) eta)));
                    lossSum = 0;
                    lossN = 0;
                    lastPrint = now;
                }
            }
            long v0 = System.nanoTime();
            WeightFile wf = PixelNet.export(net, o.likelihood, o.channels, o.components);
            byte[] bytes = wf.toBytes();
            PixelModel model = NeuralNetworks.fromBytes("candidate", bytes);
            last = valid.evaluate(model);
            double crit = last.criterion();
            boolean improved = Double.isNaN(crit) || crit < best;   // no validation data: keep the latest
            if (improved) {
                best = crit;
                bestEpoch = epoch + 1;
                if (o.out != null) {
                    writeAtomically(o.out, bytes);
                }
                if (o.checkpointDir != null) {
                    writeAtomically(o.checkpointDir.resolve("best.lcw"), bytes);
                }
            }
            progress.printf("epoch %d/%d done: train %.4f | valid %s%s (%.1f s)%n", epoch + 1, o.epochs,
                    epochLoss / itersPerEpoch, last, improved ? " *best*" : "", (System.nanoTime() - v0) / 1e9);
            if (o.checkpointDir != null) {
                writeAtomically(o.checkpointDir.resolve("last.lcw"), bytes);
                // every epoch's weights, for averaging the last ones (AverageWeights)
                writeAtomically(o.checkpointDir.resolve("epochs").resolve(String.format("epoch-%03d.lcw", epoch + 1)), bytes);
                writeFloats(o.checkpointDir.resolve("params.bin"), net.params());
                writeFloats(o.checkpointDir.resolve("updater.bin"), net.getUpdater().getStateViewArray());
                Properties st = o.toProperties();
                st.setProperty("epochsDone", Integer.toString(epoch + 1));
                st.setProperty("best", Double.toString(best));
                st.setProperty("bestEpoch", Integer.toString(bestEpoch));
                st.setProperty("lastValidation", last.toString());
                Path tmp = o.checkpointDir.resolve("state.properties.tmp");
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    st.store(out, "lcompress training checkpoint");
                }
                Files.move(tmp, o.checkpointDir.resolve("state.properties"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (epoch < o.epochs) {
            progress.printf("stopped after epoch %d of %d: best %.4f bits/subpixel at epoch %d (continue with --resume)%n",
                    epoch, o.epochs, best, bestEpoch);
        } else {
            progress.printf("finished: best %.4f bits/subpixel at epoch %d%n", best, bestEpoch);
        }
        return new Result(best, bestEpoch, last, epoch);
    }

    static String duration(double s) {
        long t = (long) s;
        return t >= 3600 ? String.format("%dh%02dm", t / 3600, t / 60 % 60) : String.format("%dm%02ds", t / 60, t % 60);
    }

    private static Properties loadProperties(Path p) throws IOException {
        Properties pr = new Properties();
        try (InputStream in = Files.newInputStream(p)) {
            pr.load(in);
        }
        return pr;
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeFloats(Path target, INDArray a) throws IOException {
        float[] v = a.dup('c').data().asFloat();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            d.writeInt(v.length);
            for (float x : v) {
                d.writeFloat(x);
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static INDArray readFloats(Path file, long expected) throws IOException {
        try (DataInputStream d = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            int n = d.readInt();
            if (n != expected) {
                throw new IOException(file + ": " + n + " values, network needs " + expected
                        + " (checkpoint from a different architecture?)");
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = d.readFloat();
            }
            return Nd4j.create(v, new long[]{1, n}, 'c');
        }
    }
}
