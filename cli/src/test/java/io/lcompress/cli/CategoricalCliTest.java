package io.lcompress.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lcompress.codec.model.neural.CategoricalPixelModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The categorical family through the commands: built in, as a FILE.lcw, and where it is refused. */
class CategoricalCliTest {
    @TempDir
    Path dir;

    /** A crop the categorical network codes better than the PNG's own stream (coffee-crop: not). */
    private static Path photo() {
        return CliTest.photo().resolveSibling("chelsea-crop.png");
    }

    private Path lcw() throws Exception {
        Path f = dir.resolve("cat.lcw");
        try (InputStream in = CategoricalPixelModel.class.getResourceAsStream(CategoricalPixelModel.RESOURCE)) {
            Files.write(f, in.readAllBytes());
        }
        return f;
    }

    @Test
    void evalReportsTheCodedBitsOfTheCategoricalModel() throws Exception {
        for (String model : new String[]{"categorical", lcw().toString()}) {
            CliTest.Run r = CliTest.run("eval", "-q", "--json", "--model", model, photo().toString());
            assertEquals(0, r.code(), r.err());
            String[] lines = r.out().strip().split("\n");
            JsonNode o = new ObjectMapper().readTree(lines[0]);
            double modelBits = o.get("model_bits").asDouble();
            long payload = o.get("payload_bits").asLong();
            assertTrue(modelBits > 0 && Math.abs(payload - modelBits) <= 64 + 1e-4 * modelBits,
                    model + ": model " + modelBits + " vs payload " + payload);
            assertEquals(model.endsWith(".lcw") ? "cat.lcw" : "categorical", o.get("model").asText(), r.out());
        }
    }

    @Test
    void encodesAndDecodesWithACategoricalWeightFile() throws Exception {
        Path lcw = lcw();
        Path lc = dir.resolve("c.lc");
        Path png = dir.resolve("back.png");
        CliTest.Run e = CliTest.run("encode", "-q", "--model", lcw.toString(), photo().toString(), "-o", lc.toString());
        assertEquals(0, e.code(), e.err());
        CliTest.Run d = CliTest.run("decode", "-q", "--model", lcw.toString(), lc.toString(), "-o", png.toString());
        assertEquals(0, d.code(), d.err());
        var a = io.lcompress.codec.image.PngIO.read(photo());
        var b = io.lcompress.codec.image.PngIO.read(png);
        assertArrayEquals(a.samples().samples(), b.samples().samples());
    }

    @Test
    void dequantizedRefusesACategoricalNetworkInOneLine() throws Exception {
        for (String model : new String[]{"categorical", lcw().toString()}) {
            CliTest.Run r = CliTest.run("eval", "--model", model, "--dequantized", photo().toString());
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("lcompress: --dequantized reads a network's logistic mixture"), r.err());
            assertTrue(r.err().contains("gives frequencies (a categorical or Bernoulli head)"), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void aCorruptCategoricalFileIsOneLine() throws Exception {
        Path lcw = lcw();
        byte[] b = Files.readAllBytes(lcw);
        b[9] = 5;   // K = 5 with the categorical head
        Files.write(lcw, b);
        CliTest.Run r = CliTest.run("eval", "--model", lcw.toString(), photo().toString());
        CliTest.assertOneLineError(r);
        assertTrue(r.err().contains("bad model file"), r.err());
    }
}
