package io.lcompress.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Options of a training run. Public mutable fields with defaults; {@link #validate()} checks them.
 * Saved into and restored from checkpoints ({@link #toProperties()} / {@link #fromProperties}).
 */
public final class TrainOptions {
    /** Training image folders (each a folder of 8-bit RGB PNGs); sampled evenly per folder. */
    public List<Path> dataDirs = new ArrayList<>();
    /** Validation folders (photos); each reported separately and in total. May be empty. */
    public List<Path> validDirs = new ArrayList<>();
    /**
     * Folder name (last path element) of a training folder whose last {@link #holdoutCount} images
     * (sorted by name) are never trained on and are evaluated as the "holdout" set; null for none.
     */
    public String holdoutFolder = "cifar10-train4k";
    public int holdoutCount = 400;
    /** How many of the held-out images are evaluated (all their pixels). */
    public int holdoutEvalImages = 200;
    /** Weight file written with the best-validation weights (updated whenever validation improves). */
    public Path out;
    /**
     * Folder for checkpoints (state.properties, params.bin, updater.bin, best.lcw, last.lcw, and every
     * epoch's weights as epochs/epoch-NNN.lcw); may be null.
     */
    public Path checkpointDir;
    /**
     * Weights a fresh run starts from instead of a random initialization (fine-tuning a shipped network
     * with a new schedule); the network's shape, head and K must match. Ignored when resuming.
     */
    public Path init;
    /** Continue from the checkpoint in {@link #checkpointDir} (its saved options win, except threads). */
    public boolean resume;
    public int epochs = 20;
    public long samplesPerEpoch = 4_000_000;
    public int batch = 2048;
    public double lr = 2e-3;
    public double lrFloor = 5e-5;
    public int warmupIterations = 500;
    public long seed = 1;
    public int[] hidden = {192, 192};
    public int components = 5;
    /** Likelihood family (head and loss); the trunk is the same for all. */
    public Likelihood likelihood = Likelihood.DMOL;
    public int channels = 3;
    /** ND4J/OpenMP threads (also set OMP_NUM_THREADS in the environment before starting the JVM). */
    public int threads = 1;
    /** Validation pixels per image = max(validMinPixels, pixels / validStride). */
    public int validStride = 64;
    public int validMinPixels = 2000;
    public long validSeed = 12345;
    /**
     * Stop (with a checkpoint) once this many epochs are done in total, without changing the schedule
     * of {@link #epochs}; 0 = run to the end. Lets a long run be split over sessions ({@link #resume}).
     */
    public int stopAfterEpochs = 0;
    /**
     * With {@link #resume}: replaces the saved epoch count (0 = keep it). The cosine schedule is then
     * recomputed for the new total from the next epoch on (a small jump in the learning rate).
     */
    public int resumeEpochs = 0;
    /** Seconds between progress lines. */
    public double progressSeconds = 15;

    public long iterationsPerEpoch() {
        return (samplesPerEpoch + batch - 1) / batch;
    }

    public long totalIterations() {
        return iterationsPerEpoch() * epochs;
    }

    public void validate() {
        if (dataDirs.isEmpty()) {
            throw new IllegalArgumentException("no training data folders (--data)");
        }
        if (out == null && checkpointDir == null) {
            throw new IllegalArgumentException("need an output file (--out) or a checkpoint folder (--checkpoint-dir)");
        }
        if (epochs < 1 || samplesPerEpoch < 1 || batch < 1 || batch > 65536) {
            throw new IllegalArgumentException("bad epochs/samples/batch");
        }
        if (!(lr > 0) || !(lrFloor >= 0)) {
            throw new IllegalArgumentException("bad learning rate");
        }
        if (hidden.length < 1 || hidden.length > 6) {
            throw new IllegalArgumentException("1..6 hidden layers");
        }
        for (int h : hidden) {
            if (h < 1 || h > 4096) {
                throw new IllegalArgumentException("hidden width out of range: " + h);
            }
        }
        if (components < 1 || components > 16) {
            throw new IllegalArgumentException("components must be 1..16");
        }
        if (channels != 3) {
            throw new IllegalArgumentException("only 3-channel (RGB) training is implemented");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        if (resume && checkpointDir == null) {
            throw new IllegalArgumentException("--resume needs --checkpoint-dir");
        }
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("dataDirs", join(dataDirs));
        p.setProperty("validDirs", join(validDirs));
        p.setProperty("holdoutFolder", holdoutFolder == null ? "" : holdoutFolder);
        p.setProperty("holdoutCount", Integer.toString(holdoutCount));
        p.setProperty("holdoutEvalImages", Integer.toString(holdoutEvalImages));
        p.setProperty("out", out == null ? "" : out.toString());
        p.setProperty("init", init == null ? "" : init.toString());
        p.setProperty("epochs", Integer.toString(epochs));
        p.setProperty("samplesPerEpoch", Long.toString(samplesPerEpoch));
        p.setProperty("batch", Integer.toString(batch));
        p.setProperty("lr", Double.toString(lr));
        p.setProperty("lrFloor", Double.toString(lrFloor));
        p.setProperty("warmupIterations", Integer.toString(warmupIterations));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("hidden", Arrays.toString(hidden).replaceAll("[\\[\\] ]", ""));
        p.setProperty("components", Integer.toString(components));
        p.setProperty("likelihood", likelihood.id());
        p.setProperty("channels", Integer.toString(channels));
        p.setProperty("validStride", Integer.toString(validStride));
        p.setProperty("validMinPixels", Integer.toString(validMinPixels));
        p.setProperty("validSeed", Long.toString(validSeed));
        return p;
    }

    /** Options saved in a checkpoint; {@code checkpointDir}, {@code resume}, {@code threads} come from {@code base}. */
    public static TrainOptions fromProperties(Properties p, TrainOptions base) {
        TrainOptions o = new TrainOptions();
        o.dataDirs = split(p.getProperty("dataDirs"));
        o.validDirs = split(p.getProperty("validDirs"));
        String hf = p.getProperty("holdoutFolder", "");
        o.holdoutFolder = hf.isEmpty() ? null : hf;
        o.holdoutCount = Integer.parseInt(p.getProperty("holdoutCount"));
        o.holdoutEvalImages = Integer.parseInt(p.getProperty("holdoutEvalImages"));
        String out = p.getProperty("out", "");
        o.out = base.out != null ? base.out : (out.isEmpty() ? null : Path.of(out));
        String init = p.getProperty("init", "");
        o.init = init.isEmpty() ? null : Path.of(init);
        o.epochs = Integer.parseInt(p.getProperty("epochs"));
        o.samplesPerEpoch = Long.parseLong(p.getProperty("samplesPerEpoch"));
        o.batch = Integer.parseInt(p.getProperty("batch"));
        o.lr = Double.parseDouble(p.getProperty("lr"));
        o.lrFloor = Double.parseDouble(p.getProperty("lrFloor"));
        o.warmupIterations = Integer.parseInt(p.getProperty("warmupIterations"));
        o.seed = Long.parseLong(p.getProperty("seed"));
        o.hidden = Arrays.stream(p.getProperty("hidden").split(",")).mapToInt(Integer::parseInt).toArray();
        o.components = Integer.parseInt(p.getProperty("components"));
        o.likelihood = Likelihood.parse(p.getProperty("likelihood", "dmol"));   // older checkpoints: dmol
        o.channels = Integer.parseInt(p.getProperty("channels"));
        o.validStride = Integer.parseInt(p.getProperty("validStride"));
        o.validMinPixels = Integer.parseInt(p.getProperty("validMinPixels"));
        o.validSeed = Long.parseLong(p.getProperty("validSeed"));
        o.checkpointDir = base.checkpointDir;
        o.resume = true;
        o.threads = base.threads;
        o.progressSeconds = base.progressSeconds;
        o.stopAfterEpochs = base.stopAfterEpochs;
        if (base.resumeEpochs > 0) {
            o.epochs = base.resumeEpochs;
        }
        return o;
    }

    private static String join(List<Path> l) {
        StringBuilder sb = new StringBuilder();
        for (Path p : l) {
            if (sb.length() > 0) {
                sb.append(java.io.File.pathSeparatorChar);
            }
            sb.append(p);
        }
        return sb.toString();
    }

    private static List<Path> split(String s) {
        List<Path> l = new ArrayList<>();
        if (s != null && !s.isEmpty()) {
            for (String e : s.split(java.io.File.pathSeparator)) {
                l.add(Path.of(e));
            }
        }
        return l;
    }
}
