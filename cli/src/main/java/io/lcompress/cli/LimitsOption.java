package io.lcompress.cli;

import io.lcompress.codec.Limits;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

/** {@code --max-pixels N}: the resource limit checked before anything a file's header sizes is allocated. */
final class LimitsOption extends OptionSpecs.Group {
    private final OptionSpec maxPixels = OptionSpecs.valued(Long.class, "N", OptionSpecs.lines(
            "Refuse images of more than N pixels (width x height) before allocating them; default "
                    + Limits.DEFAULT_MAX_PIXELS + " (2^27, about 134 megapixels).",
            "Memory grows with the pixels: raise the Java heap too for larger images (JAVA_OPTS=-Xmx8g)."),
            "--max-pixels");
    @Override
    List<OptionSpec> options() {
        return List.of(maxPixels);
    }

    /** The value given, or null. */
    Long maxPixels() {
        return maxPixels.getValue();
    }

    Limits limits() {
        Long n = maxPixels();
        if (n == null) {
            return Limits.DEFAULT;
        }
        if (n < 1) {
            throw usage("--max-pixels must be at least 1: " + n);
        }
        return new Limits(n);
    }
}
