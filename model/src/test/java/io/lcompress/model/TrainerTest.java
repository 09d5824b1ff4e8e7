package io.lcompress.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.neural.CategoricalPixelModel;
import io.lcompress.codec.model.neural.NeuralNetworks;
import io.lcompress.codec.model.neural.NeuralPixelModel;
import io.lcompress.codec.model.neural.WeightFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end on tiny synthetic data: train, export, load; resume gives the same result as one run. */
class TrainerTest {
    private static void writePngs(Path dir, int count, int w, int h, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            int base = r.nextInt(200);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = Math.min(255, base + (x + y) / 2 + r.nextInt(8));
                    img.setRGB(x, y, (v << 16) | (Math.min(255, v + 10) << 8) | Math.max(0, v - 10));
                }
            }
            ImageIO.write(img, "png", dir.resolve(String.format("img%03d.png", i)).toFile());
        }
    }

    private static TrainOptions options(Path data, Path work, String name) {
        TrainOptions o = new TrainOptions();
        o.dataDirs = List.of(data.resolve("photos"), data.resolve("small"));
        o.validDirs = List.of(data.resolve("valid"));
        o.holdoutFolder = "small";
        o.holdoutCount = 3;
        o.holdoutEvalImages = 2;
        o.out = work.resolve(name + ".lcw");
        o.checkpointDir = work.resolve(name + "-ck");
        o.epochs = 3;
        o.samplesPerEpoch = 1024;
        o.batch = 256;
        o.hidden = new int[]{16, 12};
        o.components = 3;
        o.warmupIterations = 2;
        o.seed = 99;
        o.validStride = 8;
        o.validMinPixels = 50;
        o.progressSeconds = 1000;
        return o;
    }

    @Test
    void trainExportResume(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        writePngs(data.resolve("photos"), 3, 40, 30, 1);
        writePngs(data.resolve("small"), 10, 8, 8, 2);
        writePngs(data.resolve("valid"), 2, 24, 20, 3);
        Raster check = Images.read(data.resolve("photos/img000.png"));
        assertEquals(3, check.channels());

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(log, true);
        Trainer.Result full = Trainer.run(options(data, tmp, "full"), ps);
        assertEquals(3, full.epochsDone);
        assertTrue(Double.isFinite(full.bestCriterion) && full.bestCriterion > 0 && full.bestCriterion < 12,
                "criterion " + full.bestCriterion);
        NeuralPixelModel m = NeuralPixelModel.load("trained", tmp.resolve("full.lcw"));
        assertTrue(m.supportsChannels(3));
        assertEquals(3, m.components());
        String text = log.toString();
        assertTrue(text.contains("held out"), text);
        assertTrue(text.contains("holdout-small"), text);

        TrainOptions first = options(data, tmp, "split");
        first.stopAfterEpochs = 2;
        Trainer.Result part = Trainer.run(first, ps);
        assertEquals(2, part.epochsDone);
        TrainOptions again = new TrainOptions();
        again.checkpointDir = tmp.resolve("split-ck");
        again.resume = true;
        Trainer.Result rest = Trainer.run(again, ps);
        assertEquals(3, rest.epochsDone);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("full-ck/last.lcw")), Files.readAllBytes(tmp.resolve("split-ck/last.lcw")),
                "resumed run differs from the uninterrupted one");
        assertEquals(full.bestCriterion, rest.bestCriterion, 0.0);

        // every epoch's weights are kept; their mean is parameter by parameter
        for (int e = 1; e <= 3; e++) {
            assertTrue(Files.exists(tmp.resolve(String.format("full-ck/epochs/epoch-%03d.lcw", e))), "epoch " + e);
        }
        assertArrayEquals(Files.readAllBytes(tmp.resolve("full-ck/last.lcw")),
                Files.readAllBytes(tmp.resolve("full-ck/epochs/epoch-003.lcw")));
        WeightFile e2 = WeightFile.parse(Files.readAllBytes(tmp.resolve("full-ck/epochs/epoch-002.lcw")));
        WeightFile e3 = WeightFile.parse(Files.readAllBytes(tmp.resolve("full-ck/epochs/epoch-003.lcw")));
        WeightFile mean = AverageWeights.average(List.of(e2, e3));
        for (int l = 0; l < e2.layers(); l++) {
            float[] a = e2.weights(l);
            float[] b = e3.weights(l);
            float[] m2 = mean.weights(l);
            for (int i = 0; i < a.length; i++) {
                assertEquals((float) (((double) a[i] + b[i]) / 2), m2[i]);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> AverageWeights.average(List.of()));

        // --init: a fresh run starts from the given weights, and its epoch 0 is their validation
        TrainOptions init = options(data, tmp, "init");
        init.init = tmp.resolve("full.lcw");
        init.epochs = 1;
        ByteArrayOutputStream initLog = new ByteArrayOutputStream();
        Trainer.Result fromInit = Trainer.run(init, new PrintStream(initLog, true));
        assertTrue(initLog.toString().contains("initialized from"), initLog.toString());
        assertTrue(fromInit.bestCriterion <= full.bestCriterion, fromInit.bestCriterion + " vs " + full.bestCriterion);
    }

    @Test
    void categoricalTrainsExportsAndResumesAsCategorical(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        writePngs(data.resolve("photos"), 2, 32, 24, 4);
        writePngs(data.resolve("small"), 8, 8, 8, 5);
        writePngs(data.resolve("valid"), 1, 20, 16, 6);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(log, true);
        TrainOptions o = options(data, tmp, "cat");
        o.likelihood = Likelihood.CATEGORICAL;
        o.epochs = 2;
        o.stopAfterEpochs = 1;
        Trainer.run(o, ps);
        TrainOptions again = new TrainOptions();
        again.checkpointDir = tmp.resolve("cat-ck");
        again.resume = true;
        Trainer.Result r = Trainer.run(again, ps);
        assertEquals(2, r.epochsDone);
        assertTrue(Double.isFinite(r.bestCriterion) && r.bestCriterion > 0 && r.bestCriterion < 20,
                "criterion " + r.bestCriterion);
        var m = NeuralNetworks.load("trained", tmp.resolve("cat.lcw"));
        assertTrue(m instanceof CategoricalPixelModel, m.getClass().getName());
        assertTrue(log.toString().contains("categorical"), log.toString());
    }
}
