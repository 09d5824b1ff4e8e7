package io.lcompress.codec.mixture;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The alphabets a colour set gives each channel, given the channels before it. */
class ColourSetTest {
    @Test
    void everyPrefixGetsTheValuesOfItsColoursAndAnUnknownPrefixNone() {
        for (int channels = 2; channels <= 4; channels++) {
            Random rnd = new Random(channels);
            int count = ColourSet.MAX_COLOURS;
            byte[] samples = new byte[count * channels];
            for (int i = 0; i < samples.length; i++) {
                // few values per channel, so that prefixes are shared by many colours
                samples[i] = (byte) (rnd.nextInt(12) * 21);
            }
            ColourSet set = ColourSet.of(samples, channels, count);
            assertNotNull(set);
            int[] colours = set.packedColours();
            for (int col : colours) {
                byte[] pixel = new byte[channels];
                for (int c = 0; c < channels; c++) {
                    pixel[c] = (byte) (col >>> (8 * (channels - 1 - c)));
                }
                for (int c = 1; c < channels; c++) {
                    assertArrayEquals(expectedMask(colours, channels, c, pixel), set.alphabet(c, pixel, 0).mask(),
                            "channel " + c + " of colour " + Integer.toHexString(col));
                }
            }
            for (int t = 0; t < 2000; t++) {
                byte[] pixel = new byte[channels];
                for (int c = 0; c < channels; c++) {
                    pixel[c] = (byte) (rnd.nextInt(12) * 21 + (t % 3 == 0 ? 1 : 0));
                }
                for (int c = 1; c < channels; c++) {
                    byte[] mask = expectedMask(colours, channels, c, pixel);
                    Alphabet a = set.alphabet(c, pixel, 0);
                    if (java.util.Arrays.equals(mask, new byte[32])) {
                        assertNull(a, "no colour starts like this");
                    } else {
                        assertArrayEquals(mask, a.mask());
                    }
                }
            }
        }
    }

    /** The values of channel c among the colours whose channels before c are the pixel's, by brute force. */
    private static byte[] expectedMask(int[] colours, int channels, int c, byte[] pixel) {
        byte[] mask = new byte[32];
        for (int col : colours) {
            boolean fits = true;
            for (int k = 0; k < c; k++) {
                fits &= (col >>> (8 * (channels - 1 - k)) & 0xFF) == (pixel[k] & 0xFF);
            }
            if (fits) {
                int v = col >>> (8 * (channels - 1 - c)) & 0xFF;
                mask[v >> 3] |= (byte) (1 << (v & 7));
            }
        }
        return mask;
    }
}
