package io.lcompress.codec.coding.stage;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.mixture.QuantizedMixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frequency invariants of chroma repeat version 2, whatever its weights have learned. */
class ChromaSpikesTest {

    /**
     * Every symbol keeps frequency >= 1 and the total stays 2^20, with weights from 1/1024 up to 0.995, in
     * versions 2 and 3 (whose near spikes fall outside a restricted alphabet or 0..255 at times).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everySymbolStaysCodableAndTheTotalExact(boolean near) {
        SplittableRandom rnd = new SplittableRandom(7);
        Raster raster = new Raster(9, 7, 3);
        for (int i = 0; i < raster.samples().length; i++) {
            raster.samples()[i] = (byte) (rnd.nextBoolean() ? rnd.nextInt(256) : (i % 3) * 100);
        }
        byte[] evenMask = Alphabet.usedMask(new byte[] {0, 2, 4, 100, (byte) 200, (byte) 254}, 1, 0);
        Alphabet[] alphabets = {Alphabet.FULL, Alphabet.fromMask(evenMask)};
        ChromaSpikes spikes = new ChromaSpikes(raster, near);
        QuantizedMixture q = new QuantizedMixture();
        q.setBlend(spikes);
        LogisticMixture m = new LogisticMixture();
        int active = 0;
        for (int round = 0; round < 400; round++) {
            int x = rnd.nextInt(9);
            int y = rnd.nextInt(7);
            int c = 1 + rnd.nextInt(2);
            Alphabet alphabet = alphabets[rnd.nextInt(2)];
            // sharp, flat or absurd mixtures
            double mean = rnd.nextInt(4) == 0 ? Double.NaN : rnd.nextDouble(-300, 600);
            m.single(mean, rnd.nextDouble(-9, 9));
            q.set(m, alphabet);
            spikes.begin(c, x, y, alphabet);
            active += spikes.active() ? 1 : 0;
            int total = 0;
            int previous = 0;
            for (int s = 0; s < alphabet.size(); s++) {
                int f = q.frequency(s);
                assertTrue(f >= 1, "symbol " + s + " has frequency " + f);
                assertEquals(previous, q.cumulative(s));
                previous = q.cumulative(s + 1);
                total += f;
            }
            assertEquals(QuantizedMixture.TOTAL, total);
            // learn: mostly the candidate of W (drives the weight up), sometimes anything
            int v = raster.get(Math.max(0, x - 1), y, c) - raster.get(Math.max(0, x - 1), y, c - 1)
                    + raster.get(x, y, c - 1);
            if (near && rnd.nextInt(4) == 0 && v > 0 && v < 256 && alphabet.symbolOf(v - 1) >= 0) {
                v--;        // a near miss
            }
            if (v < 0 || v > 255 || alphabet.symbolOf(v) < 0 || rnd.nextInt(8) == 0) {
                v = alphabet.level(rnd.nextInt(alphabet.size()));
            }
            int s = alphabet.symbolOf(v);
            int lo = s == 0 ? 0 : q.cumulative(s);
            int rLo = s == 0 ? 0 : q.lastSpreadCumulative();
            q.cumulative(s + 1);
            int rHi = s + 1 >= alphabet.size() ? q.spread() : q.lastSpreadCumulative();
            assertTrue(rHi - rLo >= 0 && lo >= 0);
            spikes.observe(v, rLo, rHi);
        }
        assertTrue(active > 100, "the stage was active " + active + " times");
    }

    /** Channels 0 and 3 are left as they are; on 1 and 2 the spikes take their mass from the mixture. */
    @Test
    void onlyChannelsOneAndTwo() {
        Raster raster = new Raster(4, 4, 4);       // all 0: every candidate is 0
        ChromaSpikes spikes = new ChromaSpikes(raster);
        int spread = QuantizedMixture.TOTAL - 256;
        for (int c : new int[] {0, 3}) {
            spikes.begin(c, 1, 1, Alphabet.FULL);
            assertFalse(spikes.active());
            assertEquals(12345, spikes.blend(7, 12345));
        }
        spikes.begin(1, 1, 1, Alphabet.FULL);
        assertTrue(spikes.active());
        int mass = spikes.blend(1, 0);           // all four candidates on value 0, weight 1/1024
        assertEquals(spread - (int) ((long) spread * (65536 - 64) >>> 16), mass);
        assertEquals(spread, spikes.blend(1, spread));
        assertEquals(spread, spikes.blend(255, spread));
    }
}
