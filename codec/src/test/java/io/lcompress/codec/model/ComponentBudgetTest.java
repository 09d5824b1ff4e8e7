package io.lcompress.codec.model;

import io.lcompress.codec.mixture.ComponentBudget;
import io.lcompress.codec.mixture.ComponentBudget.Mixing;
import io.lcompress.codec.mixture.LogisticMixture;
import io.lcompress.codec.model.neural.NeuralPixelModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The component budget as stated, and the shipped models within it. */
class ComponentBudgetTest {
    @Test
    void budgetAsStated() {
        assertEquals(24, ComponentBudget.TOTAL);
        assertEquals(4, ComponentBudget.STAGE);
        assertEquals(20, ComponentBudget.MODEL);
        assertEquals(ComponentBudget.TOTAL, LogisticMixture.MAX_COMPONENTS);
        assertEquals(ComponentBudget.TOTAL, new LogisticMixture().logit.length);
        assertEquals(16, Mixing.ALONE.maxNetworkComponents());
        assertEquals(16, Mixing.LEAN.maxNetworkComponents());
        assertEquals(9, Mixing.THREE_EXPERT.maxNetworkComponents());
        assertEquals(19, Mixing.THREE_EXPERT.components(9));
        assertEquals(21, Mixing.THREE_EXPERT.components(10));
        assertNull(Mixing.THREE_EXPERT.overBudget(9));
        String m = Mixing.THREE_EXPERT.overBudget(12);
        assertNotNull(m);
        assertTrue(m.contains("K=12") && m.contains("25") && m.contains("at most K=9"), m);
    }

    /** Every built-in model's mixtures fit what the stages keep, so nothing is ever truncated for them. */
    @Test
    void shippedModelsFit() {
        assertFalse(ModelRegistry.builtIns().isEmpty());
        for (PixelModel m : ModelRegistry.builtIns()) {
            assertTrue(m.maxComponents() <= ComponentBudget.MODEL, m.name() + ": " + m.maxComponents());
            if (m instanceof NeuralPixelModel n) {
                // the strictest mixer that uses a shipped network is the three-expert one (default)
                assertTrue(n.components() <= Mixing.THREE_EXPERT.maxNetworkComponents(), m.name());
            }
        }
        ModelRegistry.byName("default").ifPresent(m -> assertEquals(11, m.maxComponents()));
        ModelRegistry.byName("neural-mix").ifPresent(m -> assertEquals(6, m.maxComponents()));
        ModelRegistry.byName("narrow-mix").ifPresent(m -> assertEquals(6, m.maxComponents()));
        assertEquals(1, ModelRegistry.fast().maxComponents());
    }
}
