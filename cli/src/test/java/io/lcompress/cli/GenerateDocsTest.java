package io.lcompress.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build-time generator of the bash completion and the AsciiDoc man pages covers every command. */
class GenerateDocsTest {
    @TempDir
    Path dir;

    @Test
    void completionAndManPagesCoverEveryCommand() throws Exception {
        GenerateDocs.main(new String[]{dir.toString(), "9.8.7"});
        String completion = Files.readString(dir.resolve("lcompress_completion"));
        assertTrue(completion.contains("complete -F _complete_lcompress"), "not a bash completion script");
        String main = Files.readString(dir.resolve("adoc/lcompress.adoc"));
        assertTrue(main.contains(":doctype: manpage") && main.contains("= lcompress(1)"), main);
        for (String c : new String[]{"encode", "decode", "eval", "train", "bench", "heatmap"}) {
            assertTrue(completion.contains(c), "completion lacks " + c);
            assertTrue(main.contains("*" + c + "*"), "lcompress.adoc does not list " + c);
            Path page = dir.resolve("adoc/lcompress-" + c + ".adoc");
            String text = Files.readString(page);
            assertTrue(text.contains("= lcompress-" + c + "(1)"), page.toString());
            assertTrue(text.contains(":mansource: lcompress 9.8.7"), page + " lacks the version");
        }
        // eval's column legend stays a literal block (a blank line, then indented lines)
        String eval = Files.readString(dir.resolve("adoc/lcompress-eval.adoc"));
        assertTrue(eval.contains("\n\n  size "), eval);
    }
}
