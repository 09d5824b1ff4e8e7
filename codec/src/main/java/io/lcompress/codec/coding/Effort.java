package io.lcompress.codec.coding;

import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;

import java.util.List;

/**
 * Effort levels, cjxl's convention: {@code 1..9}, higher is slower and smaller. A level names the
 * built-in model the encoder codes with; the file records the model (by fingerprint), so decoding
 * follows the file and needs no level. Costs are per 768x512 photo on the project's 2-core machine,
 * whole command (see docs/BENCHMARKS.md for the measured table).
 *
 * @param level   1..9
 * @param modelName the built-in model's name ({@link ModelRegistry})
 * @param summary what the level does, for {@code --help} and the README
 */
public record Effort(int level, String modelName, String summary) {
    public static final int MIN = 1;
    public static final int MAX = 9;

    /** Every level, in order. */
    public static final List<Effort> ALL = List.of(
            new Effort(1, "fast", "fast: adaptive classical predictors, no network"),
            new Effort(2, "fast", "as 1"),
            new Effort(3, "narrow-mix", "narrow-mix: a 64-wide network mixed online with fast"),
            new Effort(4, "narrow-mix", "as 3"),
            new Effort(5, "neural-mix", "neural-mix: the 192-wide network mixed online with fast"),
            new Effort(6, "neural-mix", "as 5"),
            new Effort(7, "default", "default: as 5 plus the uncorrected network"),
            new Effort(8, "default", "as 7 (the strongest level so far)"),
            new Effort(9, "default", "as 7 (the strongest level so far)"));

    /** The level used when none is given. */
    public static final Effort DEFAULT = of(5);

    public Effort {
        if (level < MIN || level > MAX) {
            throw new IllegalArgumentException("effort must be " + MIN + ".." + MAX + ": " + level);
        }
    }

    /** Level {@code n}, 1..9. */
    public static Effort of(int n) {
        if (n < MIN || n > MAX) {
            throw new IllegalArgumentException("effort must be " + MIN + ".." + MAX + ": " + n);
        }
        return ALL.get(n - MIN);
    }

    /** The model this level codes with (built on first use). */
    public PixelModel model() {
        return ModelRegistry.byName(modelName).orElseThrow(() -> new IllegalStateException(
                "effort " + level + " needs the built-in model '" + modelName + "', whose weights are not in this build"));
    }
}
