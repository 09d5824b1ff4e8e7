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

    /** An {@link OutOfMemoryError} of one job, as a failure that can be reported and survived. */
    static final class HeapExhausted extends Exception {
        HeapExhausted(OutOfMemoryError cause) {
            super(outOfMemory(), cause);
        }
    }

    /** The one line for an {@link OutOfMemoryError}: what the heap allows and how to raise it. */
    static String outOfMemory() {
        long mb = Runtime.getRuntime().maxMemory() >> 20;
        return "needs more memory than the Java heap allows (" + mb + " MB): raise it, e.g. JAVA_OPTS=-Xmx"
                + Math.max(2, 2 * ((mb + 1023) / 1024)) + "g, or refuse such images sooner with --max-pixels";
    }

    static String describe(Throwable ex) {
        if (ex instanceof UserException || ex instanceof FormatException || ex instanceof HeapExhausted) {
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
            return outOfMemory();
        }
        String m = ex.getMessage();
        return "internal error: " + ex.getClass().getSimpleName() + (m == null ? "" : ": " + m)
                + " (run with --verbose for details)";
    }
}
