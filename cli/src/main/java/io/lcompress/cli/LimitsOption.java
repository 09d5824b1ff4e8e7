package io.lcompress.cli;

import io.lcompress.codec.Limits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --max-pixels N}: the resource limit checked before anything a file's header sizes is allocated. */
final class LimitsOption {
    @Option(names = "--max-pixels", paramLabel = "N",
            description = {"Refuse images of more than N pixels (width x height) before allocating them; default "
                    + Limits.DEFAULT_MAX_PIXELS + " (2^27, about 134 megapixels).",
                    "Memory grows with the pixels: raise the Java heap too for larger images (JAVA_OPTS=-Xmx8g)."})
    Long maxPixels;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    Limits limits() {
        if (maxPixels == null) {
            return Limits.DEFAULT;
        }
        if (maxPixels < 1) {
            throw new ParameterException(mixee.commandLine(), "--max-pixels must be at least 1: " + maxPixels);
        }
        return new Limits(maxPixels);
    }
}
