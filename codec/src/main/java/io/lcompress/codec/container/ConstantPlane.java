package io.lcompress.codec.container;

/** One channel whose every sample has the same value (an opaque alpha channel). */
public record ConstantPlane(int firstChannel, int value) implements Plane {
    public ConstantPlane {
        if (value < 0 || value > 255 || firstChannel < 0) {
            throw new IllegalArgumentException("constant " + value + " in channel " + firstChannel);
        }
    }

    @Override
    public int kind() {
        return CONSTANT;
    }

    @Override
    public String kindName() {
        return "constant";
    }

    @Override
    public int channels() {
        return 1;
    }

    /** Version 4: the value, after the plane byte. */
    static ConstantPlane readV4(HeaderReader in, int first, int channels) throws FormatException {
        HeaderReader.verify(channels == 1, "constant plane of " + channels + " channels");
        return new ConstantPlane(first, in.u8());
    }

    void writeV4(HeaderWriter out) {
        out.u8(value);
    }
}
