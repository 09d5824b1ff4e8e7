package io.lcompress.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Outputs are put in place whole, and never over a file that appeared while they were written. */
class Files2Test {
    @TempDir
    Path dir;

    @Test
    void aFileThatAppearsWhileWritingIsNotReplacedWithoutForce() throws Exception {
        Path out = dir.resolve("x.lc");
        Exception e = assertThrows(Exception.class, () -> Files2.writeAtomically(out, false, o -> {
            o.write(new byte[]{1, 2, 3});
            Files.writeString(out, "someone else's");        // another program, between check and rename
        }));
        assertTrue(e.getMessage().contains("output exists"), e.getMessage());
        assertEquals("someone else's", Files.readString(out, StandardCharsets.UTF_8));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left");
        }
    }

    @Test
    void forceReplacesAndTheContentIsWhole() throws Exception {
        Path out = dir.resolve("x.lc");
        Files.writeString(out, "old");
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        Files2.writeAtomically(out, data, true);
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(out)));
        Files2.writeAtomically(dir.resolve("y.lc"), data, false);
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(dir.resolve("y.lc"))));
    }
}
