package io.lcompress.codec.container;

/**
 * The low bytes of every channel of a 16-bit image, arithmetic-coded after the high bytes of each stripe.
 *
 * @param predicted {@code false}: the context tree of format versions 1 to 3 (kind 3: each low byte in
 *                  the context of its channel and high byte, {@code LowByteCoder}); {@code true}: predicted
 *                  from the neighbours' full 16-bit values (kind 5, version 4, {@code PredictedLowByteCoder})
 * @param channels  every coded channel
 * @param stripes   the payload
 */
public record LowBytePlane(boolean predicted, int channels, Stripes stripes) implements Plane {
    @Override
    public int kind() {
        return predicted ? LOW_BYTES_PREDICTED : LOW_BYTES_TREE;
    }

    @Override
    public String kindName() {
        return predicted ? "low-bytes" : "low-bytes-tree";
    }

    @Override
    public int firstChannel() {
        return 0;
    }

    @Override
    public boolean lowBytes() {
        return true;
    }

    public LowBytePlane withStripes(Stripes s) {
        return new LowBytePlane(predicted, channels, s);
    }
}
