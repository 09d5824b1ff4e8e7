package io.lcompress.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code eval --dequantized}: the network's mixture as bin masses and as a density, through the command. */
class EvalDequantizedCliTest {
    static final List<String> FIELDS = List.of("discrete_bpsp", "dequantized_bpsp", "dequantization_gap_bpsp");

    @Test
    void neuralReportsDiscreteDequantizedAndGap() throws Exception {
        CliTest.Run r = CliTest.run("eval", "-q", "--model", "neural", "--dequantized", "--samples", "16", "--json",
                CliTest.photo().toString());
        List<JsonNode> objects = EvalCliTest.json(r);
        assertEquals(2, objects.size(), r.out());
        for (JsonNode o : objects) {
            for (String k : FIELDS) {
                assertTrue(o.has(k) && o.get(k).isNumber(), "missing " + k + ": " + o);
            }
            double model = o.get("model_bpsp").asDouble();
            double discrete = o.get("discrete_bpsp").asDouble();
            double dequantized = o.get("dequantized_bpsp").asDouble();
            double gap = o.get("dequantization_gap_bpsp").asDouble();
            // the continuous bin masses against the coder's integer frequencies (with its chroma stage)
            assertEquals(model, discrete, 0.02, o.toString());
            assertEquals(dequantized - discrete, gap, 2e-6);
            assertTrue(gap >= 0, o.toString());
        }
        assertEquals("TOTAL", objects.get(1).get("image").asText());
        assertEquals(objects.get(0).get("discrete_bpsp").asDouble(), objects.get(1).get("discrete_bpsp").asDouble(),
                1e-6);
    }

    @Test
    void theTableHasTheColumns() {
        CliTest.Run r = CliTest.run("eval", "-q", "--model", "narrow", "--dequantized", "--samples", "1",
                CliTest.photo().toString());
        assertEquals(0, r.code(), r.err());
        for (String k : FIELDS) {
            assertTrue(r.out().contains(" " + k + " "), r.out());
        }
    }

    @Test
    void mixersAndTheFastModelAreRefused() {
        for (String model : List.of("default", "neural-mix", "fast")) {
            CliTest.Run r = CliTest.run("eval", "--model", model, "--dequantized", CliTest.photo().toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--model neural, narrow or FILE.lcw"), r.err());
            assertEquals("", r.out());
        }
        CliTest.Run r = CliTest.run("eval", "--model", "neural", "--dequantized", "--samples", "0",
                CliTest.photo().toString());
        assertEquals(2, r.code(), r.err());
    }

    @Test
    void imagesOtherThanTheNetworksChannelsAreRefusedByName() {
        java.nio.file.Path grey = CliTest.photo().resolveSibling("pngsuite").resolve("basn0g08.png");
        CliTest.Run r = CliTest.run("eval", "-q", "--model", "neural", "--dequantized", grey.toString());
        assertEquals(Main.EXIT_FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("--dequantized takes 8-bit RGB images"), r.err());
    }
}
