package io.lcompress.cli;

/** An expected failure whose message is shown to the user as is. */
final class UserException extends Exception {
    UserException(String message) {
        super(message);
    }

    UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
