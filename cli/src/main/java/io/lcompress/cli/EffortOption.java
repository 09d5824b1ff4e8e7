package io.lcompress.cli;

import io.lcompress.codec.coding.Effort;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code -e N} / {@code --effort N}: the effort level of the commands that encode. */
final class EffortOption {
    @Option(names = {"-e", "--effort"}, paramLabel = "N",
            description = {"Effort 1..9 (default: ${lcompress.effort.default}): higher is slower and smaller.",
                    "${lcompress.effort.1}", "${lcompress.effort.2}", "${lcompress.effort.3}",
                    "${lcompress.effort.4}", "${lcompress.effort.5}", "${lcompress.effort.6}",
                    "${lcompress.effort.7}", "${lcompress.effort.8}", "${lcompress.effort.9}",
                    "Every level codes images of few colours with the colour histogram stage, and colour images"
                            + " with chroma repeat: probability spikes where the neighbours' channel differences repeat"
                            + " (v3 at levels ${lcompress.effort.near}: also one value either side).",
                    "Exclusive with --model. Decoding follows the file."})
    Integer effort;

    /** The levels with chroma repeat v3, for the help: "2, 4-9". */
    static String nearSpikeLevels() {
        StringBuilder sb = new StringBuilder();
        int n = Effort.MIN;
        while (n <= Effort.MAX) {
            if (!Effort.of(n).nearSpikes()) {
                n++;
                continue;
            }
            int end = n;
            while (end + 1 <= Effort.MAX && Effort.of(end + 1).nearSpikes()) {
                end++;
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(end > n ? n + "-" + end : Integer.toString(n));
            n = end + 1;
        }
        return sb.toString();
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    static {
        System.setProperty("lcompress.effort.default", Integer.toString(Effort.DEFAULT.level()));
        System.setProperty("lcompress.effort.near", nearSpikeLevels());
        for (Effort e : Effort.ALL) {
            System.setProperty("lcompress.effort." + e.level(), "  " + e.level() + ": " + e.summary());
        }
    }

    /** The model to encode with: the level's, the explicit {@code --model}'s, or the default level's. */
    PixelModel resolve(ModelOption modelOption) throws UserException {
        if (effort != null && modelOption.model != null) {
            throw new ParameterException(mixee.commandLine(), "give --effort or --model, not both");
        }
        if (modelOption.model != null) {
            return modelOption.resolve();
        }
        if (effort == null) {
            return Effort.DEFAULT.model();
        }
        if (effort < Effort.MIN || effort > Effort.MAX) {
            throw new ParameterException(mixee.commandLine(),
                    "--effort must be between " + Effort.MIN + " and " + Effort.MAX + ": " + effort);
        }
        return Effort.of(effort).model();
    }
}
