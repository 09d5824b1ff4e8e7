package io.lcompress.codec.image;

import io.lcompress.codec.container.KeptChunk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A chunk of a PNG that is not the image itself - gamma, chromaticities, an ICC profile, sRGB intent,
 * physical size, text, time, EXIF, a grey or RGB colour key (tRNS), a suggested palette, private chunks
 * - kept verbatim so that a round trip through lcompress loses nothing, with where it stood.
 *
 * <p>Not kept as chunks: IHDR, IDAT and IEND (rebuilt), and a palette image's PLTE and tRNS: they are its
 * palette, written back as PLTE and a tRNS up to the last translucent entry (so a tRNS that only repeats
 * opaque entries, which means the same, comes back shorter or not at all).
 *
 * @param position {@link #BEFORE_PLTE} (before the palette, or before the image data when the image has no
 *                 palette), {@link #AFTER_PLTE} (palette images: after the palette, before the image data)
 *                 or {@link #AFTER_IDAT}
 * @param type     four ASCII letters; ancillary (first letter lower case), or PLTE in an RGB(A) image
 * @param data     the chunk's data
 */
public record PngChunk(int position, String type, byte[] data) {
    public static final int BEFORE_PLTE = 0;
    public static final int AFTER_PLTE = 1;
    public static final int AFTER_IDAT = 2;

    public PngChunk {
        if (position < BEFORE_PLTE || position > AFTER_IDAT) {
            throw new IllegalArgumentException("chunk position " + position);
        }
        if (!isValidType(type)) {
            throw new IllegalArgumentException("chunk type " + type);
        }
    }

    /** Four ASCII letters with the reserved bit clear (third letter upper case): the container's rule. */
    public static boolean isValidType(String type) {
        return KeptChunk.validType(type);
    }

    /**
     * Whether this chunk is metadata, which {@code encode --strip} drops: every kept chunk but a tRNS colour
     * key (grey and RGB images; it makes the pixels of one colour transparent, so it is part of the pixels'
     * meaning). Text, time, ICC profile, gamma, chromaticities, sRGB, physical size, sBIT, bKGD, hIST, sPLT,
     * EXIF, private and unknown chunks and a suggested PLTE in an RGB image are metadata. (A palette image's
     * PLTE and tRNS are its palette, never a kept chunk.)
     */
    public boolean metadata() {
        return !type.equals("tRNS");
    }

    public boolean ancillary() {
        return Character.isLowerCase(type.charAt(0));
    }

    public byte[] typeBytes() {
        return type.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PngChunk c && c.position == position && c.type.equals(type) && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * position + type.hashCode()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return type + "(" + data.length + " bytes, position " + position + ")";
    }
}
