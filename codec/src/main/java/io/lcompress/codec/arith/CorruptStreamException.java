package io.lcompress.codec.arith;

/** Thrown when compressed data is provably not something the encoder produced. */
public class CorruptStreamException extends RuntimeException {
    public CorruptStreamException(String message) {
        super(message);
    }
}
