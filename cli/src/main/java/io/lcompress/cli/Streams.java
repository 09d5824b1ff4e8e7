package io.lcompress.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading inputs and writing outputs, with {@code -} for stdin/stdout. */
final class Streams {
    private Streams() {
    }

    static byte[] read(Path p) throws IOException {
        if (p.toString().equals("-")) {
            return System.in.readAllBytes();
        }
        return Files.readAllBytes(p);
    }

    static void write(Path p, byte[] data, boolean force) throws Exception {
        if (p.toString().equals("-")) {
            OutputStream out = System.out;
            out.write(data);
            out.flush();
            return;
        }
        if (p.getParent() != null) {
            Files.createDirectories(p.toAbsolutePath().getParent());
        }
        Files2.writeAtomically(p, data, force);
    }

    /** Streams to a file (atomically, see Files2), creating its folder as {@link #write} does. */
    static void write(Path p, boolean force, Files2.Content content) throws Exception {
        if (p.getParent() != null) {
            Files.createDirectories(p.toAbsolutePath().getParent());
        }
        Files2.writeAtomically(p, force, content);
    }

    static void checkWritable(Path p, boolean force) throws UserException {
        if (!p.toString().equals("-")) {
            Files2.checkWritable(p, force);
        } else {
            Terminal.refuseBinaryOutput();      // before anything is read or coded
        }
    }
}
