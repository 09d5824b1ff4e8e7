package io.lcompress.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard output is a terminal, so that {@code encode x.png -} and {@code decode x.lc -}
 * refuse to dump binary data on the screen, as gzip and zstd do.
 *
 * <p>{@link System#console()} is no answer: before JDK 22 it is null unless stdin <em>and</em>
 * stdout are terminals (so {@code encode - - < x.png} on a terminal would pass), and from JDK 22 it
 * may be non-null when neither is. In order:
 * <ol>
 * <li>the property {@value #PROPERTY} ({@code true}/{@code false}), which the launchers set from
 * the shell's {@code [ -t 1 ]}, the one portable isatty(1) test;</li>
 * <li>on Linux, where {@code /proc/self/fd/1} points: a terminal device ({@code /dev/pts/N},
 * {@code /dev/ttyX}, {@code /dev/console}) or anything else (a file, {@code pipe:[N]},
 * {@code /dev/null});</li>
 * <li>otherwise the console, when both stdin and stdout are terminals ({@code Console.isTerminal()}
 * where the JDK has it).</li>
 * </ol>
 */
final class Terminal {
    static final String PROPERTY = "lcompress.stdout.tty";

    private Terminal() {
    }

    static boolean stdoutIsTerminal() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return p.equals("true") || p.equals("1");
        }
        Path fd1 = Path.of("/proc/self/fd/1");
        try {
            if (Files.isSymbolicLink(fd1)) {
                return isTerminalDevice(Files.readSymbolicLink(fd1).toString());
            }
        } catch (IOException | UnsupportedOperationException | SecurityException ignored) {
            // no /proc: fall through to the console
        }
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");     // JDK 22+
            return (Boolean) isTerminal.invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;        // JDK 17-21: a console means stdin and stdout are terminals
        }
    }

    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    /** Throws the one-line refusal when standard output is a terminal. */
    static void refuseBinaryOutput() throws UserException {
        if (stdoutIsTerminal()) {
            throw new UserException("not writing binary data to a terminal: redirect standard output "
                    + "(> FILE or | command) or name an output file");
        }
    }
}
