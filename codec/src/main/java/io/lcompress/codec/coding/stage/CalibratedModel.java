package io.lcompress.codec.coding.stage;

import io.lcompress.codec.image.Raster;
import io.lcompress.codec.mixture.Elementary;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.PixelModel;
import io.lcompress.codec.model.PixelPredictor;

/**
 * A mixture model to be coded with the {@link CdfCalibration} stage on top: what an effort level hands
 * the encoder when the level includes that stage. It is not a model of its own: the encoder's planner
 * unwraps it, and the file names the {@link #inner()} model and sets the stage bit, so decoding needs
 * no wrapper and {@code --model NAME} still means the model alone.
 */
public record CalibratedModel(PixelModel inner) implements PixelModel {
    public CalibratedModel {
        if (inner instanceof FrequencyModel || inner instanceof CalibratedModel) {
            throw new IllegalArgumentException("CDF calibration applies to mixture models: " + inner.name());
        }
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

    /** Refused: the planner unwraps this before coding; a predictor from here would code without the stage. */
    @Override
    public PixelPredictor newPredictor(Raster raster) {
        throw new UnsupportedOperationException("'" + inner.name() + "' with CDF calibration is coded through the "
                + "encoder's planner (LcCodec), which applies the stage; use inner() for the model alone");
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
