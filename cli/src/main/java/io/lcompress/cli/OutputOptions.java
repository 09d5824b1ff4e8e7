package io.lcompress.cli;

import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code encode} and {@code decode} do with their outputs: where they go ({@code -o}, {@code -d},
 * {@code -f}) and what is said about them ({@code -q}, {@code --progress}).
 */
final class OutputOptions extends OptionSpecs.Group {
    private final OptionSpec output = OptionSpecs.valued(String.class, "OUT", OptionSpecs.lines(
            "The output of the one input: a file ('-' for stdout) or a folder (IN's name in it)."), "-o", "--output");
    private final OptionSpec outDir = OptionSpecs.valued(Path.class, "DIR", OptionSpecs.lines(
            "Where the outputs go (created when missing); every PATH is then an input."), "-d", "--out-dir");
    private final OptionSpec force = OptionSpecs.flag(OptionSpecs.lines("Overwrite existing output files."),
            "-f", "--force");
    private final OptionSpec quiet = OptionSpecs.flag(OptionSpecs.lines(
            "Print nothing on success (and no progress)."), "-q", "--quiet");
    private final OptionSpec progressMode = OptionSpecs.valued(Progress.Mode.class, "MODE", OptionSpecs.lines(
            "Progress on stderr: auto (a bar on a terminal once the work lasts 2 s, else nothing; none with -q), "
                    + "bar, lines (a line per file), none."), "--progress");

    @Override
    List<OptionSpec> options() {
        return List.of(output, outDir, force, quiet, progressMode);
    }

    /** {@code -o}: the one input's output, or null. */
    String output() {
        return output.getValue();
    }

    /** {@code -d}: the folder of all outputs, or null. */
    Path outDir() {
        return outDir.getValue();
    }

    boolean force() {
        return OptionSpecs.given(force);
    }

    boolean quiet() {
        return OptionSpecs.given(quiet);
    }

    /** The progress mode to run with ({@link Progress#choose}). */
    Progress.Mode progress() {
        return Progress.choose(progressMode.getValue(), quiet());
    }
}
