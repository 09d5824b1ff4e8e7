package io.lcompress.codec.container;

/**
 * The low bytes of a 16-bit image that is an 8-bit image widened (format version 4): every low byte
 * equals its high byte ({@link #REPEAT_HIGH}, the exact widening v * 257) or is 0 ({@link #ZERO}, v * 256).
 * Nothing is stored per sample: such an image costs what its 8-bit version costs.
 */
public record WidenedLowBytes(int mode, int channels) implements Plane {
    public static final int REPEAT_HIGH = 0;
    public static final int ZERO = 1;

    public WidenedLowBytes {
        if (mode != REPEAT_HIGH && mode != ZERO) {
            throw new IllegalArgumentException("widening mode " + mode);
        }
    }

    @Override
    public int kind() {
        return WIDENED_LOW_BYTES;
    }

    @Override
    public String kindName() {
        return mode == REPEAT_HIGH ? "widened (low = high)" : "widened (low = 0)";
    }

    @Override
    public int firstChannel() {
        return 0;
    }

    @Override
    public boolean lowBytes() {
        return true;
    }

    /** Version 4: the mode, after the plane byte. */
    static WidenedLowBytes readV4(HeaderReader in, int channels) throws FormatException {
        int mode = in.u8();
        HeaderReader.verify(mode == REPEAT_HIGH || mode == ZERO, "widening mode " + mode);
        return new WidenedLowBytes(mode, channels);
    }

    void writeV4(HeaderWriter out) {
        out.u8(mode);
    }
}
