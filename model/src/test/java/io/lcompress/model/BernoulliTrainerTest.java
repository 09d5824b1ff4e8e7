package io.lcompress.model;

import io.lcompress.codec.model.bilevel.BilevelNetwork;
import io.lcompress.codec.model.bilevel.BilevelPixelModel;
import io.lcompress.codec.model.bilevel.BinaryTemplate;
import io.lcompress.codec.model.neural.WeightFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Bernoulli head end to end on tiny synthetic data: binarize, train, export, load; the export is the network. */
class BernoulliTrainerTest {
    private static void writePngs(Path dir, int count, int w, int h, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = ((x / 4 + y / 3) % 3 == 0 ? 40 : 220) + r.nextInt(30) - 15;
                    img.setRGB(x, y, (v << 16) | (v << 8) | v);
                }
            }
            ImageIO.write(img, "png", dir.resolve(String.format("img%03d.png", i)).toFile());
        }
    }

    private static TrainOptions options(Path data, Path work, String name) {
        TrainOptions o = new TrainOptions();
        o.dataDirs = List.of(data.resolve("photos"));
        o.validDirs = List.of(data.resolve("valid"));
        o.holdoutFolder = null;
        o.out = work.resolve(name + ".lcw");
        o.checkpointDir = work.resolve(name + "-ck");
        o.epochs = 2;
        o.samplesPerEpoch = 2048;
        o.batch = 256;
        o.hidden = new int[]{8, 8};
        o.warmupIterations = 2;
        o.seed = 5;
        o.validStride = 8;
        o.progressSeconds = 1000;
        return o;
    }

    @Test
    void binarizationRule() {
        byte[] s = {(byte) 127, (byte) 128, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255};
        io.lcompress.codec.image.Raster grey = io.lcompress.codec.image.Raster.wrap(2, 1, 1, new byte[]{127, (byte) 128});
        assertArrayEquals(new byte[]{1, 0}, Binarized.inkBits(grey));
        io.lcompress.codec.image.Raster rgb = io.lcompress.codec.image.Raster.wrap(2, 1, 3,
                new byte[]{0, 0, 0, (byte) 128, (byte) 128, (byte) 128});
        assertArrayEquals(new byte[]{1, 0}, Binarized.inkBits(rgb));
        assertEquals(128, Binarized.grey(s, 1, 1));
    }

    @Test
    void trainExportLoadResume(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        writePngs(data.resolve("photos"), 3, 40, 30, 1);
        writePngs(data.resolve("valid"), 2, 24, 20, 3);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        double best = BernoulliTrainer.run(options(data, tmp, "full"), new PrintStream(log, true));
        assertTrue(Double.isFinite(best) && best > 0 && best < 1, "criterion " + best);
        byte[] bytes = Files.readAllBytes(tmp.resolve("full.lcw"));
        WeightFile f = WeightFile.parse(bytes);
        assertEquals(WeightFile.HEAD_BERNOULLI, f.head());
        assertArrayEquals(new int[]{BinaryTemplate.SIZE, 8, 8, 1}, f.widths());
        assertTrue(BilevelPixelModel.fromBytes("trained", bytes).supportsChannels(1));
        assertTrue(log.toString().contains("bits/pixel"), log.toString());

        // stopped after one epoch and resumed: the same weights as one run
        TrainOptions first = options(data, tmp, "split");
        first.stopAfterEpochs = 1;
        BernoulliTrainer.run(first, new PrintStream(OutputStream.nullOutputStream()));
        TrainOptions rest = options(data, tmp, "split");
        rest.resume = true;
        BernoulliTrainer.run(rest, new PrintStream(OutputStream.nullOutputStream()));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("full-ck/last.lcw")), Files.readAllBytes(tmp.resolve("split-ck/last.lcw")));
    }

    /** The exported weights compute what the DL4J network computes (same layout, same order). */
    @Test
    void exportIsTheNetwork() {
        ISchedule lr = new CosineSchedule(1e-3, 1e-5, 1, 10);
        MultiLayerNetwork net = BernoulliTrainer.build(new int[]{16, 12}, 3, lr);
        BilevelNetwork exported = new BilevelNetwork(BernoulliTrainer.export(net));
        Random r = new Random(4);
        float[] in = new float[BinaryTemplate.SIZE];
        for (int t = 0; t < 50; t++) {
            for (int k = 0; k < in.length; k++) {
                in[k] = r.nextInt(3) == 0 ? 1f : 0f;
            }
            double p = net.output(Nd4j.create(in, new long[]{1, in.length}, 'c')).getDouble(0);
            float z = exported.logit(in, 0, new int[in.length], exported.newScratch());
            assertEquals(p, 1 / (1 + Math.exp(-z)), 1e-5);
        }
    }
}
