package io.lcompress.codec;

import java.io.IOException;

/**
 * The bytes given to {@link Lc#decode} are not an {@code .lc} file this version of lcompress decodes:
 * corrupt or truncated, of a newer format version, coded with a model this build lacks, or of an image
 * beyond the pixel limit ({@link Lc.Options#maxPixels()}). The message is one line for the user; the
 * cause is the codec's {@link io.lcompress.codec.container.FormatException}.
 */
public class LcFormatException extends IOException {
    public LcFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
