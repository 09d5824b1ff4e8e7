package io.lcompress.codec.container;

/** The input is not a valid {@code .lc} file (or not one this version can read). */
public class FormatException extends Exception {
    public FormatException(String message) {
        super(message);
    }
}
