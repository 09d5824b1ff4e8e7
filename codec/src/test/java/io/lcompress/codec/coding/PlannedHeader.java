package io.lcompress.codec.coding;

import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.Stripes;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.PngSource;
import io.lcompress.codec.model.PixelModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * For tests of the planner: the header of planes the encoder plans for an image (the one it writes unless
 * the PNG's own deflate stream is smaller, which small images often are), its stripes still empty.
 */
public final class PlannedHeader {
    private PlannedHeader() {
    }

    public static LcHeader of(PngImage img, PixelModel model) {
        try {
            PngSource src = PngSource.of(img);
            int stripeRows = LcCodec.defaultStripeRows(img.width(), img.height());
            int stripes = LcHeader.stripesFor(img.height(), stripeRows);
            Survey survey = new Survey(src);
            src.blocks(stripeRows, survey);
            List<PlanePlanner.Plan> plans = PlanePlanner.plan(survey, model, img.bitDepth() == 16, stripes);
            Stripes[] empty = new Stripes[plans.size()];
            java.util.Arrays.fill(empty, Stripes.empty(stripes));
            return PlanePlanner.header(src, survey, plans, stripeRows, empty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);       // an image in memory reads without I/O errors
        }
    }
}
