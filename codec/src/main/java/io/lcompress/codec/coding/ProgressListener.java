package io.lcompress.codec.coding;

/**
 * Told how far an encode or decode has got: {@code done} of {@code total} stripes (all planes of a
 * stripe coded or decoded and handed on), called on the calling thread in stripe order, once per stripe
 * (so {@code done} ends at {@code total}). A listener only watches: the output bytes are the same with
 * or without one, and {@link #NONE} costs nothing.
 */
@FunctionalInterface
public interface ProgressListener {
    /** The listener that ignores everything. */
    ProgressListener NONE = (done, total) -> {
    };

    void progress(int done, int total);

    /** {@code listener}, or {@link #NONE} for null. */
    static ProgressListener orNone(ProgressListener listener) {
        return listener == null ? NONE : listener;
    }
}
