package io.lcompress.cli;

import io.lcompress.codec.container.FormatException;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into the one-line messages users see. */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable ex) {
        if (ex instanceof UserException || ex instanceof FormatException) {
            return ex.getMessage();
        }
        if (ex instanceof NoSuchFileException || ex instanceof FileNotFoundException) {
            return "no such file: " + ex.getMessage();
        }
        if (ex instanceof AccessDeniedException) {
            return "permission denied: " + ex.getMessage();
        }
        if (ex instanceof FileAlreadyExistsException) {
            return "already exists: " + ex.getMessage();
        }
        if (ex instanceof java.io.IOException) {
            return ex.getMessage() == null ? ex.toString() : ex.getMessage();
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory (raise -Xmx, e.g. JAVA_OPTS=-Xmx4g)";
        }
        String m = ex.getMessage();
        return "internal error: " + ex.getClass().getSimpleName() + (m == null ? "" : ": " + m)
                + " (run with --verbose for details)";
    }
}
