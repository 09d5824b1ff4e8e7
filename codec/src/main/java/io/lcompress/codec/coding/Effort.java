package io.lcompress.codec.coding;

import io.lcompress.codec.coding.stage.CalibratedModel;
import io.lcompress.codec.coding.stage.CdfCalibration;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;

import java.util.List;

/**
 * Effort levels, cjxl's convention: {@code 1..9}, higher is slower and smaller. A level names the
 * built-in model the encoder codes with and whether the {@link CdfCalibration} stage goes on top; the
 * file records the model (by id or fingerprint) and the stages, so decoding follows the file and needs
 * no level. Costs are per 768x512 photo on the project's 2-core machine, whole command (see
 * docs/BENCHMARKS.md for the measured table).
 *
 * @param level      1..9
 * @param modelName  the built-in model's name ({@link ModelRegistry})
 * @param calibrated whether the level codes with the CDF calibration stage ({@link CalibratedModel})
 * @param summary    what the level does, for {@code --help} and the README
 */
public record Effort(int level, String modelName, boolean calibrated, String summary) {
    public static final int MIN = 1;
    public static final int MAX = 9;

    /** Every level, in order. */
    public static final List<Effort> ALL = List.of(
            new Effort(1, "fast", false, "fast: adaptive classical predictors, no network"),
            new Effort(2, "fast-ols", true, "fast-ols: fast mixed online with a least-squares predictor fitted to the image, CDF calibration"),
            new Effort(3, "narrow-ols", true, "narrow-ols: a 64-wide network mixed online with fast-ols, CDF calibration"),
            new Effort(4, "narrow-ols", true, "as 3"),
            new Effort(5, "neural-ols", true, "neural-ols: the 192-wide network mixed online with fast-ols, CDF calibration"),
            new Effort(6, "neural-ols", true, "as 5"),
            new Effort(7, "wide-ols", true, "wide-ols: the 256-wide network, its corrected copy, two least-squares predictors and fast, CDF calibration"),
            new Effort(8, "wide-ols", true, "as 7"),
            new Effort(9, "wide-ols", true, "as 7 (the strongest level)"));

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

    /** What the level codes with: the built-in model (built on first use), calibrated when the level says so. */
    public PixelModel model() {
        PixelModel m = ModelRegistry.byName(modelName).orElseThrow(() -> new IllegalStateException(
                "effort " + level + " needs the built-in model '" + modelName + "', whose weights are not in this build"));
        return calibrated ? new CalibratedModel(m) : m;
    }

    /** Levels with the same recipe write the same files: the model's name, plus "+calibration". */
    public String recipe() {
        return calibrated ? modelName + "+calibration" : modelName;
    }
}
