package io.lcompress.codec.container;

/**
 * Channels that repeat another channel (grey stored as RGB). The source is never itself a copy (the
 * readers check it), so copies are resolved in one pass after the other planes.
 */
public record CopyPlane(int firstChannel, int channels, int source) implements Plane {
    public CopyPlane {
        if (channels < 1 || source < 0 || (source >= firstChannel && source < firstChannel + channels)) {
            throw new IllegalArgumentException("copy of channel " + source + " into " + firstChannel + "+" + channels);
        }
    }

    @Override
    public int kind() {
        return COPY;
    }

    @Override
    public String kindName() {
        return "copy";
    }
}
