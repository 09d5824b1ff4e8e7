package io.lcompress.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Output files are written to a temporary file next to the target and renamed into place. */
final class Files2 {
    private Files2() {
    }

    static void checkWritable(Path out, boolean force) throws UserException {
        if (Files.exists(out) && !force) {
            throw new UserException("output exists: " + out + " (use --force to overwrite)");
        }
        if (Files.isDirectory(out)) {
            throw new UserException("output is a directory: " + out);
        }
    }

    /** Writes whatever {@code content} writes to a stream. */
    interface Content {
        void writeTo(OutputStream out) throws Exception;
    }

    static void writeAtomically(Path out, byte[] data, boolean force) throws Exception {
        writeAtomically(out, force, o -> o.write(data));
    }

    /**
     * Streams {@code content} into a temporary file beside {@code out} and renames it into place when
     * {@code content} returns normally; when it throws, the temporary file is deleted and nothing is left.
     */
    static void writeAtomically(Path out, boolean force, Content content) throws Exception {
        checkWritable(out, force);
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(o);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
