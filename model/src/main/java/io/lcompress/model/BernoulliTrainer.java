package io.lcompress.model;

import io.lcompress.codec.model.bilevel.BilevelNetwork;
import io.lcompress.codec.model.bilevel.BinaryTemplate;
import io.lcompress.codec.model.neural.WeightFile;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Trains the Bernoulli head ({@code lcompress train --likelihood bernoulli}): the {@link BinaryTemplate}
 * inputs, ReLU layers of {@code options.hidden}, one sigmoid output P(ink), binary cross-entropy (reported
 * in bits). Images are binarized by {@link Binarized} (grey, threshold 128). Exported as a head-3 weight
 * file ({@link WeightFile#HEAD_BERNOULLI}, feature spec 2) for the {@code bilevel} model.
 *
 * <p>As {@link Trainer}: samples are random positions of random images, evenly per folder, epoch e drawn
 * from {@code SplittableRandom(seed * 1000003 + e)}; the last {@code holdoutCount} images of the holdout
 * folder are never trained on; validation (the network alone, computed by the codec's
 * {@link BilevelNetwork}, bits per pixel over every pixel of the validation images, subsampled by
 * {@code validStride}) after every epoch; the best is written to {@code out}; a checkpoint
 * (params.bin, updater.bin, state.properties) after every epoch, continued by {@code resume}.
 */
public final class BernoulliTrainer {
    private static final double LN2 = StrictMath.log(2);

    private BernoulliTrainer() {
    }

    /** A binarized image: its ink bits. */
    private record Bits(int width, int height, byte[] bits) {
    }

    /** Runs training; returns the best validation bits/pixel (NaN without validation data). */
    public static double run(TrainOptions o, PrintStream progress) throws IOException {
        if (o.dataDirs.isEmpty() || o.out == null) {
            throw new IllegalArgumentException("need training folders (--data) and --out");
        }
        if (o.epochs < 1 || o.samplesPerEpoch < 1 || o.batch < 1 || o.batch > 65536 || !(o.lr > 0)
                || o.hidden.length < 1 || o.hidden.length > 6) {
            throw new IllegalArgumentException("bad epochs/samples/batch/lr/hidden");
        }
        Trainer.setThreads(o.threads);
        long t0 = System.nanoTime();
        List<List<Bits>> folders = new ArrayList<>();
        for (Path d : o.dataDirs) {
            List<Path> files = Images.pngs(d);
            if (o.holdoutFolder != null && d.getFileName().toString().equals(o.holdoutFolder)) {
                files = files.subList(0, Math.max(0, files.size() - o.holdoutCount));
            }
            List<Bits> l = new ArrayList<>();
            for (Path f : files) {
                l.add(load(f));
            }
            if (!l.isEmpty()) {
                folders.add(l);
            }
            progress.printf("%s: %d images%n", d, l.size());
        }
        List<Bits> valid = new ArrayList<>();
        for (Path d : o.validDirs) {
            for (Path f : Images.pngs(d)) {
                valid.add(load(f));
            }
        }
        progress.printf("loaded %d training folders, %d validation images in %.1f s%n", folders.size(), valid.size(),
                (System.nanoTime() - t0) / 1e9);

        int[] widths = new int[o.hidden.length + 2];
        widths[0] = BinaryTemplate.SIZE;
        System.arraycopy(o.hidden, 0, widths, 1, o.hidden.length);
        widths[widths.length - 1] = 1;
        long itersPerEpoch = o.iterationsPerEpoch();
        CosineSchedule schedule = new CosineSchedule(o.lr, o.lrFloor, o.warmupIterations, o.totalIterations());
        MultiLayerNetwork net = build(o.hidden, o.seed, schedule);

        Path ckpt = o.checkpointDir;
        int startEpoch = 0;
        double best = Double.POSITIVE_INFINITY;
        if (o.resume && ckpt != null && Files.exists(ckpt.resolve("state.properties"))) {
            Properties st = new Properties();
            try (InputStream in = Files.newInputStream(ckpt.resolve("state.properties"))) {
                st.load(in);
            }
            startEpoch = Integer.parseInt(st.getProperty("epochsDone"));
            best = Double.parseDouble(st.getProperty("best"));
            net.setParams(readFloats(ckpt.resolve("params.bin"), net.params().length()));
            INDArray state = net.getUpdater().getStateViewArray();
            state.assign(readFloats(ckpt.resolve("updater.bin"), state.length()));
            net.setIterationCount((int) (startEpoch * itersPerEpoch));
            net.setEpochCount(startEpoch);
            progress.printf("resumed after epoch %d (best %.4f)%n", startEpoch, best);
        }
        progress.printf("network %s, %,d parameters; Bernoulli head (binary cross-entropy); %d epochs x %d iterations x batch %d%n",
                java.util.Arrays.toString(widths), net.numParams(), o.epochs, itersPerEpoch, o.batch);

        int n = BinaryTemplate.SIZE;
        float[] feat = new float[o.batch * n];
        float[] labels = new float[o.batch];
        long runStart = System.nanoTime();
        long itersDone = 0;
        int endEpoch = o.stopAfterEpochs > 0 ? Math.min(o.epochs, o.stopAfterEpochs) : o.epochs;
        for (int epoch = startEpoch; epoch < endEpoch; epoch++) {
            SplittableRandom rng = new SplittableRandom(o.seed * 1000003L + epoch);
            double lossSum = 0;
            long lossN = 0;
            double epochLoss = 0;
            long lastPrint = System.nanoTime();
            for (long it = 0; it < itersPerEpoch; it++) {
                for (int s = 0; s < o.batch; s++) {
                    List<Bits> folder = folders.get(rng.nextInt(folders.size()));
                    Bits img = folder.get(rng.nextInt(folder.size()));
                    int x = rng.nextInt(img.width);
                    int y = rng.nextInt(img.height);
                    BinaryTemplate.compute(img.bits, img.width, img.height, x, y, feat, s * n);
                    labels[s] = img.bits[y * img.width + x];
                }
                net.fit(new DataSet(Nd4j.create(feat, new long[]{o.batch, n}, 'c'),
                        Nd4j.create(labels, new long[]{o.batch, 1}, 'c')));
                double score = net.score() / LN2;
                if (!Double.isFinite(score)) {
                    throw new IllegalStateException("training diverged at epoch " + epoch + " iteration " + it);
                }
                lossSum += score;
                lossN++;
                epochLoss += score;
                itersDone++;
                long now = System.nanoTime();
                if ((now - lastPrint) / 1e9 >= o.progressSeconds || it == itersPerEpoch - 1) {
                    double el = (now - runStart) / 1e9;
                    progress.printf("epoch %d/%d it %d/%d | loss %.4f bits/pixel | lr %.2e | %,.0f samples/s%n",
                            epoch + 1, o.epochs, it + 1, itersPerEpoch, lossSum / lossN,
                            schedule.at(epoch * itersPerEpoch + it), itersDone * (double) o.batch / el);
                    lossSum = 0;
                    lossN = 0;
                    lastPrint = now;
                }
            }
            WeightFile wf = export(net);
            byte[] bytes = wf.toBytes();
            double v = validate(new BilevelNetwork(WeightFile.parse(bytes)), valid, o.validStride);
            boolean improved = Double.isNaN(v) || v < best;
            if (improved) {
                best = v;
                Trainer.writeAtomically(o.out, bytes);
            }
            progress.printf("epoch %d/%d done: train %.4f | valid %.4f bits/pixel%s%n", epoch + 1, o.epochs,
                    epochLoss / itersPerEpoch, v, improved ? " *best*" : "");
            if (ckpt != null) {
                Files.createDirectories(ckpt);
                Trainer.writeAtomically(ckpt.resolve("last.lcw"), bytes);
                writeFloats(ckpt.resolve("params.bin"), net.params());
                writeFloats(ckpt.resolve("updater.bin"), net.getUpdater().getStateViewArray());
                Properties st = new Properties();
                st.setProperty("epochsDone", Integer.toString(epoch + 1));
                st.setProperty("best", Double.toString(best));
                try (OutputStream out = Files.newOutputStream(ckpt.resolve("state.properties"))) {
                    st.store(out, "lcompress Bernoulli training checkpoint");
                }
            }
        }
        progress.printf("finished: best %.4f bits/pixel on validation%n", best);
        return best;
    }

    /** A fresh network: ReLU layers of {@code hidden} over the template, a sigmoid output, XENT loss, Adam. */
    static MultiLayerNetwork build(int[] hidden, long seed, org.nd4j.linalg.schedule.ISchedule lr) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(lr)).list();
        int in = BinaryTemplate.SIZE;
        for (int h : hidden) {
            b.layer(new DenseLayer.Builder().nIn(in).nOut(h).activation(Activation.RELU).weightInit(WeightInit.RELU).build());
            in = h;
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(in).nOut(1)
                .activation(Activation.SIGMOID).weightInit(WeightInit.XAVIER).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    private static Bits load(Path f) throws IOException {
        io.lcompress.codec.image.Raster r = Images.read(f);
        return new Bits(r.width(), r.height(), Binarized.inkBits(r));
    }

    /** Mean code length, bits per pixel, of the network alone on every {@code stride}-th pixel. */
    static double validate(BilevelNetwork net, List<Bits> images, int stride) {
        if (images.isEmpty()) {
            return Double.NaN;
        }
        int[] set = new int[BinaryTemplate.SIZE];
        float[][] scratch = net.newScratch();
        double bits = 0;
        long count = 0;
        int step = Math.max(1, stride / 8);
        for (Bits img : images) {
            for (int p = 0; p < img.bits.length; p += step) {
                int x = p % img.width;
                int y = p / img.width;
                int k = BinaryTemplate.setInputs(img.bits, img.width, img.height, x, y, set);
                double z = net.logit(set, k, scratch);
                double pInk = 1 / (1 + StrictMath.exp(-z));
                double q = img.bits[p] == 1 ? pInk : 1 - pInk;
                bits -= StrictMath.log(Math.max(q, 1e-9)) / LN2;
                count++;
            }
        }
        return bits / count;
    }

    /** The network's parameters as a head-3 weight file. */
    static WeightFile export(MultiLayerNetwork net) {
        return PixelNet.export(net, BinaryTemplate.SPEC_BINARY_TEMPLATE, 1, 1, WeightFile.HEAD_BERNOULLI);
    }

    private static void writeFloats(Path target, INDArray a) throws IOException {
        float[] v = a.dup('c').data().asFloat();
        try (DataOutputStream d = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(target)))) {
            d.writeInt(v.length);
            for (float x : v) {
                d.writeFloat(x);
            }
        }
    }

    private static INDArray readFloats(Path file, long expected) throws IOException {
        try (DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = d.readInt();
            if (n != expected) {
                throw new IOException(file + ": " + n + " values, network needs " + expected);
            }
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = d.readFloat();
            }
            return Nd4j.create(v, new long[]{1, n}, 'c');
        }
    }
}
