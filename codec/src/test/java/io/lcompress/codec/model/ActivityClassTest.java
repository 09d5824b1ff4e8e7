package io.lcompress.codec.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The table lookup of the activity classes agrees with their definition (the bounds searched in order). */
class ActivityClassTest {
    @Test
    void tableAgreesWithTheBoundsEverywhere() {
        for (int a = -3; a < 5000; a++) {
            assertEquals(FastPixelModel.activityClass(a), FastPixelModel.activityClassOf(a), "sum " + a);
        }
        assertEquals(FastPixelModel.activityClass(Integer.MAX_VALUE), FastPixelModel.activityClassOf(Integer.MAX_VALUE));
        assertEquals(15, FastPixelModel.activityClassOf(231));
        assertEquals(14, FastPixelModel.activityClassOf(230));
        assertEquals(0, FastPixelModel.activityClassOf(0));
    }
}
