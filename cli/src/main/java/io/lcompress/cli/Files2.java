package io.lcompress.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Output files are written to a temporary file next to the target and renamed into place. The
 * temporary file is created as a plain file is ({@link Files#createFile}: the umask's permissions, not
 * {@link Files#createTempFile}'s 0600); one that replaces an existing file (--force) takes that file's
 * permissions. A failure to write is reported as an {@link OutputFailure} naming the output, never the
 * temporary file.
 */
final class Files2 {
    private Files2() {
    }

    /** A failure to write an output: its message names the output ("cannot write OUT: reason"). */
    static final class OutputFailure extends IOException {
        OutputFailure(Path out, String reason, Throwable cause) {
            super("cannot write " + out + ": " + reason, cause);
        }

        OutputFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Refuses an existing output (unless {@code force}), a folder, and an output whose folder is missing
     * or not writable; the message names the output.
     */
    static void checkWritable(Path out, boolean force) throws OutputFailure {
        checkWritable(out, force, false);
    }

    /**
     * As {@link #checkWritable(Path, boolean)}; with {@code makeFolder} a missing folder is fine (it is
     * created when the output is written: {@code --out-dir}).
     */
    static void checkWritable(Path out, boolean force, boolean makeFolder) throws OutputFailure {
        if (Files.isDirectory(out)) {
            throw new OutputFailure("output is a folder: " + out, null);
        }
        if (Files.exists(out) && !force) {
            throw new OutputFailure("output exists: " + out + " (use --force to overwrite)", null);
        }
        if (makeFolder) {
            return;
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new OutputFailure(out, (Files.exists(dir) ? "not a folder: " : "no such folder: ") + shown(out), null);
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw new OutputFailure(out, "permission denied", null);
        }
    }

    /** The output's folder as the user wrote it (or the absolute one when they gave a bare name). */
    private static Path shown(Path out) {
        return out.getParent() != null ? out.getParent() : out.toAbsolutePath().getParent();
    }

    /**
     * Gives the finished temporary file the output's name unless a file of that name appeared meanwhile
     * (another program): a hard link fails if the name exists, atomically; where the file system has no
     * hard links, a move that refuses an existing target (checked, then renamed).
     */
    private static void placeWithoutReplacing(Path tmp, Path abs) throws IOException {
        try {
            Files.createLink(abs, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            Files.move(tmp, abs);
        }
    }

    /** Writes whatever {@code content} writes to a stream. */
    interface Content {
        void writeTo(OutputStream out) throws Exception;
    }

    static void writeAtomically(Path out, byte[] data, boolean force) throws Exception {
        writeAtomically(out, force, false, o -> o.write(data));
    }

    static void writeAtomically(Path out, boolean force, Content content) throws Exception {
        writeAtomically(out, force, false, content);
    }

    /**
     * Streams {@code content} into a temporary file beside {@code out} and renames it into place when
     * {@code content} returns normally; when it throws, the temporary file is deleted and nothing is left.
     * With {@code makeFolder} the output's folder is created first when missing; otherwise a missing
     * folder is refused.
     */
    static void writeAtomically(Path out, boolean force, boolean makeFolder, Content content) throws Exception {
        Path abs = out.toAbsolutePath();
        Path dir = abs.getParent();
        if (makeFolder && !Files.isDirectory(dir)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new OutputFailure("cannot create the folder " + shown(out) + ": " + reason(e), e);
            }
        }
        checkWritable(out, force, false);
        Path tmp = createSibling(out, abs);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream o = new BufferedOutputStream(new Guard(Channels.newOutputStream(channel), out), 1 << 16);
                content.writeTo(o);
                o.flush();
                try {
                    channel.force(true);        // on disk before the name points at it (a crash leaves the old file)
                } catch (IOException e) {
                    throw new OutputFailure(out, reason(e), e);
                }
            }
            try {
                if (force) {
                    try {
                        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                    }
                } else {
                    placeWithoutReplacing(tmp, abs);
                }
            } catch (FileAlreadyExistsException e) {
                throw new OutputFailure("output exists: " + out + " (use --force to overwrite)", e);
            } catch (IOException e) {
                throw new OutputFailure(out, reason(e), e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A new empty file {@code .NAME.RANDOM.tmp} beside {@code abs}, with the permissions of a file the
     * user creates (or those of the file it will replace).
     */
    private static Path createSibling(Path out, Path abs) throws OutputFailure {
        Path dir = abs.getParent();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + abs.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 100) {
                    continue;
                }
                throw new OutputFailure(out, "cannot create a temporary file beside it", e);
            } catch (IOException e) {
                throw new OutputFailure(out, reason(e), e);
            }
            if (Files.isRegularFile(abs)) {
                try {
                    Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(abs));
                } catch (UnsupportedOperationException | IOException ignored) {
                    // not a POSIX file system, or not ours to change: the new file keeps the umask's permissions
                }
            }
            return tmp;
        }
    }

    /** Why a file operation failed, in words, without the (temporary) file's name. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return lowerFirst(f.getReason());
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : lowerFirst(e.getMessage());
    }

    private static String lowerFirst(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1) : s;
    }

    /** Turns the failures of the stream to the temporary file into {@link OutputFailure}s naming the output. */
    private static final class Guard extends FilterOutputStream {
        private final Path target;

        Guard(OutputStream out, Path target) {
            super(out);
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private IOException failure(IOException e) {
            return e instanceof OutputFailure ? e : new OutputFailure(target, reason(e), e);
        }
    }
}
