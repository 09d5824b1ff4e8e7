package io.lcompress.codec.coding;

import io.lcompress.codec.TestImages;
import io.lcompress.codec.container.LcHeader;
import io.lcompress.codec.container.ConstantPlane;
import io.lcompress.codec.container.CopyPlane;
import io.lcompress.codec.container.ModelPlane;
import io.lcompress.codec.container.Plane;
import io.lcompress.codec.image.PngImage;
import io.lcompress.codec.image.Raster;
import io.lcompress.codec.model.ModelRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encoder's independent check refuses every false structural claim a planner could make. */
class HeaderClaimsTest {
    /** RGBA, grey in colour, constant alpha: a copy plane and a constant plane. */
    static PngImage greyWithOpaqueAlpha() {
        Raster r = new Raster(20, 10, 4);
        for (int p = 0; p < 200; p++) {
            int v = (p * 13) % 200;
            r.samples()[4 * p] = r.samples()[4 * p + 1] = r.samples()[4 * p + 2] = (byte) v;
            r.samples()[4 * p + 3] = (byte) 255;
        }
        return PngImage.of(r);
    }

    /** {@code h} with every plane of type {@code kind} replaced by {@code change} of it. */
    @SuppressWarnings("unchecked")
    static <P extends Plane> LcHeader withPlane(LcHeader h, Class<P> kind, UnaryOperator<P> change) {
        List<Plane> planes = new ArrayList<>();
        boolean found = false;
        for (Plane p : h.planes()) {
            if (kind.isInstance(p)) {
                found = true;
                planes.add(change.apply((P) p));
            } else {
                planes.add(p);
            }
        }
        assertTrue(found, "no " + kind.getSimpleName() + " in " + h.planes());
        return new LcHeader(h.width(), h.height(), h.colorType(), h.bitDepth(), h.interlaced(), h.palette(),
                h.paletteMode(), h.stripeRows(), planes, h.pixelCrc(), h.chunks(), h.pngStreamBytes());
    }

    @Test
    void trueClaimsPass() {
        PngImage img = greyWithOpaqueAlpha();
        // a 20 x 10 image is stored as a PNG stream: the claims checked are those of the planned planes
        assertTrue(LcCodec.encode(img, ModelRegistry.fast(), 1).header().isPngStream());
        LcHeader planned = PlannedHeader.of(img, ModelRegistry.fast());
        assertDoesNotThrow(() -> HeaderClaims.verify(planned, CodedImage.of(img), img));
    }

    @Test
    void falseClaimsAreCaught() {
        PngImage img = greyWithOpaqueAlpha();
        CodedImage coded = CodedImage.of(img);
        LcHeader h = PlannedHeader.of(img, ModelRegistry.fast());
        List<LcHeader> lies = List.of(
                withPlane(h, ConstantPlane.class, p -> new ConstantPlane(p.firstChannel(), 254)),
                withPlane(h, ConstantPlane.class, p -> new ConstantPlane(2, 255)),   // channel 2 twice, 3 never
                withPlane(h, CopyPlane.class, p -> new CopyPlane(1, 2, 3)),          // copies alpha
                withPlane(h, ModelPlane.class, p -> {
                    byte[] mask = new byte[32];
                    mask[0] = 1;                                                     // only value 0
                    return new ModelPlane(p.firstChannel(), p.channels(), p.fingerprint(), p.modelName(),
                            new byte[][]{mask}, null, p.stages(), p.stripes());
                }));
        for (LcHeader lie : lies) {
            HeaderClaims.ContradictionException e = assertThrows(HeaderClaims.ContradictionException.class,
                    () -> HeaderClaims.verify(lie, coded, img));
            assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
        }
    }

    @Test
    void colourSetMustHoldEveryColour() {
        Raster r = new Raster(16, 16, 3);
        for (int i = 0; i < r.samples().length; i++) {
            r.samples()[i] = (byte) (i % 7 == 0 ? 200 : 10);
        }
        PngImage img = PngImage.of(r);
        LcHeader h = PlannedHeader.of(img, ModelRegistry.fast());
        assertTrue(h.mainPlane().colourSet() != null, "few colours: a colour set");
        LcHeader lie = withPlane(h, ModelPlane.class, p -> new ModelPlane(p.firstChannel(), p.channels(),
                p.fingerprint(), p.modelName(), p.alphabetMasks(), java.util.Arrays.copyOf(p.colourSet(), 3),
                p.stages(), p.stripes()));
        assertThrows(HeaderClaims.ContradictionException.class, () -> HeaderClaims.verify(lie, CodedImage.of(img), img));
    }

    @Test
    void codedChannelsMustMapBackToThePng() {
        PngImage img = TestImages.read(TestImages.photos().get(0));
        LcHeader h = LcCodec.encode(img, ModelRegistry.fast(), 1).header();
        // the same header over other pixels (a stale plan) is caught by the mapping check or a claim
        Raster other = new Raster(img.width(), img.height(), 3);
        PngImage otherImg = PngImage.of(other);
        assertThrows(HeaderClaims.ContradictionException.class, () -> HeaderClaims.verify(h, CodedImage.of(img), otherImg));
    }
}
