package io.lcompress.model;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.neural.CategoricalPixelModel;
import io.lcompress.codec.model.neural.ContextFeatures;
import io.lcompress.codec.model.neural.NeuralNetworks;
import io.lcompress.codec.model.neural.NeuralPixelModel;
import io.lcompress.codec.model.neural.WeightFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DL4J network vs the plain-Java runtime after export -> bytes -> load. */
class PixelNetExportTest {
    @Test
    void plainJavaForwardMatchesDl4j() throws Exception {
        Trainer.setThreads(1);
        int k = 5;
        MultiLayerNetwork net = PixelNet.build(3, new int[]{48, 40}, k, 42, new CosineSchedule(1e-3, 1e-4, 10, 100));
        Random r = new Random(3);
        Raster img = new Raster(20, 12, 3);
        for (int i = 0; i < img.samples().length; i++) {
            img.samples()[i] = (byte) r.nextInt(256);
        }
        ContextFeatures f = new ContextFeatures(ContextFeatures.SPEC_CTX24_BORDER_MED, 3);
        int n = 64;
        float[] feat = new float[n * f.size()];
        float[] lab = new float[n * 3];
        for (int s = 0; s < n; s++) {
            int x = r.nextInt(img.width());
            int y = r.nextInt(img.height());
            f.compute(img, x, y, feat, s * f.size());
            for (int c = 0; c < 3; c++) {
                lab[s * 3 + c] = img.get(x, y, c);
            }
        }
        INDArray in = Nd4j.create(feat, new long[]{n, f.size()}, 'c');
        // a few training steps so that the weights are not just the initialization
        for (int i = 0; i < 5; i++) {
            net.fit(new DataSet(in, Nd4j.create(lab, new long[]{n, 3}, 'c')));
        }
        INDArray ref = net.output(in);
        WeightFile wf = PixelNet.export(net, 3, k);
        NeuralPixelModel m = NeuralPixelModel.fromBytes("t", wf.toBytes());
        double maxErr = 0;
        for (int s = 0; s < n; s++) {
            float[] row = new float[f.size()];
            System.arraycopy(feat, s * f.size(), row, 0, row.length);
            float[] out = m.forward(row);
            for (int j = 0; j < out.length; j++) {
                double e = Math.abs(out[j] - ref.getFloat(s, j));
                maxErr = Math.max(maxErr, e / Math.max(1.0, Math.abs(ref.getFloat(s, j))));
            }
        }
        assertTrue(maxErr < 1e-4, "max error " + maxErr);
        // the DL4J score is the mean bits per subpixel of the plain-Java loss
        double score = net.score(new DataSet(in, Nd4j.create(lab, new long[]{n, 3}, 'c')));
        MixtureLoss loss = new MixtureLoss(k, 3);
        double sum = 0;
        float[] o = ref.dup('c').data().asFloat();
        for (int s = 0; s < n; s++) {
            sum += loss.example(o, s * loss.outputs(), lab, s * 3, null, 0);
        }
        assertEquals(sum / n, score, 1e-3);
    }

    @Test
    void categoricalExportMatchesDl4jAndLoadsAsCategorical() throws Exception {
        Trainer.setThreads(1);
        MultiLayerNetwork net = PixelNet.build(Likelihood.CATEGORICAL, 3, new int[]{24, 20}, 5, 7,
                new CosineSchedule(1e-3, 1e-4, 10, 100));
        Random r = new Random(4);
        ContextFeatures f = new ContextFeatures(ContextFeatures.SPEC_CTX24_BORDER_MED, 3);
        Raster img = new Raster(16, 10, 3);
        for (int i = 0; i < img.samples().length; i++) {
            img.samples()[i] = (byte) (100 + r.nextInt(40));
        }
        int n = 32;
        float[] feat = new float[n * f.size()];
        float[] lab = new float[n * 3];
        for (int s = 0; s < n; s++) {
            int x = r.nextInt(img.width());
            int y = r.nextInt(img.height());
            f.compute(img, x, y, feat, s * f.size());
            for (int c = 0; c < 3; c++) {
                lab[s * 3 + c] = img.get(x, y, c);
            }
        }
        INDArray in = Nd4j.create(feat, new long[]{n, f.size()}, 'c');
        DataSet ds = new DataSet(in, Nd4j.create(lab, new long[]{n, 3}, 'c'));
        double before = net.score(ds);
        for (int i = 0; i < 20; i++) {
            net.fit(ds);
        }
        assertTrue(net.score(ds) < before, "training lowers the categorical loss");
        INDArray ref = net.output(in);
        WeightFile wf = PixelNet.export(net, Likelihood.CATEGORICAL, 3, 5);
        assertEquals(WeightFile.HEAD_CATEGORICAL, wf.head());
        assertEquals(0, wf.components());
        assertEquals(771, wf.widths()[3]);
        var m = assertInstanceOf(CategoricalPixelModel.class, NeuralNetworks.fromBytes("t", wf.toBytes()));
        double maxErr = 0;
        for (int s = 0; s < n; s++) {
            float[] row = new float[f.size()];
            System.arraycopy(feat, s * f.size(), row, 0, row.length);
            float[] out = m.forward(row);
            for (int j = 0; j < out.length; j++) {
                maxErr = Math.max(maxErr, Math.abs(out[j] - ref.getFloat(s, j)) / Math.max(1.0, Math.abs(ref.getFloat(s, j))));
            }
        }
        assertTrue(maxErr < 1e-4, "max error " + maxErr);
        double score = net.score(ds);
        CategoricalLoss loss = new CategoricalLoss(3);
        double sum = 0;
        float[] o = ref.dup('c').data().asFloat();
        for (int s = 0; s < n; s++) {
            sum += loss.example(o, s * loss.outputs(), lab, s * 3, null, 0);
        }
        assertEquals(sum / n, score, 1e-3);
        var e = assertThrows(java.io.IOException.class, () -> NeuralPixelModel.fromBytes("t", wf.toBytes()));
        assertTrue(e.getMessage().contains("categorical"), e.getMessage());
    }

    /** {@code train --init}: loading a weight file into a fresh network and exporting it again gives the same bytes. */
    @Test
    void loadIsTheInverseOfExport() throws Exception {
        Trainer.setThreads(1);
        CosineSchedule lr = new CosineSchedule(1e-3, 1e-4, 10, 100);
        MultiLayerNetwork a = PixelNet.build(3, new int[]{24, 16}, 4, 7, lr);
        byte[] bytes = PixelNet.export(a, 3, 4).toBytes();
        MultiLayerNetwork b = PixelNet.build(3, new int[]{24, 16}, 4, 8, lr);
        assertTrue(!java.util.Arrays.equals(bytes, PixelNet.export(b, 3, 4).toBytes()), "seeds give other weights");
        PixelNet.load(b, WeightFile.parse(bytes), Likelihood.DMOL, 3, 4);
        assertTrue(java.util.Arrays.equals(bytes, PixelNet.export(b, 3, 4).toBytes()));

        MultiLayerNetwork otherShape = PixelNet.build(3, new int[]{24, 20}, 4, 7, lr);
        assertThrows(IllegalArgumentException.class,
                () -> PixelNet.load(otherShape, WeightFile.parse(bytes), Likelihood.DMOL, 3, 4));
        MultiLayerNetwork otherK = PixelNet.build(3, new int[]{24, 16}, 5, 7, lr);
        assertThrows(IllegalArgumentException.class,
                () -> PixelNet.load(otherK, WeightFile.parse(bytes), Likelihood.DMOL, 3, 5));
    }
}
