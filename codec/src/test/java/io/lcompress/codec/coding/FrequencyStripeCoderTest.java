package io.lcompress.codec.coding;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.FrequencyPredictor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrequencyStripeCoderTest {
    /** Order-0 adaptive counts per channel over the alphabet: a real adaptive frequency model. */
    static final class CountingModel implements FrequencyModel {
        final boolean broken;

        CountingModel(boolean broken) {
            this.broken = broken;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public long fingerprint() {
            return 42;
        }

        @Override
        public boolean supportsChannels(int channels) {
            return true;
        }

        @Override
        public FrequencyPredictor newFrequencyPredictor(Raster raster) {
            int[][] counts = new int[raster.channels()][256];
            return new FrequencyPredictor() {
                @Override
                public void beginPixel(int x, int y) {
                }

                @Override
                public void frequencies(int c, Alphabet alphabet, int[] cum) {
                    int n = alphabet.size();
                    long sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += counts[c][alphabet.level(j)];
                    }
                    int spread = TOTAL - n;
                    long acc = 0;
                    cum[0] = 0;
                    for (int j = 0; j < n; j++) {
                        acc += counts[c][alphabet.level(j)];
                        cum[j + 1] = (int) (j + 1 + (sum == 0 ? (long) spread * (j + 1) / n : acc * spread / sum));
                    }
                    if (broken) {
                        cum[n] = TOTAL - 1;
                    }
                }

                @Override
                public void observe(int c, int value) {
                    counts[c][value] += 32;
                }
            };
        }
    }

    private static Raster skewed(int w, int h, int channels, long seed) {
        Raster r = new Raster(w, h, channels);
        Random rnd = new Random(seed);
        byte[] s = r.samples();
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (rnd.nextInt(8) == 0 ? rnd.nextInt(256) : 100 + rnd.nextInt(4));
        }
        return r;
    }

    @Test
    void roundTripsWithTheModelsOwnFrequenciesAndReportsTheirBits() {
        Raster raster = skewed(37, 23, 3, 7);
        CountingModel model = new CountingModel(false);
        StripeCoder.Encoded e = StripeCoder.encode(raster, model, null, null);
        Raster back = StripeCoder.decode(e.payload(), 0, e.payload().length, 37, 23, 3, model, null, null, 0, true);
        assertArrayEquals(raster.samples(), back.samples());
        // the adaptive counts learn the skew: well below 8 bits per subpixel, and the stream carries them
        double bpsp = e.modelBits() / raster.samples().length;
        assertTrue(bpsp < 4.5, "bits per subpixel " + bpsp);
        assertEquals(e.modelBits() / 8, e.payload().length, 8);
    }

    @Test
    void roundTripsOverRestrictedAlphabets() {
        Raster raster = new Raster(20, 10, 1);
        byte[] s = raster.samples();
        Random rnd = new Random(3);
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (rnd.nextBoolean() ? 0 : 255);
        }
        Alphabet[] two = {Alphabet.fromMask(Alphabet.usedMask(s, 1, 0))};
        assertEquals(2, two[0].size());
        CountingModel model = new CountingModel(false);
        StripeCoder.Encoded e = StripeCoder.encode(raster, model, two, null);
        Raster back = StripeCoder.decode(e.payload(), 0, e.payload().length, 20, 10, 1, model, two, null, 0, true);
        assertArrayEquals(s, back.samples());
    }

    @Test
    void aTableThatBreaksTheContractIsRefusedOnTheEncoder() {
        var e = assertThrows(IllegalStateException.class,
                () -> StripeCoder.encode(skewed(4, 4, 1, 1), new CountingModel(true), null, null));
        assertTrue(e.getMessage().contains("counting"), e.getMessage());
    }

    @Test
    void codingStagesAreRefusedForAFrequencyModel() {
        assertThrows(IllegalArgumentException.class,
                () -> StripeCoder.encode(skewed(4, 4, 3, 1), new CountingModel(false), null, null, 1, null));
    }
}
