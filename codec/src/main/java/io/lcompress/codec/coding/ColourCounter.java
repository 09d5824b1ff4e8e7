package io.lcompress.codec.coding;

import java.util.Arrays;

/**
 * The distinct colours of an image, up to a limit: {@link Survey}'s count of the colours a colour set
 * ({@link io.lcompress.codec.mixture.ColourSet}) would hold. An open-addressing set of packed colours (at most
 * 24 bits, so never negative) in a table at least twice the limit: no boxing, no tree, a multiply and
 * usually one probe a pixel (a photo passes the limit within its first rows; a drawing of few colours is
 * read to its end).
 *
 * <p>Invariants: {@code size <= limit + 1}; the table is at most half full; an empty slot is -1.
 */
final class ColourCounter {
    private final int limit;
    private final int[] table;
    private final int mask;
    private final int shift;        // the multiplicative hash keeps the top log2(capacity) bits
    private int size;

    /** A counter that gives up past {@code limit} colours ({@code 0 <= limit <= 2^24}). */
    ColourCounter(int limit) {
        if (limit < 0 || limit > 1 << 24) {
            throw new IllegalArgumentException("colour limit " + limit);
        }
        this.limit = limit;
        int capacity = Integer.highestOneBit(2 * limit + 1) << 1;
        this.table = new int[capacity];
        this.mask = capacity - 1;
        this.shift = Integer.numberOfLeadingZeros(capacity) + 1;
        Arrays.fill(table, -1);
    }

    /**
     * Adds {@code colour} (0 to 2^24 - 1); false once the counter holds more than its limit, and then on every
     * later call.
     */
    boolean add(int colour) {
        if (colour < 0 || colour >= 1 << 24) {
            throw new IllegalArgumentException("colour " + colour);
        }
        if (size > limit) {
            return false;
        }
        int i = (colour * 0x9E3779B1) >>> shift;
        while (true) {
            int t = table[i];
            if (t == colour) {
                return true;
            }
            if (t < 0) {
                table[i] = colour;
                return ++size <= limit;
            }
            i = (i + 1) & mask;
        }
    }

    /** Whether more colours than the limit were added. */
    boolean overflowed() {
        return size > limit;
    }

    /** The colours, ascending. */
    int[] sorted() {
        int[] out = new int[size];
        int j = 0;
        for (int t : table) {
            if (t >= 0) {
                out[j++] = t;
            }
        }
        Arrays.sort(out);
        return out;
    }
}
