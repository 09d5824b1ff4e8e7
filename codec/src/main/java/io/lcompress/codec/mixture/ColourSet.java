package io.lcompress.codec.mixture;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * The distinct colours of an image with few of them (a palette image, or a photo reduced to 256
 * colours and stored as RGB), used to restrict each channel to the values that can still occur given
 * the channels already coded for the same pixel: channel 0 to the values any colour has, channel 1 to
 * those of the colours with that channel-0 value, and so on. When only one colour fits, the channel
 * costs nothing. The model's probabilities are kept and renormalized over the allowed values (see
 * {@link Alphabet}), so this is exact and needs no training.
 *
 * <p>Colours are stored in the file sorted, as {@code channels} bytes each.
 */
public final class ColourSet {
    /** Largest number of colours signalled in a file. */
    public static final int MAX_COLOURS = 1024;

    private final int channels;
    private final int[] colours;                   // packed big-endian, sorted ascending
    private final Alphabet first;                  // channel 0
    // the alphabets given a prefix (channels coded, their values): open addressing, linear probing, keys
    // key(c, prefix) (never 0, the empty slot's), at most half full; read once per sample, without boxing
    private final int[] givenKeys;
    private final Alphabet[] given;

    private ColourSet(int channels, int[] colours) {
        this.channels = channels;
        this.colours = colours;
        this.first = restrict(0, 0);
        int slots = Integer.highestOneBit(Math.max(1, 2 * colours.length * (channels - 1))) << 1;
        this.givenKeys = new int[slots];
        this.given = new Alphabet[slots];
        // alphabets for every prefix of every colour, computed once
        for (int col : colours) {
            for (int c = 1; c < channels; c++) {
                int prefix = col >>> (8 * (channels - c));
                int slot = slotOf(key(c, prefix));
                if (givenKeys[slot] == 0) {
                    givenKeys[slot] = key(c, prefix);
                    given[slot] = restrict(c, prefix);
                }
            }
        }
    }

    private static int key(int c, int prefix) {
        return c << 24 | prefix;
    }

    /** The slot of {@code key} in the table, or the empty slot where it would go. */
    private int slotOf(int key) {
        int mask = givenKeys.length - 1;
        int slot = (key * 0x9E3779B9) >>> 16 & mask;
        while (givenKeys[slot] != 0 && givenKeys[slot] != key) {
            slot = slot + 1 & mask;
        }
        return slot;
    }

    private Alphabet restrict(int c, int prefix) {
        byte[] mask = new byte[32];
        int shift = 8 * (channels - c);
        for (int col : colours) {
            if (c == 0 || col >>> shift == prefix) {
                int v = col >>> (8 * (channels - 1 - c)) & 0xFF;
                mask[v >> 3] |= (byte) (1 << (v & 7));
            }
        }
        return Alphabet.fromMask(mask);
    }

    /** The colours of interleaved samples, or null when there are more than {@code max}. */
    public static ColourSet of(byte[] samples, int channels, int max) {
        if (channels < 2 || channels > 4) {
            return null;
        }
        TreeSet<Integer> set = new TreeSet<>(Integer::compareUnsigned);
        for (int i = 0; i < samples.length; i += channels) {
            int col = 0;
            for (int c = 0; c < channels; c++) {
                col = col << 8 | (samples[i + c] & 0xFF);
            }
            if (set.add(col) && set.size() > max) {
                return null;
            }
        }
        return new ColourSet(channels, set.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Parses the stored form: count colours of {@code channels} bytes each, strictly ascending. */
    public static ColourSet fromBytes(int channels, byte[] bytes) {
        if (channels < 2 || channels > 4 || bytes.length % channels != 0 || bytes.length == 0
                || bytes.length / channels > MAX_COLOURS) {
            throw new IllegalArgumentException("bad colour set");
        }
        int[] cols = new int[bytes.length / channels];
        for (int i = 0, j = 0; i < cols.length; i++) {
            int col = 0;
            for (int c = 0; c < channels; c++) {
                col = col << 8 | (bytes[j++] & 0xFF);
            }
            if (i > 0 && Integer.compareUnsigned(col, cols[i - 1]) <= 0) {
                throw new IllegalArgumentException("colour set not strictly ascending");
            }
            cols[i] = col;
        }
        return new ColourSet(channels, cols);
    }

    public byte[] toBytes() {
        byte[] out = new byte[colours.length * channels];
        for (int i = 0, j = 0; i < colours.length; i++) {
            for (int c = channels - 1; c >= 0; c--) {
                out[j++] = (byte) (colours[i] >>> (8 * c));
            }
        }
        return out;
    }

    public int size() {
        return colours.length;
    }

    /** The colours, packed big-endian (channel 0 the most significant byte), ascending; a copy. */
    public int[] packedColours() {
        return colours.clone();
    }

    public int channels() {
        return channels;
    }

    /** The alphabet of channel 0: the values any colour has there. */
    public Alphabet firstAlphabet() {
        return first;
    }

    /**
     * The alphabet of channel {@code c} of the pixel whose samples start at {@code offset} (channels
     * before c already known), or null when the known channels match no colour (corrupt data).
     */
    public Alphabet alphabet(int c, byte[] samples, int offset) {
        if (c == 0) {
            return first;
        }
        int prefix = 0;
        for (int k = 0; k < c; k++) {
            prefix = prefix << 8 | (samples[offset + k] & 0xFF);
        }
        return given[slotOf(key(c, prefix))];          // null in an empty slot: no colour has the prefix
    }

    @Override
    public String toString() {
        return colours.length + " colours " + Arrays.toString(Arrays.copyOf(colours, Math.min(4, colours.length)));
    }
}
