package io.lcompress.cli;

import io.lcompress.codec.coding.Effort;
import io.lcompress.codec.model.PixelModel;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

/** {@code -e N} / {@code --effort N}: the effort level of the commands that encode. */
final class EffortOption extends OptionSpecs.Group {
    private final OptionSpec effort = OptionSpecs.valued(Integer.class, "N", description(), "-e", "--effort");

    @Override
    List<OptionSpec> options() {
        return List.of(effort);
    }

    /** The level given, or null. */
    Integer effort() {
        return effort.getValue();
    }

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

    /** The help: one line per level, from {@link Effort} itself. */
    private static String[] description() {
        List<String> lines = new ArrayList<>();
        lines.add("Effort " + Effort.MIN + ".." + Effort.MAX + " (default: " + Effort.DEFAULT.level()
                + "): higher is slower and smaller.");
        for (Effort e : Effort.ALL) {
            lines.add("  " + e.level() + ": " + e.summary());
        }
        lines.add("Every level codes images of few colours with the colour histogram stage, and colour images"
                + " with chroma repeat: probability spikes where the neighbours' channel differences repeat"
                + " (v3 at levels " + nearSpikeLevels() + ": also one value either side).");
        lines.add("Exclusive with --model. Decoding follows the file.");
        return lines.toArray(new String[0]);
    }

    /** The model to encode with: the level's, the explicit {@code --model}'s, or the default level's. */
    PixelModel resolve(ModelOption modelOption) throws UserException {
        Integer effort = effort();
        if (effort != null && modelOption.model() != null) {
            throw usage("give --effort or --model, not both");
        }
        if (modelOption.model() != null) {
            return modelOption.resolve();
        }
        if (effort == null) {
            return Effort.DEFAULT.model();
        }
        if (effort < Effort.MIN || effort > Effort.MAX) {
            throw usage("--effort must be between " + Effort.MIN + " and " + Effort.MAX + ": " + effort);
        }
        return Effort.of(effort).model();
    }
}
