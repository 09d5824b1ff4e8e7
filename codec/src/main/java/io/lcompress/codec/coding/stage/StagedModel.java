package io.lcompress.codec.coding.stage;

import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.PixelPredictor;

/**
 * A mixture model to be coded with stages on top that the model itself does not imply: what an effort
 * level hands the encoder. {@code stages} is a non-empty set of {@link #OPTIONAL_STAGES}: the
 * {@link CdfCalibration} stage (any model plane; version 1 or 2), the {@link ColourHistogram} stage (planes with a
 * colour set only; elsewhere it is left out) and chroma repeat version 3 ({@link ChromaSpikes} with near
 * spikes) in place of version 2 (colour planes without a colour set, where the planner puts version 2). It is not a model of its own: the encoder's planner unwraps
 * it, and the file names the {@link #inner()} model and sets the stage bits, so decoding needs no wrapper
 * and {@code --model NAME} still means the model alone (with the stages the planner always adds: colour
 * copy, chroma repeat).
 */
public record StagedModel(PixelModel inner, int stages) implements PixelModel {
    /** The stages a level may add. */
    public static final int OPTIONAL_STAGES = CdfCalibration.STAGE_BITS | ModelPlane.STAGE_COLOUR_HISTOGRAM
            | ModelPlane.STAGE_CHROMA_NEAR_SPIKES;

    public StagedModel {
        if (inner instanceof FrequencyModel || inner instanceof StagedModel) {
            throw new IllegalArgumentException("coding stages apply to mixture models: " + inner.name());
        }
        if (stages == 0 || (stages & ~OPTIONAL_STAGES) != 0
                || Integer.bitCount(stages & CdfCalibration.STAGE_BITS) > 1) {
            throw new IllegalArgumentException("stages " + Integer.toBinaryString(stages));
        }
    }

    /** {@code inner} with {@code stages}, or {@code inner} itself when {@code stages} is 0. */
    public static PixelModel of(PixelModel inner, int stages) {
        return stages == 0 ? inner : new StagedModel(inner, stages);
    }

    /** Whether the CDF calibration stage (either version) is among the stages. */
    public boolean calibrated() {
        return (stages & CdfCalibration.STAGE_BITS) != 0;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public long fingerprint() {
        return inner.fingerprint();
    }

    @Override
    public boolean supportsChannels(int channels) {
        return inner.supportsChannels(channels);
    }

    /** Refused: the planner unwraps this before coding; a predictor from here would code without the stages. */
    @Override
    public PixelPredictor newPredictor(Raster raster) {
        throw new UnsupportedOperationException("'" + inner.name() + "' with coding stages is coded through the "
                + "encoder's planner (LcCodec), which applies them; use inner() for the model alone");
    }

    @Override
    public Elementary elementary() {
        return inner.elementary();
    }

    @Override
    public int maxComponents() {
        return inner.maxComponents();
    }
}
