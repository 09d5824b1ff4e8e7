package io.lcompress.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** Reading inputs and writing outputs, with {@code -} for stdin/stdout. */
final class Streams {
    private Streams() {
    }

    static boolean isStd(Path p) {
        return p.toString().equals("-");
    }

    static byte[] read(Path p) throws IOException {
        if (isStd(p)) {
            return System.in.readAllBytes();
        }
        return java.nio.file.Files.readAllBytes(p);
    }

    /** Writes a job's output: stdout, or a file put in place atomically (see Files2). */
    static void write(Batch.Job job, byte[] data, boolean force) throws Exception {
        if (job.stdout()) {
            OutputStream out = System.out;
            out.write(data);
            out.flush();
            return;
        }
        Files2.writeAtomically(job.output(), force, job.makeFolder(), o -> o.write(data));
    }

    /** Streams a job's output to a file (atomically, see Files2). */
    static void write(Batch.Job job, boolean force, Files2.Content content) throws Exception {
        Files2.writeAtomically(job.output(), force, job.makeFolder(), content);
    }

    static void checkWritable(Batch.Job job, boolean force) throws IOException, UserException {
        if (!job.stdout()) {
            Files2.checkWritable(job.output(), force, job.makeFolder());
        } else {
            Terminal.refuseBinaryOutput();      // before anything is read or coded
        }
    }
}
