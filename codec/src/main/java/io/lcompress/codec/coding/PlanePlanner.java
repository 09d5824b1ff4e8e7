package io.lcompress.codec.coding;

import io.lcompress.codec.coding.stage.CdfCalibration;
import io.lcompress.codec.coding.stage.ChromaSpikes;
import io.lcompress.codec.coding.stage.StagedModel;
import io.lcompress.codec.container.ConstantPlane;
import io.lcompress.codec.container.CopyPlane;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.LowBytePlane;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.container.Plane;
import io.lcompress.codec.container.Stripes;
import io.lcompress.codec.container.WidenedLowBytes;
import io.lcompress.codec.image.PngSource;
import io.lcompress.codec.mixture.Alphabet;
import io.lcompress.codec.mixture.ColourSet;
import io.lcompress.codec.model.ModelRegistry;
import io.lcompress.codec.model.FrequencyModel;
import io.lcompress.codec.model.PixelModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups an image's coded channels into planes from what the {@link Survey} found: the colour through
 * the chosen pixel model, or the model {@link #fallback} gives when it cannot code the plane (grey stored
 * as RGB as one channel and a copy; a colour set when few colours occur); alpha as a constant or through {@code fast}; the low bytes of 16-bit images as a widened 8-bit
 * image's, or predicted from the neighbours.
 */
final class PlanePlanner {
    private PlanePlanner() {
    }

    /** A plane as the encoder plans it: its container description and how to code it. */
    record Plan(Plane plane, PixelModel model, Alphabet[] alphabets, ColourSet colours) {
        boolean hasStripes() {
            return plane.stripes() != null;
        }

        int first() {
            return plane.firstChannel();
        }

        int channels() {
            return plane.channels();
        }

        int stages() {
            return plane instanceof ModelPlane m ? m.stages() : 0;
        }

        /** The plane with its payload's stripes. */
        Plane withStripes(Stripes s) {
            if (plane instanceof ModelPlane m) {
                return m.withStripes(s);
            }
            if (plane instanceof LowBytePlane l) {
                return l.withStripes(s);
            }
            return plane;
        }
    }

    /** Most colours worth signalling: the set costs up to 8 x channels bits a colour in the header. */
    static int colourSetLimit(long pixels) {
        return (int) Math.min(ColourSet.MAX_COLOURS, pixels / 64);
    }

    static List<Plan> plan(Survey s, PixelModel level, boolean hasLow, int stripes) {
        PixelModel main = ColourSetChoice.resolve(level, false);
        List<Plan> plans = new ArrayList<>();
        PixelModel fast = ModelRegistry.fast();
        if (s.colour == 3 && !hasLow && s.grey) {
            Alphabet[] a = s.alphabets(0, 1);
            plans.add(model(colourModel(main, a), 0, 1, a, null, stripes));
            plans.add(new Plan(new CopyPlane(1, 2, 0), null, null, null));
        } else {
            Alphabet[] a = s.alphabets(0, s.colour);
            ColourSet colours = s.colourSet();
            PixelModel chosen = colours == null ? main : ColourSetChoice.resolve(level, true);
            PixelModel m = colours == null ? colourModel(main, a)
                    : chosen.supportsChannels(s.colour) ? chosen : fallback(chosen, s.colour);
            if (m instanceof FrequencyModel f && !f.supportsAlphabets(a)) {
                m = fallback(chosen, s.colour);
            }
            plans.add(model(m, 0, s.colour, a, colours, stripes));
        }
        if (s.alpha) {
            if (s.alphaValue >= 0) {          // 16-bit: the low-byte plane carries alpha's low bytes
                plans.add(new Plan(new ConstantPlane(s.colour, s.alphaValue), null, null, null));
            } else {
                plans.add(model(fast, s.colour, 1, s.alphabets(s.colour, 1), null, stripes));
            }
        }
        if (hasLow) {
            Plane low = s.lowRepeatsHigh ? new WidenedLowBytes(WidenedLowBytes.REPEAT_HIGH, s.coded)
                    : s.lowZero ? new WidenedLowBytes(WidenedLowBytes.ZERO, s.coded)
                    : new LowBytePlane(true, s.coded, Stripes.empty(stripes));
            plans.add(new Plan(low, null, null, null));
        }
        return plans;
    }

    /**
     * The model of the colour plane with these alphabets: {@code bilevel} (when its weights are present)
     * for a single channel of exactly two levels, unless {@code main} is itself a frequency model that
     * takes the plane; else {@code main} when it supports the plane, else {@link #fallback}'s model.
     */
    static PixelModel colourModel(PixelModel main, Alphabet[] alphabets) {
        if (alphabets.length == 1 && alphabets[0].size() == 2
                && !(main instanceof FrequencyModel f && f.supportsAlphabets(alphabets))) {
            java.util.Optional<PixelModel> bilevel = ModelRegistry.bilevel();
            if (bilevel.isPresent()) {
                return bilevel.get();
            }
        }
        if (!main.supportsChannels(alphabets.length)
                || main instanceof FrequencyModel f && !f.supportsAlphabets(alphabets)) {
            return fallback(main, alphabets.length);
        }
        return main;
    }

    /**
     * The model in place of one that cannot code a plane of {@code channels} channels: the built-in model
     * among its mixed-in experts that can ({@link ModelRegistry#fallbackFor}: {@code fast-ols} for
     * {@code neural-ols}, {@code ols-pair} for {@code wide-ols}), else {@code fast}; with the stages of
     * {@code main}.
     */
    static PixelModel fallback(PixelModel main, int channels) {
        if (main instanceof StagedModel s) {
            return new StagedModel(ModelRegistry.fallbackFor(s.inner(), channels), s.stages());
        }
        return ModelRegistry.fallbackFor(main, channels);
    }

    /**
     * A model plane with its stages: colour copy with a colour set, else chroma repeat (version 2,
     * {@link ChromaSpikes}, since 2026-12-03; version 3, with near spikes, when the level asks for it) for planes of 3 or 4 channels; none for a {@link FrequencyModel} (the stages rework mixtures); and for a
     * {@link StagedModel}, whose inner model the plane then names, its stages that apply: CDF calibration (either version),
     * and the colour histogram with a colour set.
     */
    private static Plan model(PixelModel m, int first, int channels, Alphabet[] alphabets, ColourSet colours,
                              int stripes) {
        int stages = m instanceof FrequencyModel ? 0
                : colours != null ? ModelPlane.STAGE_COLOUR_COPY
                : ChromaSpikes.appliesTo(channels) ? ModelPlane.STAGE_CHROMA_SPIKES : 0;
        if (m instanceof StagedModel staged) {
            m = staged.inner();
            stages |= staged.stages() & (colours != null
                    ? CdfCalibration.STAGE_BITS | ModelPlane.STAGE_COLOUR_HISTOGRAM : CdfCalibration.STAGE_BITS);
            if ((stages & ModelPlane.STAGE_CHROMA_SPIKES) != 0
                    && (staged.stages() & ModelPlane.STAGE_CHROMA_NEAR_SPIKES) != 0) {
                stages = stages & ~ModelPlane.STAGE_CHROMA_SPIKES | ModelPlane.STAGE_CHROMA_NEAR_SPIKES;
            }
        }
        byte[][] masks = new byte[channels][];
        if (colours == null) {
            for (int c = 0; c < channels; c++) {
                masks[c] = alphabets[c].isFull() ? null : alphabets[c].mask();
            }
        }
        ModelPlane plane = new ModelPlane(first, channels, m.fingerprint(), m.name(), masks,
                colours == null ? null : colours.toBytes(), stages, Stripes.empty(stripes));
        return new Plan(plane, m, alphabets, colours);
    }

    /** The header for the plans, with the planes' stripes as given (null for planes without). */
    static LcHeader header(PngSource src, Survey s, List<Plan> plans, int stripeRows, Stripes[] stripes) {
        List<Plane> planes = new ArrayList<>();
        for (int p = 0; p < plans.size(); p++) {
            Plan plan = plans.get(p);
            planes.add(plan.hasStripes() ? plan.withStripes(stripes[p]) : plan.plane());
        }
        return new LcHeader(src.width(), src.height(), src.colorType(), src.bitDepth(), src.interlaced(),
                src.palette(), s.paletteMode, stripeRows, planes, s.crc.value(), Chunks.toKept(src.chunks()));
    }
}
