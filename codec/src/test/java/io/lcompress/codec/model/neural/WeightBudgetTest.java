package io.lcompress.codec.model.neural;

import io.lcompress.codec.mixture.ComponentBudget.Mixing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading weights to code under a mixer refuses a K over that mixer's component budget. */
class WeightBudgetTest {
    private static Path write(Path dir, int k) throws IOException {
        Path f = dir.resolve("k" + k + ".lcw");
        Files.write(f, TestWeights.random(k, 3, k, 8).toBytes());
        return f;
    }

    @Test
    void tooManyComponentsRefusedAtLoad(@TempDir Path dir) throws IOException {
        Path f = write(dir, 12);
        IOException e = assertThrows(IOException.class, () -> NeuralPixelModel.load("k12", f, Mixing.THREE_EXPERT));
        String m = e.getMessage();
        assertTrue(m.contains(f.toString()) && m.contains("K=12") && m.contains("component budget")
                && m.contains("at most K=9"), m);
        // K=10 and 11 fit the mixer's 24 but not what the coding stages keep (20)
        Path f10 = write(dir, 10);
        assertThrows(IOException.class, () -> NeuralPixelModel.load("k10", f10, Mixing.THREE_EXPERT));
        assertThrows(IOException.class, () -> TestWeights.random(1, 3, 10, 8).requireFits(Mixing.THREE_EXPERT));
    }

    @Test
    void withinBudgetLoads(@TempDir Path dir) throws IOException {
        assertEquals(9, NeuralPixelModel.load("k9", write(dir, 9), Mixing.THREE_EXPERT).components());
        assertEquals(16, NeuralPixelModel.load("k16", write(dir, 16), Mixing.LEAN).components());
        assertEquals(16, NeuralPixelModel.load("k16", write(dir, 16), Mixing.ALONE).components());
    }

    /** Without a mixing (decoding files coded before the budget was enforced) every valid file loads. */
    @Test
    void plainLoadKeepsAcceptingEveryValidFile(@TempDir Path dir) throws IOException {
        assertEquals(12, NeuralPixelModel.load("k12", write(dir, 12)).components());
    }
}
