package io.lcompress.codec.container;

/**
 * One coded plane of an {@code .lc} file: a group of channels of one byte layer of the image and how
 * they are stored (docs/FORMAT.md).
 *
 * @param kind           {@link #MODEL}, {@link #CONSTANT}, {@link #COPY} or {@link #LOW_BYTES}
 * @param firstChannel   first coded channel of the group
 * @param channels       number of channels in the group
 * @param fingerprint    MODEL: the pixel model's fingerprint (0 otherwise)
 * @param modelName      MODEL: its name, for messages ("" otherwise)
 * @param alphabetMasks  MODEL: per channel a 32-byte mask of the values that occur, or null for all 256
 * @param colourSet      MODEL: the image's distinct colours ({@code channels} bytes each, ascending) when
 *                       the channels are restricted by colour (see ColourSet); null otherwise
 * @param value          CONSTANT: the value of every sample; COPY: the source channel
 * @param stripeMethods  MODEL and LOW_BYTES: per stripe {@link #STRIPE_CODED} or {@link #STRIPE_RAW}
 * @param stripeLengths  MODEL and LOW_BYTES: payload bytes of each stripe
 * @param tools          MODEL: coding tools on top of the model, a set of {@code TOOL_*} bits (format
 *                       version 2; always 0 in version 1 files)
 */
public record PlaneHeader(int kind, int firstChannel, int channels, long fingerprint, String modelName,
                          byte[][] alphabetMasks, byte[] colourSet, int value, byte[] stripeMethods, int[] stripeLengths,
                          int tools) {
    /** Channels 1 and 2 get sharp components at the neighbours' channel differences (ChromaRepeatPredictor). */
    public static final int TOOL_CHROMA_REPEAT = 1;
    /** Every tool bit this version knows. */
    public static final int KNOWN_TOOLS = TOOL_CHROMA_REPEAT;

    /** A plane without coding tools. */
    public PlaneHeader(int kind, int firstChannel, int channels, long fingerprint, String modelName,
                       byte[][] alphabetMasks, byte[] colourSet, int value, byte[] stripeMethods, int[] stripeLengths) {
        this(kind, firstChannel, channels, fingerprint, modelName, alphabetMasks, colourSet, value, stripeMethods,
                stripeLengths, 0);
    }

    /** Samples arithmetic-coded with a pixel model. */
    public static final int MODEL = 0;
    /** Every sample of the channel has the same value (e.g. an opaque alpha channel). */
    public static final int CONSTANT = 1;
    /** The channels repeat another channel (grey stored as RGB). */
    public static final int COPY = 2;
    /** Low bytes of 16-bit samples, coded with an adaptive binary model conditioned on the high byte. */
    public static final int LOW_BYTES = 3;

    public static final byte STRIPE_CODED = 0;
    public static final byte STRIPE_RAW = 1;

    public boolean hasStripes() {
        return kind == MODEL || kind == LOW_BYTES;
    }

    public long payloadBytes() {
        long sum = 0;
        if (stripeLengths != null) {
            for (int l : stripeLengths) {
                sum += l;
            }
        }
        return sum;
    }

    public static PlaneHeader constant(int channel, int value) {
        return new PlaneHeader(CONSTANT, channel, 1, 0, "", null, null, value, null, null);
    }

    public static PlaneHeader copy(int firstChannel, int channels, int source) {
        return new PlaneHeader(COPY, firstChannel, channels, 0, "", null, null, source, null, null);
    }

    public static String kindName(int kind) {
        return switch (kind) {
            case MODEL -> "model";
            case CONSTANT -> "constant";
            case COPY -> "copy";
            case LOW_BYTES -> "low-bytes";
            default -> "kind " + kind;
        };
    }
}
