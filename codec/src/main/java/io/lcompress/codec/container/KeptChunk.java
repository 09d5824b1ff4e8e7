package io.lcompress.codec.container;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A chunk of the original PNG kept in the file (gamma, ICC profile, text, a grey or RGB colour key, ...),
 * with where it stood. The container checks its shape only; whether the PNG written back is valid is
 * checked by the codec (which knows PNG's rules).
 *
 * @param position 0: before the palette, or before the image data without a palette; 1: after the
 *                 palette (palette images); 2: after the image data
 * @param type     four ASCII letters, the third upper case
 * @param data     the chunk's data
 */
public record KeptChunk(int position, String type, byte[] data) {
    public static final int MAX_POSITION = 2;

    public KeptChunk {
        if (position < 0 || position > MAX_POSITION || !validType(type)) {
            throw new IllegalArgumentException("chunk " + type + " at position " + position);
        }
    }

    /** Four ASCII letters with the reserved bit clear (third letter upper case). */
    public static boolean validType(String type) {
        if (type == null || type.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            char c = type.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return Character.isUpperCase(type.charAt(2));
    }

    public byte[] typeBytes() {
        return type.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeptChunk c && c.position == position && c.type.equals(type) && Arrays.equals(c.data, data);
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
