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
}
