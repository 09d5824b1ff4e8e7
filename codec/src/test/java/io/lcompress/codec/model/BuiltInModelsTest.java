package io.lcompress.codec.model;

import io.lcompress.codec.container.BuiltInModels;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Version 4 names built-in models by a one-byte id whose fingerprint is fixed forever: every model of
 * the registry has an id, and each id's fingerprint is what that model computes from its weights (a
 * change of weights or algorithm must get a new id, never a silently different meaning of an old one).
 */
class BuiltInModelsTest {
    @Test
    void everyBuiltInModelHasAnIdWithItsFingerprint() {
        for (PixelModel m : ModelRegistry.builtIns()) {
            var id = BuiltInModels.byModel(m.fingerprint(), m.name());
            assertTrue(id.isPresent(), m.name() + " (" + ModelRegistry.hex(m.fingerprint())
                    + ") has no id in BuiltInModels: give it a new one");
        }
        for (BuiltInModels.Id id : BuiltInModels.TABLE) {
            PixelModel m = ModelRegistry.byName(id.name()).orElseThrow();
            assertEquals(id.fingerprint(), m.fingerprint(), "id " + id.id() + " names " + id.name()
                    + " with another fingerprint than the model computes");
        }
    }

    @Test
    void idsAreUniqueAndNeverZero() {
        Set<Integer> seen = new HashSet<>();
        for (BuiltInModels.Id id : BuiltInModels.TABLE) {
            assertTrue(id.id() > BuiltInModels.CUSTOM && id.id() < 256 && seen.add(id.id()), "id " + id.id());
        }
    }
}
