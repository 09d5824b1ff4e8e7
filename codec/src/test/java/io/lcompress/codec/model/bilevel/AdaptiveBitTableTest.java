package io.lcompress.codec.model.bilevel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table's two storages: the same values, and memory bounded by the updates it can see. */
class AdaptiveBitTableTest {
    @Test
    void sparseStorageGivesTheDenseValuesWithMemoryBoundedByTheUpdates() {
        for (int updates : new int[]{1, 7, 100, 5000}) {
            AdaptiveBitTable dense = new AdaptiveBitTable(1 << 20, 255);
            AdaptiveBitTable sparse = new AdaptiveBitTable(1 << 20, 255, updates);
            assertEquals(1 << 20, dense.slots());
            assertTrue(sparse.slots() <= Math.max(32, 4 * updates), updates + " updates: " + sparse.slots() + " slots");
            Random rnd = new Random(updates);
            for (int u = 0; u < updates; u++) {
                // few distinct contexts, revisited, and the two ends of the index range
                int i = u % 3 == 0 ? rnd.nextInt(1 << 20) : u % 3 == 1 ? rnd.nextInt(8) : (1 << 20) - 1;
                assertEquals(dense.stretch(i), sparse.stretch(i));
                assertEquals(dense.count(i), sparse.count(i));
                int y = rnd.nextInt(5) == 0 ? 1 : 0;
                dense.update(i, y);
                sparse.update(i, y);
                int probe = rnd.nextInt(1 << 20);      // a context never updated reads as fresh in both
                assertEquals(dense.stretch(probe), sparse.stretch(probe));
                assertEquals(dense.count(probe), sparse.count(probe));
            }
        }
    }
}
