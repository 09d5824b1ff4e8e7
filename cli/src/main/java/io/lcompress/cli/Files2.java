package io.lcompress.cli;

import java.io.IOException;
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

    static void writeAtomically(Path out, byte[] data, boolean force) throws IOException, UserException {
        checkWritable(out, force);
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, data);
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
