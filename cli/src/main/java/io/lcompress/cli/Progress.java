package io.lcompress.cli;

import java.io.PrintStream;

/**
 * Progress on stderr for long runs, keeping stdout clean: a bar redrawn in place when the console is
 * interactive, one line per finished item otherwise; warnings printed through it do not tangle with
 * the bar.
 */
final class Progress {
    enum Mode { auto, bar, lines, none }

    private static final int BAR_WIDTH = 28;

    private final Mode mode;
    private final int total;
    private final PrintStream err;
    private final long t0 = System.nanoTime();
    private int lastLength;
    private long lastDraw;

    Progress(Mode mode, int total, PrintStream err) {
        this.mode = mode == Mode.auto ? (stderrIsTerminal() ? Mode.bar : Mode.lines) : mode;
        this.total = total;
        this.err = err;
    }

    /**
     * Whether stderr is a terminal: on Linux from what file descriptor 2 points to (so a bar is drawn
     * even when stdout goes to a file), elsewhere when the JVM has a console.
     */
    static boolean stderrIsTerminal() {
        try {
            java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
            if (java.nio.file.Files.isSymbolicLink(fd2)) {
                String target = java.nio.file.Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
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
        if (mode != Mode.bar) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 50_000_000L) {
            return;     // at most 20 redraws a second
        }
        lastDraw = now;
        drawBar(index, index + 1, item + ": " + stage);
    }

    /** Item {@code index} is finished. */
    void done(int index, String item, String summary) {
        if (mode == Mode.lines) {
            err.printf("bench: [%d/%d] %s%s%n", index + 1, total, item, summary.isEmpty() ? "" : " " + summary);
            err.flush();
        } else if (mode == Mode.bar) {
            lastDraw = System.nanoTime();
            drawBar(index + 1, index + 1, item + (summary.isEmpty() ? "" : ": " + summary));
        }
    }

    private void drawBar(int finished, int shown, String text) {
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * finished / total);
        draw("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + shown + "/" + total + " "
                + shorten(text, 60) + "  " + elapsed());
    }

    /** A warning or note on its own line. */
    void note(String message) {
        clear();
        err.println(message);
        err.flush();
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
