package io.lcompress.codec.container;

import java.nio.charset.StandardCharsets;
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
    /**
     * CDF calibration, version 1 ({@code CdfCalibration}): the coded CDF remapped through the learned
     * distribution of where coded values fall in their predicted CDFs. Options bit 7; format version 4
     * on; any model plane of a mixture model.
     */
    public static final int STAGE_CDF_CALIBRATION = 1 << 7;
    /**
     * Colour histogram, version 1 ({@code ColourHistogram}): the coded distribution blended with the counts
     * of the colours in a causal window. Options bit 8; planes with a colour set.
     */
    public static final int STAGE_COLOUR_HISTOGRAM = 1 << 8;
    /**
     * Chroma repeat, version 2 ({@code ChromaSpikes}): the same candidates and learning as version 1, blended
     * into the coded frequencies instead of the mixture. Options bit 9 (added 2026-12-03); planes of 3 or 4
     * channels without a colour set, never with version 1.
     */
    public static final int STAGE_CHROMA_SPIKES = 1 << 9;
    /**
     * Chroma repeat, version 3 ({@code ChromaSpikes} with its near spikes): version 2 with part of each
     * candidate's mass, learned per context, at the values one below and one above it (colour conversions
     * round a repeated chroma difference by one either way). Options bit 10 (added 2026-12-03); planes of 3
     * or 4 channels without a colour set, never with another version.
     */
    public static final int STAGE_CHROMA_NEAR_SPIKES = 1 << 10;
    /**
     * CDF calibration, version 2 ({@code CdfCalibration}): version 1's rule with 16 bins instead of 32, the
     * learned CDF alone instead of three quarters of it, sharpness classes set for the classical models, and
     * an update without a decay of every bin (a growing increment, halved with the sums at 2^15).
     * Options bit 11 (added 2026-12-04); any model plane of a mixture model, never with version 1.
     */
    public static final int STAGE_CDF_CALIBRATION_2 = 1 << 11;
    /** The versions of CDF calibration: at most one on a plane. */
    public static final int CALIBRATION_STAGES = STAGE_CDF_CALIBRATION | STAGE_CDF_CALIBRATION_2;
    /** The versions of chroma repeat: at most one on a plane. */
    static final int CHROMA_STAGES = STAGE_CHROMA_REPEAT | STAGE_CHROMA_SPIKES | STAGE_CHROMA_NEAR_SPIKES;
    /** Every stage this version knows. A new version of a stage is a new bit. */
    public static final int KNOWN_STAGES = STAGE_CHROMA_REPEAT | STAGE_COLOUR_COPY | STAGE_CDF_CALIBRATION
            | STAGE_COLOUR_HISTOGRAM | STAGE_CHROMA_SPIKES | STAGE_CHROMA_NEAR_SPIKES | STAGE_CDF_CALIBRATION_2;
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

    /**
     * Version 4: the model byte (and a custom model's fingerprint and name) and the options; the colour set
     * and masks go to the alphabets block.
     */
    void writeV4(HeaderWriter out, HeaderWriter alphabets) {
        var id = BuiltInModels.byModel(fingerprint, modelName);
        if (id.isPresent()) {
            out.u8(id.get().id());
        } else {
            byte[] name = modelName().getBytes(StandardCharsets.UTF_8);
            if (name.length > LcFormat.MAX_NAME_BYTES) {
                throw new IllegalArgumentException("model name too long");
            }
            out.u8(BuiltInModels.CUSTOM).i64(fingerprint()).u8(name.length).bytes(name);
        }
        int options = stages();
        if (colourSet() != null) {
            options |= FormatV4.OPTION_COLOUR_SET;
            int count = colourSet().length / channels();
            alphabets.varint(count - 1);
            long previous = -1;
            for (int i = 0; i < count; i++) {
                long colour = packed(colourSet(), i, channels());
                alphabets.varint(colour - previous - 1);
                previous = colour;
            }
        } else {
            for (int c = 0; c < channels(); c++) {
                if (alphabetMasks()[c] != null) {
                    options |= 1 << (FormatV4.OPTION_MASKS_SHIFT + c);
                    writeMask(alphabets, alphabetMasks()[c]);
                }
            }
        }
        out.varint(options);
    }

    /** Version 4: a model plane after its plane byte, with placeholders for the alphabets and stripes. */
    static ModelPlane readV4(HeaderReader in, int first, int channels, int stripes)
            throws FormatException {
        int id = in.u8();
        long fingerprint;
        String name;
        if (id == BuiltInModels.CUSTOM) {
            fingerprint = in.i64();
            int length = in.u8();
            HeaderReader.verify(length <= LcFormat.MAX_NAME_BYTES, "model name length " + length);
            name = new String(in.bytes(length), StandardCharsets.UTF_8);
        } else {
            BuiltInModels.Id model = BuiltInModels.byId(id).orElseThrow(() -> new FormatException(
                    "file was encoded with built-in model number " + id + ", which this lcompress does not have "
                            + "(a newer lcompress wrote it)"));
            fingerprint = model.fingerprint();
            name = model.name();
        }
        int options = in.varint(Integer.MAX_VALUE, "model plane options");
        if ((options & ~FormatV4.KNOWN_OPTIONS) != 0) {
            throw new FormatException("unsupported coding stages or options " + Integer.toBinaryString(options)
                    + " in a model plane (a newer lcompress wrote this file)");
        }
        int masks = (options >>> FormatV4.OPTION_MASKS_SHIFT) & FormatV4.OPTION_MASKS;
        boolean colourSet = (options & FormatV4.OPTION_COLOUR_SET) != 0;
        int stages = options & KNOWN_STAGES;
        HeaderReader.verify(masks >>> channels == 0 && !(colourSet && masks != 0), "alphabet options " + options);
        HeaderReader.verify(colourSet ? channels >= 2 : (stages & (STAGE_COLOUR_COPY | STAGE_COLOUR_HISTOGRAM)) == 0,
                "colour options " + options);
        HeaderReader.verify((stages & CHROMA_STAGES) == 0 || channels >= 3 && !colourSet,
                "chroma repeat on " + channels + " channels" + (colourSet ? " with a colour set" : ""));
        HeaderReader.verify(Integer.bitCount(stages & CHROMA_STAGES) <= 1, "two versions of chroma repeat");
        HeaderReader.verify(Integer.bitCount(stages & CALIBRATION_STAGES) <= 1, "two versions of CDF calibration");
        // placeholders for the alphabets (read from the alphabets block) and the stripes (the stripe table)
        byte[][] maskArrays = new byte[channels][];
        for (int c = 0; c < channels; c++) {
            if ((masks >> c & 1) != 0) {
                maskArrays[c] = new byte[0];
            }
        }
        return new ModelPlane(first, channels, fingerprint, name, maskArrays, colourSet ? new byte[0] : null, stages,
                Stripes.empty(stripes));
    }

    /** Fills in the placeholders of {@link #readV4} from the alphabets block. */
    ModelPlane withAlphabetsV4(HeaderReader a) throws FormatException {
        byte[] colourSet = null;
        byte[][] masks = new byte[channels][];
        if (this.colourSet != null) {
            int count = a.varint(MAX_COLOURS - 1, "colour count - 1") + 1;
            colourSet = new byte[count * channels];
            long max = (1L << (8 * channels)) - 1;
            long colour = -1;
            for (int i = 0; i < count; i++) {
                colour += a.varlong(max, "colour step") + 1;
                HeaderReader.verify(colour <= max, "colour beyond " + channels + " bytes");
                for (int c = 0; c < channels; c++) {
                    colourSet[i * channels + c] = (byte) (colour >>> (8 * (channels - 1 - c)));
                }
            }
        } else {
            for (int c = 0; c < channels; c++) {
                if (alphabetMasks[c] != null) {
                    masks[c] = readMask(a);
                }
            }
        }
        return new ModelPlane(firstChannel, channels, fingerprint, modelName, masks, colourSet,
                stages, stripes);
    }

    /**
     * A mask in the alphabets block: a form byte, then for form 0 the 32 mask bytes, for form 1 its runs -
     * the lengths of the alternating runs of absent and present values from value 0 up, each a byte: the
     * first (absent, possibly empty) run's length, then every later run's length - 1, until 256 values are
     * covered. The writer keeps the shorter form (a photo's range of values costs a few bytes).
     */
    static void writeMask(HeaderWriter out, byte[] mask) {
        HeaderWriter runs = new HeaderWriter();
        int v = 0;
        boolean present = false;
        while (v < 256) {
            int start = v;
            while (v < 256 && isSet(mask, v) == present) {
                v++;
            }
            runs.u8(start == 0 && !present ? v : v - start - 1);
            present = !present;
        }
        if (runs.size() < 32) {
            out.u8(MASK_RUNS).bytes(runs.toByteArray());
        } else {
            out.u8(MASK_BITS).bytes(mask);
        }
    }

    static byte[] readMask(HeaderReader in) throws FormatException {
        int form = in.u8();
        byte[] mask;
        if (form == MASK_BITS) {
            mask = in.bytes(32);
        } else {
            HeaderReader.verify(form == MASK_RUNS, "mask form " + form);
            mask = new byte[32];
            int v = in.u8();                     // the first run: absent values
            boolean present = true;
            while (v < 256) {
                int length = in.u8() + 1;
                HeaderReader.verify(v + length <= 256, "mask runs beyond value 255");
                if (present) {
                    for (int k = v; k < v + length; k++) {
                        mask[k >>> 3] |= (byte) (1 << (k & 7));
                    }
                }
                v += length;
                present = !present;
            }
        }
        HeaderReader.verify(!LcFormat.isEmpty(mask), "empty alphabet");
        return mask;
    }

    static final int MASK_BITS = 0;
    static final int MASK_RUNS = 1;

    private static boolean isSet(byte[] mask, int v) {
        return (mask[v >>> 3] & (1 << (v & 7))) != 0;
    }

    /** Colour i of a colour set as one unsigned integer, its channels' bytes big-endian. */
    static long packed(byte[] set, int i, int channels) {
        long v = 0;
        for (int c = 0; c < channels; c++) {
            v = v << 8 | (set[i * channels + c] & 0xFF);
        }
        return v;
    }
}
