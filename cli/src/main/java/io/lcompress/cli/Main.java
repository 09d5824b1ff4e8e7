package io.lcompress.cli;

import picocli.CommandLine;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Entry point of the {@code lcompress} command. Exit codes: 0 success, 1 failure (a one-line message
 * on stderr; the stack trace only with {@code --verbose}), 2 bad usage.
 *
 * <p>The top command, {@code encode} and {@code decode} build their picocli model in code
 * ({@link OptionSpecs} says why); the others are annotated.
 */
public final class Main implements Runnable {
    public static final int EXIT_FAILURE = 1;

    /**
     * The subcommands, in help order. Building a command's picocli model costs start-up time, so a
     * command line that names one command builds only that one (see {@link #commandLine(String...)}).
     */
    static final List<String> COMMANDS = List.of("encode", "decode", "eval", "train", "bench", "heatmap");

    static {
        lightPicocli();
    }

    /** The picocli command called {@code name} (one of {@link #COMMANDS}). */
    private static CommandLine command(String name) {
        return switch (name) {
            case "encode" -> new CommandLine(new EncodeCommand().spec());
            case "decode" -> new CommandLine(new DecodeCommand().spec());
            case "eval" -> new EvalCommand().commandLine();
            case "train" -> new CommandLine(new TrainCommand());
            case "bench" -> new BenchCommand().commandLine();
            case "heatmap" -> new HeatmapCommand().commandLine();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /**
     * Switches off picocli start-up work that no lcompress option needs (about 15 ms of every command,
     * which picocli runs once per command line, interpreted): its search for Groovy closures, and the
     * built-in converters it registers by reflection for {@code java.sql} and {@code java.time} types (no
     * option has such a type; {@code java.nio.file.Path} stays). A value already set wins.
     */
    private static void lightPicocli() {
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.(sql|time)\\..*");
        }
    }

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("lcompress");

    private Main() {
        spec.versionProvider(new Version());
        spec.usageMessage()
                .description("Lossless image compression with a learned pixel model and an arithmetic coder.")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodes());
        OptionSpecs.addHelpOptions(spec);
        spec.addOption(OptionSpec.builder("-v", "--verbose").type(boolean.class)
                .scopeType(CommandLine.ScopeType.INHERIT).description("Print stack traces of failures.").build());
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "success");
        codes.put("1", "failure (message on stderr)");
        codes.put("2", "invalid usage");
        return codes;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (encode, decode, eval, bench, heatmap, train)");
    }

    public static void main(String[] args) {
        uncheckedVectorLoads();
        useLauncherStderr();
        System.exit(execute(args));
    }

    /**
     * Turns off the Vector API's bounds check of every vector load (the network's dense layers make
     * eight per group of four inputs: about 12 % of a network level's model time, JMH). The process is
     * the application's, and the only user of the API in it; the kernel checks once per layer that all
     * its loads lie inside the arrays ({@code VectorDenseKernel}), so no load can stray. A value given
     * on the command line wins. Results are the same either way: only the checks go.
     */
    private static void uncheckedVectorLoads() {
        if (System.getProperty(VECTOR_OOB_CHECK) == null) {
            System.setProperty(VECTOR_OOB_CHECK, "0");
        }
    }

    /** The Vector API's bounds-check setting, read once when the API is first used (JDK 17 on). */
    static final String VECTOR_OOB_CHECK = "jdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK";

    /**
     * The launchers pipe the JVM's stderr through a filter (it drops the incubator-module warning); on
     * a terminal they also hand over the real stderr as another descriptor ({@code lcompress.stderr.fd}),
     * which the program then writes to directly, so progress bars appear at once and stay in order with
     * stdout. Nothing changes when the property is absent or the descriptor cannot be opened.
     */
    private static void useLauncherStderr() {
        String fd = System.getProperty("lcompress.stderr.fd");
        if (fd == null || !fd.matches("[0-9]{1,4}")) {
            return;
        }
        java.io.File file = new java.io.File("/dev/fd/" + fd);
        if (!file.exists()) {
            return;
        }
        try {
            System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(file, true), true));
        } catch (java.io.IOException | SecurityException e) {
            // keep the piped stderr
        }
    }

    /** Runs the command line and returns the exit code (used by tests). */
    public static int execute(String... args) {
        CommandLine cl = commandLine(args);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {      // picocli hands errors through; the work's memory is free here
            System.err.println("lcompress: " + Failures.outOfMemory());
            return EXIT_FAILURE;
        }
    }

    /** The command line with every subcommand (help, completion). */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when its first non-option argument names a command, only
     * that command is registered (parsing and help of that command are unchanged); otherwise all are.
     */
    static CommandLine commandLine(String... args) {
        String named = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                named = a;
                break;
            }
        }
        boolean one = named != null && COMMANDS.contains(named);
        CommandLine cl = new CommandLine(new Main().spec);
        for (String c : COMMANDS) {
            if (!one || c.equals(named)) {
                CommandLine sub = command(c);
                sub.getCommandSpec().versionProvider(new Version());     // 'encode -V' says the version too
                cl.addSubcommand(c, sub);
            }
        }
        if (!one) {
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose") || parseResult.subcommands().stream()
                    .anyMatch(p -> p.hasMatchedOption("--verbose"));
            commandLine.getErr().println("lcompress: " + Failures.describe(ex));
            if (verbose) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return EXIT_FAILURE;
        });
        return cl;
    }

    /**
     * Invalid usage: one line saying what is wrong and one pointing to the help, exit code 2 (picocli
     * would print the whole usage, twenty lines and more, after the message).
     */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("lcompress: " + usageMessage(ex));
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    static String usageMessage(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.get(0);
            boolean top = u.getCommandLine().getCommand() instanceof Main;
            if (top && !first.startsWith("-")) {
                return "unknown command '" + first + "' (commands: " + String.join(", ", COMMANDS) + ")";
            }
            List<String> suggestions = u.getSuggestions().stream().filter(s -> !s.isBlank()).limit(3).toList();
            String hint = suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
            String what = first.startsWith("-") && first.length() > 1
                    ? (unmatched.size() == 1 ? "unknown option " : "unknown options ")
                    : (unmatched.size() == 1 ? "unexpected argument " : "unexpected arguments ");
            return what + unmatched.stream().map(a -> "'" + a + "'").collect(Collectors.joining(", ")) + hint;
        }
        String m = ex.getMessage() == null ? "invalid usage" : ex.getMessage().strip();
        m = m.replace('\n', ' ').replace('\r', ' ');
        if (m.length() > 1 && Character.isUpperCase(m.charAt(0)) && Character.isLowerCase(m.charAt(1))) {
            m = Character.toLowerCase(m.charAt(0)) + m.substring(1);
        }
        return m;
    }

    /** Version: the jar's implementation version when packaged, else "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"lcompress " + (v == null ? "0.1.0" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
