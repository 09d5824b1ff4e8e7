package io.lcompress.cli;

import io.lcompress.codec.coding.ProgressListener;

import java.io.PrintStream;

/**
 * Progress on stderr for long runs, keeping stdout clean: a bar redrawn in place when stderr is a
 * terminal, one line per finished item otherwise (or nothing, as the command chooses); warnings and
 * result lines printed through it do not tangle with the bar.
 *
 * <p>The bar appears only once the run has lasted {@link #DEFAULT_DELAY_MS} ms (the property
 * {@value #DELAY_PROPERTY} sets another delay, in milliseconds), so short work prints nothing; it is
 * cleared by {@link #finish()}, which commands call before their last lines and before an error
 * message.
 */
final class Progress {
    enum Mode { auto, bar, lines, none }

    /** Whether stderr is a terminal, as the launchers' shell sees it ({@code [ -t 2 ]}). */
    static final String TTY_PROPERTY = "lcompress.stderr.tty";
    /** Milliseconds before the bar first appears (default {@value #DEFAULT_DELAY_MS}). */
    static final String DELAY_PROPERTY = "lcompress.progress.delay.ms";
    static final long DEFAULT_DELAY_MS = 2000;

    private static final int BAR_WIDTH = 28;

    /** Least time between two redraws (at most 20 a second); tests set 0 to see every update. */
    static long redrawNanos = 50_000_000L;

    private final String label;
    private final Mode mode;
    private final int total;
    private final PrintStream err;
    private final long t0 = System.nanoTime();
    private final long delayNanos = delayMillis() * 1_000_000L;
    private int lastLength;
    private long lastDraw;

    /** bench's progress: a bar on a terminal, else a line per image. */
    Progress(Mode mode, int total, PrintStream err) {
        this("bench", mode, Mode.lines, total, err);
    }

    /**
     * @param label  the command, at the start of every line ({@code encode: [1/3] a.png})
     * @param mode   as asked; {@code auto}: a bar when stderr is a terminal, else {@code piped}
     * @param piped  what {@code auto} means when stderr is not a terminal: lines or none
     * @param total  the items
     */
    Progress(String label, Mode mode, Mode piped, int total, PrintStream err) {
        this.label = label;
        this.mode = mode == null || mode == Mode.auto ? (stderrIsTerminal() ? Mode.bar : piped) : mode;
        this.total = total;
        this.err = err;
    }

    /** The mode a command runs with: the one asked for, else none with {@code --quiet}, else auto. */
    static Mode choose(Mode asked, boolean quiet) {
        return asked != null ? asked : quiet ? Mode.none : Mode.auto;
    }

    private static long delayMillis() {
        String p = System.getProperty(DELAY_PROPERTY);
        if (p != null && !p.isBlank()) {
            try {
                return Math.max(0, Long.parseLong(p.strip()));
            } catch (NumberFormatException ignored) {
                // the default
            }
        }
        return DEFAULT_DELAY_MS;
    }

    /**
     * Whether stderr is a terminal: the property {@value #TTY_PROPERTY} when set (the launchers pass
     * the shell's {@code [ -t 2 ]}, since they pipe stderr through a filter); else on Linux from what
     * file descriptor 2 points to (so a bar is drawn even when stdout goes to a file); elsewhere when
     * the JVM has a console.
     */
    static boolean stderrIsTerminal() {
        String p = System.getProperty(TTY_PROPERTY);
        if (p != null && !p.isBlank()) {
            return p.equals("true") || p.equals("1");
        }
        try {
            java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
            if (java.nio.file.Files.isSymbolicLink(fd2)) {
                return Terminal.isTerminalDevice(java.nio.file.Files.readSymbolicLink(fd2).toString());
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // no /proc: fall back to the console
        }
        return System.console() != null;
    }

    Mode mode() {
        return mode;
    }

    /** Item {@code index} (0-based) is at {@code stage}. */
    void stage(int index, String item, String stage) {
        if (mode != Mode.bar || throttled()) {
            return;
        }
        drawBar(index, index + 1, item + ": " + stage);
    }

    /**
     * A listener for part of item {@code index}'s work: as its stripes get done, the bar moves from
     * {@code from} to {@code to} (fractions of the item) and shows {@code stage} and the stripes; the
     * listener of a run without a bar does nothing.
     */
    ProgressListener part(int index, String item, String stage, double from, double to) {
        if (mode != Mode.bar) {
            return ProgressListener.NONE;
        }
        stage(index, item, stage);
        return (done, stripes) -> {
            if (throttled()) {
                return;
            }
            double f = from + (to - from) * done / Math.max(1, stripes);
            drawBar(index + f, index + 1, item + ": " + stage + " " + done + "/" + stripes + " stripes");
        };
    }

    /** Whether a redraw now would come too soon: before the delay, or within 50 ms of the last one. */
    private boolean throttled() {
        long now = System.nanoTime();
        if (now - t0 < delayNanos || (lastDraw != 0 && now - lastDraw < redrawNanos)) {
            return true;        // short work draws nothing; at most 20 redraws a second
        }
        lastDraw = now;
        return false;
    }

    /** Item {@code index} is finished. */
    void done(int index, String item, String summary) {
        if (mode == Mode.lines) {
            err.printf("%s: [%d/%d] %s%s%n", label, index + 1, total, item, summary.isEmpty() ? "" : " " + summary);
            err.flush();
        } else if (mode == Mode.bar && System.nanoTime() - t0 >= delayNanos) {
            lastDraw = System.nanoTime();
            drawBar(index + 1, index + 1, item + (summary.isEmpty() ? "" : ": " + summary));
        }
    }

    private void drawBar(double finished, int shown, String text) {
        int filled = total == 0 ? BAR_WIDTH : (int) Math.min(BAR_WIDTH, BAR_WIDTH * finished / total);
        String head = "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + shown + "/" + total + " ";
        String tail = "  " + elapsed();
        // one line of the terminal (the launcher passes its width): a wrapped bar could not be redrawn
        int room = Math.min(60, columns() - 1 - head.length() - tail.length());
        draw("\r" + head + (room >= 8 ? shorten(text, room) : "") + tail);
    }

    /** Property with the terminal's width, which the launchers measure. */
    static final String COLUMNS_PROPERTY = "lcompress.columns";

    /** The terminal's width as the launcher measured it (80 when unknown, at least 40). */
    private static int columns() {
        return Math.max(40, Integer.getInteger(COLUMNS_PROPERTY, 80));
    }

    /** A warning or note on its own line of stderr. */
    void note(String message) {
        println(err, message);
    }

    /** A line on {@code out} (stdout or stderr), the bar out of its way; the next update draws it again. */
    void println(PrintStream out, String line) {
        clear();
        out.println(line);
        out.flush();
    }

    /** Removes the bar (at the end, before the caller prints anything else). */
    void finish() {
        clear();
    }

    private void clear() {
        if (mode == Mode.bar && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }

    private void draw(String s) {
        int visible = s.length() - 1;
        String pad = visible < lastLength ? " ".repeat(lastLength - visible) : "";
        err.print(s + pad);
        err.flush();
        lastLength = visible;
    }

    private String elapsed() {
        long s = (System.nanoTime() - t0) / 1_000_000_000L;
        return String.format("%d:%02d", s / 60, s % 60);
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : "..." + s.substring(s.length() - n + 3);
    }
}
