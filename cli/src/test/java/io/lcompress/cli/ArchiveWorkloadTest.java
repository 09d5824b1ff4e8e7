package io.lcompress.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ArchiveWorkloadTest {
    /** Every command of the workload succeeds (a failing one would leave its classes out of the archive), and it leaves nothing behind. */
    @Test
    @Timeout(120)
    void everyCommandSucceedsAndTheFolderGoes() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = leftovers(tmp);
        assertEquals(0, ArchiveWorkload.run());
        assertEquals(before, leftovers(tmp), "a lcompress-archive-* folder was left in " + tmp);
    }

    private static long leftovers(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("lcompress-archive-")).count();
        }
    }
}
