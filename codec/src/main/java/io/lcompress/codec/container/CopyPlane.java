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

    /** Version 4: the source channel, after the plane byte; {@code coded} channels in the image. */
    static CopyPlane readV4(HeaderReader in, int first, int channels, int coded) throws FormatException {
        int source = in.u8();
        HeaderReader.verify(source < coded && (source < first || source >= first + channels),
                "copy from channel " + source);
        return new CopyPlane(first, channels, source);
    }

    void writeV4(HeaderWriter out) {
        out.u8(source);
    }
}
