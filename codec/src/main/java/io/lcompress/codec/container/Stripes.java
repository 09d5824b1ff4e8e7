package io.lcompress.codec.container;

import java.util.Arrays;

/**
 * The payload of a plane, cut into the image's stripes: per stripe its length in bytes and whether it is
 * stored raw (the samples themselves, {@code rows x width x channels} bytes) or arithmetic-coded.
 *
 * <p>Invariant (checked): lengths are non-negative and there is one per stripe.
 */
public record Stripes(int[] lengths, boolean[] raw) {
    public Stripes {
        if (lengths.length != raw.length) {
            throw new IllegalArgumentException(lengths.length + " lengths for " + raw.length + " stripes");
        }
        for (int l : lengths) {
            if (l < 0) {
                throw new IllegalArgumentException("stripe length " + l);
            }
        }
    }

    /** {@code count} stripes of length 0, all coded (placeholders until the payload is known). */
    public static Stripes empty(int count) {
        return new Stripes(new int[count], new boolean[count]);
    }

    public int count() {
        return lengths.length;
    }

    public long bytes() {
        long sum = 0;
        for (int l : lengths) {
            sum += l;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stripes s && Arrays.equals(s.lengths, lengths) && Arrays.equals(s.raw, raw);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lengths) + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Stripes" + Arrays.toString(lengths);
    }
}
