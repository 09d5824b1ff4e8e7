package io.lcompress.codec.container;

import java.util.Arrays;

/**
 * Samples of a group of channels arithmetic-coded with a pixel model and the coding stages on top of it.
 *
 * @param firstChannel  first coded channel of the group
 * @param channels      number of channels, 1..4
 * @param fingerprint   the pixel model's fingerprint: the decoder needs exactly this model
 * @param modelName     its name, for messages
 * @param alphabetMasks per channel a 32-byte mask of the values that occur (bit v % 8 of byte v / 8), or
 *                      null for all 256; all null with a colour set
 * @param colourSet     the image's distinct colours ({@code channels} bytes each, strictly ascending) when
 *                      the channels are restricted by colour; else null
 * @param stages        the coding stages applied on top of the model, a set of {@code STAGE_*} bits
 * @param stripes       the payload
 */
public record ModelPlane(int firstChannel, int channels, long fingerprint, String modelName,
                         byte[][] alphabetMasks, byte[] colourSet, int stages, Stripes stripes) implements Plane {
    /**
     * Chroma repeat, version 1 ({@code ChromaRepeatPredictor}): channels 1 and 2 also predicted from the
     * neighbours' channel differences. Planes of 3 or 4 channels without a colour set.
     */
    public static final int STAGE_CHROMA_REPEAT = 1;
    /**
     * Colour copy, version 1 ({@code ColourCopyPredictor}): sharp components at the neighbours' colours.
     * Planes with a colour set; in versions 1 to 3 implied by the colour set, signalled from version 4.
     */
    public static final int STAGE_COLOUR_COPY = 2;
    /** Every stage this version knows. A new version of a stage is a new bit. */
    public static final int KNOWN_STAGES = STAGE_CHROMA_REPEAT | STAGE_COLOUR_COPY;
    /** Most colours a colour set holds. */
    public static final int MAX_COLOURS = 1024;
    /** Most channels a model plane codes. */
    public static final int MAX_CHANNELS = 4;

    public ModelPlane {
        if (channels < 1 || channels > MAX_CHANNELS || firstChannel < 0) {
            throw new IllegalArgumentException("model plane of channels " + firstChannel + "+" + channels);
        }
        if (alphabetMasks == null) {
            alphabetMasks = new byte[channels][];
        }
        if (alphabetMasks.length != channels) {
            throw new IllegalArgumentException(alphabetMasks.length + " masks for " + channels + " channels");
        }
        if ((stages & ~KNOWN_STAGES) != 0) {
            throw new IllegalArgumentException("stages " + stages);
        }
    }

    @Override
    public int kind() {
        return MODEL;
    }

    @Override
    public String kindName() {
        return "model";
    }

    public boolean hasStage(int stage) {
        return (stages & stage) != 0;
    }

    public ModelPlane withStripes(Stripes s) {
        return new ModelPlane(firstChannel, channels, fingerprint, modelName, alphabetMasks, colourSet, stages, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelPlane p && p.firstChannel == firstChannel && p.channels == channels
                && p.fingerprint == fingerprint && p.modelName.equals(modelName)
                && Arrays.deepEquals(p.alphabetMasks, alphabetMasks) && Arrays.equals(p.colourSet, colourSet)
                && p.stages == stages && java.util.Objects.equals(p.stripes, stripes);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(firstChannel, channels, fingerprint, modelName, stages, stripes,
                Arrays.deepHashCode(alphabetMasks), Arrays.hashCode(colourSet));
    }

    @Override
    public String toString() {
        return "ModelPlane[" + firstChannel + "+" + channels + ", " + modelName + ", stages " + stages + ", "
                + stripes + "]";
    }
}
