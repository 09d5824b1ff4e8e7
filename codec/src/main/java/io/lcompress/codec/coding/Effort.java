package io.lcompress.codec.coding;

import io.lcompress.codec.coding.stage.CdfCalibration;
import io.lcompress.codec.coding.stage.ChromaSpikes;
import io.lcompress.codec.coding.stage.ColourHistogram;
import io.lcompress.codec.coding.stage.StagedModel;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.PixelModel;

import java.util.List;

/**
 * Effort levels, cjxl's convention: {@code 1..9}, higher is slower and smaller. A level names the
 * built-in model the encoder codes with and which version of the {@link CdfCalibration} stage, if any, goes on top; the
 * file records the model (by id or fingerprint) and the stages, so decoding follows the file and needs
 * no level. Costs are per 768x512 photo on the project's 2-core machine, whole command (see
 * docs/BENCHMARKS.md for the measured table).
 *
 * @param level      1..9
 * @param modelName  the built-in model's name ({@link ModelRegistry})
 * @param calibration the version of the CDF calibration stage ({@link CdfCalibration}) the level codes with, 1 or
 *                   2, or 0 for none; every level codes planes with a colour set with the {@link ColourHistogram}
 *                   stage
 * @param nearSpikes whether colour planes code with chroma repeat version 3 ({@link ChromaSpikes} with near spikes:
 *                   spikes at the values next to the candidates too) instead of version 2. Measured on the
 *                   validation photos (file sizes): {@code fast} 2.7400 -> 2.7337 (-0.23 %, foreman -1.6 %, barbara
 *                   -0.7 %) at +8 to +15 % of its encode time and +15 to +20 % of its decode time on sail (in-process,
 *                   one thread, C1); {@code fast-ols4} 2.6453 -> 2.6446 (level 3 keeps version 2, as it did as level
 *                   2); {@code fast-ols} with calibration 2.6195 -> 2.6180. The network levels lose nothing measurable
 *                   in time.
 * @param smallImageModel the built-in model for RGB images of at most {@link #SMALL_IMAGE_PIXELS} pixels, or null
 *                   for the level's model at every size (also when its weights are not in this build)
 * @param colourSetModel the built-in model for colour planes with a colour set ({@link ColourSetChoice}), or null
 *                   for the level's model
 * @param summary    what the level does, for {@code --help} and the README
 */
public record Effort(int level, String modelName, int calibration, boolean nearSpikes, String smallImageModel,
                     String colourSetModel, String summary) {
    /**
     * RGB images of at most this many pixels (128 x 128) code with the level's {@code smallImageModel}, when
     * it has one and its weights are in this build ({@link ImageSizeChoice}). Measured with {@code small-wide}
     * against {@code wide-ols} (model bits, {@code eval --model}): on thumbnails of the validation photos
     * (box-shrunk, as ImageNet32/64 were made) -1.8 % at 64x64 and -1.3 % at 128x128, on crops of them,
     * unshrunk, -0.5 % at both sizes, at 1.4x to 1.6x the time; beyond this size that time would count
     * against the strongest level's budget (at most {@code cjxl -e 9}'s time on photos).
     */
    public static final long SMALL_IMAGE_PIXELS = 128 * 128;

    /**
     * The model of the strongest levels for planes with a colour set (coded with the colour histogram stage):
     * the default level's. There the 256-wide network adds nothing the histogram does not already give, at
     * 1.3x the time (valid/, level 9 against level 5's model: baboon 1.5896 against 1.5899, face 0.8934
     * against 0.8933, head 0.8905 against 0.8903, lenna 1.2191 against 1.2213, man 1.6477 against 1.6483),
     * and without it the strongest level stays within cjxl -e 9's time on baboon.
     */
    static final String COLOUR_SET_MODEL = "neural-ols";

    public static final int MIN = 1;
    public static final int MAX = 9;

    /** Every level, in order. */
    public static final List<Effort> ALL = List.of(
            new Effort(1, "fast2", 0, false, null, null, "fast2: adaptive classical predictors of the samples and of the channel differences, no network"),
            new Effort(2, "fast2", 2, true, null, null, "fast2+calibration2: fast2 with CDF calibration v2 and chroma repeat v3"),
            new Effort(3, "fast-ols4", 0, false, null, null, "fast-ols4: fast mixed online with a small least-squares predictor fitted to the image (4 neighbours)"),
            new Effort(4, "fast-ols", 1, true, null, null, "fast-ols: fast mixed online with a least-squares predictor of 12 neighbours, CDF calibration, chroma repeat v3"),
            new Effort(5, "neural-ols", 1, true, null, null, "neural-ols: the 192-wide network mixed online with fast-ols, CDF calibration, chroma repeat v3"),
            new Effort(6, "neural-ols", 1, true, null, null, "as 5"),
            new Effort(7, "wide-ols", 1, true, "small2-wide", COLOUR_SET_MODEL, "wide-ols: the 256-wide network, its corrected copy, two least-squares predictors and fast, CDF calibration, chroma repeat v3; RGB images up to 128x128 pixels: small2-wide, a network trained on small images and its corrected copy, mixed with the 256-wide network and two least-squares predictors; images of few colours: neural-ols, as 5"),
            new Effort(8, "wide-ols", 1, true, "small2-wide", COLOUR_SET_MODEL, "as 7"),
            new Effort(9, "wide-ols", 1, true, "small2-wide", COLOUR_SET_MODEL, "as 7 (the strongest level)"));

    /** The level used when none is given. */
    public static final Effort DEFAULT = of(5);

    public Effort {
        if (level < MIN || level > MAX) {
            throw new IllegalArgumentException("effort must be " + MIN + ".." + MAX + ": " + level);
        }
        if (calibration < 0 || calibration > CdfCalibration.VERSION_2) {
            throw new IllegalArgumentException("calibration version " + calibration);
        }
    }

    /** Whether the level codes with a CDF calibration stage (either version). */
    public boolean calibrated() {
        return calibration != 0;
    }

    /** Level {@code n}, 1..9. */
    public static Effort of(int n) {
        if (n < MIN || n > MAX) {
            throw new IllegalArgumentException("effort must be " + MIN + ".." + MAX + ": " + n);
        }
        return ALL.get(n - MIN);
    }

    /**
     * What the level codes with: the built-in model (built on first use) with the level's stages
     * ({@link #stages()}).
     */
    public PixelModel model() {
        PixelModel m = ModelRegistry.byName(modelName).orElseThrow(() -> new IllegalStateException(
                "effort " + level + " needs the built-in model '" + modelName + "', whose weights are not in this build"));
        PixelModel plain = new StagedModel(m, stages());
        PixelModel large = colourSetModel == null ? plain : ModelRegistry.byName(colourSetModel)
                .map(c -> (PixelModel) new ColourSetChoice(new StagedModel(c, stages()), plain))
                .orElse(plain);
        if (smallImageModel == null) {
            return large;
        }
        return ModelRegistry.byName(smallImageModel)
                .map(s -> (PixelModel) new ImageSizeChoice(new StagedModel(s, stages()), large, SMALL_IMAGE_PIXELS))
                .orElse(large);
    }

    /**
     * The stages the level adds to its model ({@link StagedModel}): the colour histogram at every level
     * (planes with a colour set), CDF calibration of the level's version, chroma repeat version 3 when
     * {@link #nearSpikes()}.
     */
    public int stages() {
        return ColourHistogram.STAGE_BIT | (calibration == 0 ? 0 : CdfCalibration.stageBit(calibration))
                | (nearSpikes ? ChromaSpikes.NEAR_STAGE_BIT : 0);
    }

    /**
     * Levels with the same recipe write the same files: the model's name, plus "+calibration" (version 1) or
     * "+calibration2", plus "+near-spikes" (chroma repeat version 3).
     */
    public String recipe() {
        String r = calibration == 0 ? modelName : modelName + (calibration == 1 ? "+calibration" : "+calibration2");
        r = nearSpikes ? r + "+near-spikes" : r;
        r = smallImageModel == null ? r : r + "/" + smallImageModel;
        return colourSetModel == null ? r : r + "/colours:" + colourSetModel;
    }
}
