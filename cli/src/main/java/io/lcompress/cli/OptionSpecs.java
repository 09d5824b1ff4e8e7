package io.lcompress.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

import java.util.List;

/**
 * picocli's model built in code, for the commands on every coding run's path (the top command,
 * {@code encode}, {@code decode}) and the option groups they share with {@code eval}, {@code bench}
 * and {@code heatmap}.
 *
 * <p>Why not annotations: picocli reads {@code @Command} and {@code @Option} by reflection, and the
 * JVM makes a proxy class for every annotation type on its first read, interpreted. On the project's
 * 2-core machine that cost about 40 ms of every command's start (annotated top command and
 * {@code encode}: 57-79 ms to a parsed command line; the same model built in code: 18 ms; whole commands
 * 36 to 47 ms faster, docs/BENCHMARKS.md, session 18), a tenth of a level 2 encode of a 512x512 photo. The help text,
 * parsing and exit codes are picocli's either way; the commands that only long runs use keep their
 * annotations.
 *
 * <p>An option built here holds its own value: {@link OptionSpec#getValue()} after parsing, null when
 * it was not given ({@link #given} for flags).
 */
final class OptionSpecs {
    private OptionSpecs() {
    }

    /**
     * Options that several commands share, added to a command's model in code; a usage error of the group
     * (exit code 2) is that command's.
     */
    abstract static class Group {
        private CommandSpec command;

        /** The group's options, in the order the help lists them where a command keeps that order. */
        abstract List<OptionSpec> options();

        final void addTo(CommandSpec spec) {
            for (OptionSpec o : options()) {
                spec.addOption(o);
            }
            command = spec;
        }

        /** A usage error of the command the group was added to. */
        final ParameterException usage(String message) {
            return new ParameterException(command.commandLine(), message);
        }
    }

    /**
     * An annotated command ({@code eval}, {@code bench}, {@code heatmap}): its own options, then the
     * {@code groups}; with {@code helpLast} then {@code -h} and {@code -V} (for a command that lists its
     * options in the order they are added, without {@code mixinStandardHelpOptions}).
     */
    static CommandLine annotated(Object command, boolean helpLast, Group... groups) {
        CommandLine cl = new CommandLine(command);
        CommandSpec spec = cl.getCommandSpec();
        for (Group g : groups) {
            g.addTo(spec);
        }
        if (helpLast) {
            addHelpOptions(spec);
        }
        return cl;
    }

    /** A flag: no value; {@link #given} says whether the command line has it. */
    static OptionSpec flag(String[] description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).description(description).build();
    }

    /** An option with one value of {@code type}, shown as {@code label} in the help. */
    static OptionSpec valued(Class<?> type, String label, String[] description, String... names) {
        return OptionSpec.builder(names).type(type).paramLabel(label).description(description).build();
    }

    /** One or more positional file names (arity 1..*, required), shown as {@code label}. */
    static PositionalParamSpec paths(String label, String description) {
        return PositionalParamSpec.builder().paramLabel(label).arity("1..*").required(true).type(List.class)
                .auxiliaryTypes(String.class).description(description).build();
    }

    /** Whether the flag was on the command line. */
    static boolean given(OptionSpec flag) {
        return Boolean.TRUE.equals(flag.getValue());
    }

    /** {@code -h/--help} and {@code -V/--version}, as picocli's {@code mixinStandardHelpOptions} words them. */
    static void addHelpOptions(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }

    /** A description of several lines, as the help prints them (each wrapped on its own). */
    static String[] lines(String... lines) {
        return lines;
    }
}
