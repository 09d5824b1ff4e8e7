package io.lcompress.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;

/** Where {@code encode} and {@code decode} put their outputs: {@code -o}, {@code -d} and {@code -f}. */
final class OutputOptions {
    private final OptionSpec output = OptionSpecs.valued(String.class, "OUT", OptionSpecs.lines(
            "The output of the one input: a file ('-' for stdout) or a folder (IN's name in it)."), "-o", "--output");
    private final OptionSpec outDir = OptionSpecs.valued(Path.class, "DIR", OptionSpecs.lines(
            "Where the outputs go (created when missing); every PATH is then an input."), "-d", "--out-dir");
    private final OptionSpec force = OptionSpecs.flag(OptionSpecs.lines("Overwrite existing output files."),
            "-f", "--force");

    OutputOptions addTo(CommandSpec spec) {
        spec.addOption(output);
        spec.addOption(outDir);
        spec.addOption(force);
        return this;
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
}
