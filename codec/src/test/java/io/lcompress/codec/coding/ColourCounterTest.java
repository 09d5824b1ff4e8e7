package io.lcompress.codec.coding;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColourCounterTest {
    /** The counter against a sorted set, on colours with many repeats, at every limit from 0 to 40 and 1024. */
    @Test
    void countsLikeASortedSetUntilTheLimit() {
        Random random = new Random(7);
        for (int limit : new int[]{0, 1, 2, 3, 5, 17, 40, 1024}) {
            for (int distinct : new int[]{1, limit, limit + 1, 3 * limit + 2}) {
                ColourCounter counter = new ColourCounter(limit);
                TreeSet<Integer> reference = new TreeSet<>();
                int[] palette = new int[Math.max(1, distinct)];
                for (int i = 0; i < palette.length; i++) {
                    palette[i] = i == 0 ? (1 << 24) - 1 : random.nextInt(1 << 24);
                }
                boolean over = false;
                for (int i = 0; i < 20 * palette.length; i++) {
                    int c = palette[random.nextInt(palette.length)];
                    reference.add(c);
                    boolean kept = counter.add(c);
                    over |= reference.size() > limit;
                    assertEquals(!over, kept, "limit " + limit + " after " + reference.size() + " colours");
                }
                assertEquals(over, counter.overflowed());
                if (!over) {
                    assertArrayEquals(reference.stream().mapToInt(Integer::intValue).toArray(), counter.sorted());
                }
            }
        }
    }

    /** Once past the limit the counter stays refused, whatever comes next (also colours it held). */
    @Test
    void staysOverflowed() {
        ColourCounter counter = new ColourCounter(2);
        assertTrue(counter.add(5));
        assertTrue(counter.add(6));
        assertFalse(counter.add(7));
        assertFalse(counter.add(5));
        assertTrue(counter.overflowed());
    }

    @Test
    void refusesWhatIsNotAColour() {
        assertThrows(IllegalArgumentException.class, () -> new ColourCounter(-1).add(0));
        assertThrows(IllegalArgumentException.class, () -> new ColourCounter(4).add(1 << 24));
        assertThrows(IllegalArgumentException.class, () -> new ColourCounter(4).add(-1));
    }
}
