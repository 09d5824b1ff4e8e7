package io.lcompress.cli;

import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands on every coding run's path build their picocli model in code ({@link OptionSpecs}): a
 * picocli annotation on any of them would bring back the annotation reading that cost about 40 ms of
 * each command's start. And the model built in code parses as the annotated one did.
 */
class CodedCommandModelTest {
    private static final Class<?>[] CODED = {Main.class, EncodeCommand.class, DecodeCommand.class,
            OutputOptions.class, EffortOption.class, ModelOption.class, LimitsOption.class};

    @Test
    void noPicocliAnnotationOnTheCodingPath() {
        List<String> found = new ArrayList<>();
        for (Class<?> c : CODED) {
            check(c.getName(), c.getDeclaredAnnotations(), found);
            for (Field f : c.getDeclaredFields()) {
                check(c.getSimpleName() + "." + f.getName(), f.getDeclaredAnnotations(), found);
            }
        }
        assertEquals(List.of(), found);
    }

    private static void check(String where, Annotation[] annotations, List<String> found) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().startsWith("picocli.")) {
                found.add(where + " @" + a.annotationType().getSimpleName());
            }
        }
    }

    @Test
    void encodeOptionsParse() {
        var cl = Main.commandLine("encode", "-e", "2", "-t", "3", "--max-pixels", "99", "-o", "x.lc", "-f", "-q",
                "--strip", "--verify", "--progress", "lines", "in.png");
        var pr = cl.parseArgs("encode", "-e", "2", "-t", "3", "--max-pixels", "99", "-o", "x.lc", "-f", "-q",
                "--strip", "--verify", "--progress", "lines", "in.png").subcommand();
        assertEquals(2, (Integer) pr.matchedOptionValue("--effort", null));
        assertEquals(3, (Integer) pr.matchedOptionValue("--threads", null));
        assertEquals(99L, (Long) pr.matchedOptionValue("--max-pixels", null));
        assertEquals("x.lc", pr.matchedOptionValue("-o", null));
        assertEquals(Progress.Mode.lines, pr.matchedOptionValue("--progress", null));
        for (String flag : new String[]{"-f", "-q", "--strip", "--verify", "--verbose"}) {
            assertEquals(!flag.equals("--verbose"), pr.hasMatchedOption(flag), flag);
        }
        assertEquals(List.of("in.png"), pr.matchedPositionalValue(0, null));
        assertTrue(cl.getSubcommands().containsKey("encode"));
    }
}
