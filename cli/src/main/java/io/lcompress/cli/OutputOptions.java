package io.lcompress.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where {@code encode} and {@code decode} put their outputs: {@code -o}, {@code -d} and {@code -f}. */
final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "The output of the one input: a file ('-' for stdout) or a folder (IN's name in it).")
    String output;

    @Option(names = {"-d", "--out-dir"}, paramLabel = "DIR",
            description = "Where the outputs go (created when missing); every PATH is then an input.")
    Path outDir;

    @Option(names = {"-f", "--force"}, description = "Overwrite existing output files.")
    boolean force;
}
