package io.lcompress.codec.container;

/**
 * One plane of an {@code .lc} file: a group of coded channels and how they are stored (docs/FORMAT.md,
 * "Planes"). The planes of a file cover every coded channel exactly once; a 16-bit image has one more
 * plane for the low bytes of all its channels.
 *
 * <p>Each kind is a type of its own and reads and writes itself ({@link FormatV4}); the kinds of format
 * versions 1 to 3 are read into the same types ({@link LegacyFormat}).
 */
public sealed interface Plane permits ModelPlane, ConstantPlane, CopyPlane, LowBytePlane, WidenedLowBytes {
    /** Kind codes of format version 4 (one byte's low three bits). */
    int MODEL = 0;
    int CONSTANT = 1;
    int COPY = 2;
    int LOW_BYTES_TREE = 3;
    int WIDENED_LOW_BYTES = 4;
    int LOW_BYTES_PREDICTED = 5;

    /** The kind code (above). */
    int kind();

    /** The kind's name in messages and listings. */
    String kindName();

    /** First coded channel of the group (0 for low bytes: they cover every channel). */
    int firstChannel();

    /** Number of channels in the group. */
    int channels();

    /** Whether the plane holds the low bytes of a 16-bit image (else the high or only bytes). */
    default boolean lowBytes() {
        return false;
    }

    /** Its payload, stripe by stripe; null for planes without one. */
    default Stripes stripes() {
        return null;
    }
}
