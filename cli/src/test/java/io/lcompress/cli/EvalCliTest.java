package io.lcompress.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14, problem 7: eval's table and its JSON use the same names for the same figures. */
class EvalCliTest {
    @TempDir
    Path dir;

    /** Every field scripts read, with its meaning unchanged (checked below), on images and the total. */
    static final List<String> IMAGE_FIELDS = List.of("image", "width", "height", "channels", "subpixels",
            "model_bits", "model_bpsp", "payload_bits", "file_bytes", "bpsp", "png_bytes", "png_bpsp",
            "encode_seconds");

    Path twoPhotos() throws Exception {
        Path photos = Files.createDirectory(dir.resolve("photos"));
        Files.copy(CliTest.photo(), photos.resolve("a.png"));
        Files.copy(CliTest.photo().resolveSibling("astronaut-crop.png"), photos.resolve("b.png"));
        return photos;
    }

    static List<JsonNode> json(CliTest.Run r) throws Exception {
        assertEquals(0, r.code(), r.err());
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            out.add(new ObjectMapper().readTree(line));
        }
        return out;
    }

    @Test
    void jsonKeepsItsFieldsAndTheTotalHasTheSameFigures() throws Exception {
        Path photos = twoPhotos();
        CliTest.Run r = CliTest.run("eval", "--json", "--verify", "--model", "fast", photos.toString());
        List<JsonNode> objects = json(r);
        assertEquals(3, objects.size(), r.out());
        long subpixels = 0;
        long fileBytes = 0;
        double modelBits = 0;
        for (JsonNode o : objects.subList(0, 2)) {
            for (String k : IMAGE_FIELDS) {
                assertTrue(o.has(k), "missing " + k + ": " + o);
            }
            long sub = o.get("subpixels").asLong();
            assertEquals(o.get("width").asLong() * o.get("height").asLong() * o.get("channels").asLong(), sub);
            // bpsp is the file's, model_bpsp the model's
            assertEquals(o.get("file_bytes").asLong() * 8.0 / sub, o.get("bpsp").asDouble(), 1e-6);
            assertEquals(o.get("model_bits").asDouble() / sub, o.get("model_bpsp").asDouble(), 1e-6);
            assertEquals(o.get("png_bytes").asLong() * 8.0 / sub, o.get("png_bpsp").asDouble(), 1e-6);
            assertEquals("exact", o.get("round_trip").asText());
            subpixels += sub;
            fileBytes += o.get("file_bytes").asLong();
            modelBits += o.get("model_bits").asDouble();
        }
        JsonNode total = objects.get(2);
        assertEquals("TOTAL", total.get("image").asText());
        assertEquals(2, total.get("images").asInt());
        assertEquals(subpixels, total.get("subpixels").asLong());
        assertEquals(fileBytes, total.get("file_bytes").asLong());
        assertEquals(modelBits, total.get("model_bits").asDouble(), 0.01);
        double bpsp = total.get("model_bpsp").asDouble();
        assertEquals(fileBytes * 8.0 / subpixels, total.get("bpsp").asDouble(), 1e-6);
        // the figures the total used to drop
        assertEquals(bpsp * Math.log(2), total.get("nats_per_subpixel").asDouble(), 1e-5);
        assertEquals(Math.pow(2, bpsp), total.get("perplexity").asDouble(), 1e-3);
        assertEquals(100.0 * (total.get("payload_bits").asDouble() / total.get("model_bits").asDouble() - 1),
                total.get("overhead_pct").asDouble(), 1e-4);
        assertTrue(total.has("encode_seconds") && total.has("decode_seconds"), total.toString());
    }

    @Test
    void jsonNumbersAreNeverInENotation() throws Exception {
        CliTest.Run r = CliTest.run("eval", "--json", "--model", "fast", CliTest.photo().toString());
        assertEquals(0, r.code(), r.err());
        // a digit followed by E and an exponent, outside strings: 4.4E-4, 1.0E7
        String numbersOnly = r.out().replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        assertFalse(numbersOnly.matches("(?s).*\\d[eE][-+]?\\d.*"), r.out());
        for (JsonNode o : json(r)) {
            assertTrue(o.get("overhead_pct").isNumber(), o.toString());
            assertTrue(Math.abs(o.get("overhead_pct").asDouble()) < 1, o.toString());
        }
    }

    @Test
    void roundingWritesPlainDecimals() {
        assertEquals("0.00044", EvalCommand.round(4.4e-4, 5).toPlainString());
        assertEquals("12000000", EvalCommand.round(1.2e7, 3).toPlainString());
        assertEquals("-0.00012", EvalCommand.round(-1.2e-4, 5).toPlainString());
        assertEquals(null, EvalCommand.round(Double.NaN, 3));
    }

    /** Table columns: label -> value, with the image in the last column. */
    static List<String[]> table(CliTest.Run r) {
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            if (!line.startsWith("model: ")) {
                rows.add(line.strip().split("\\s+"));
            }
        }
        return rows;
    }

    @Test
    void tableHeadersAreTheJsonFieldsWithTheSameValues() throws Exception {
        Path photos = twoPhotos();
        List<JsonNode> objects = json(CliTest.run("eval", "--json", "--verify", "--model", "fast", photos.toString()));
        List<String[]> rows = table(CliTest.run("eval", "--verify", "--model", "fast", photos.toString()));
        String[] header = rows.get(0);
        assertEquals("image", header[header.length - 1], Arrays.toString(header));
        assertEquals(List.of("size", "subpixels", "model", "model_bits", "model_bpsp", "nats_per_subpixel", "perplexity",
                "payload_bits", "overhead_pct", "bpsp", "png_bpsp", "encode_seconds", "decode_seconds",
                "round_trip", "image"), List.of(header));
        assertEquals(4, rows.size(), "header, two images, total");
        for (int i = 0; i < 3; i++) {
            String[] row = rows.get(i + 1);
            JsonNode o = objects.get(i);
            if (i < 2) {
                assertEquals(o.get("image").asText(), row[row.length - 1]);
                assertEquals(o.get("width") + "x" + o.get("height") + "x" + o.get("channels"), row[0]);
            } else {
                assertTrue(String.join(" ", row).endsWith("TOTAL (2 images)"), String.join(" ", row));
            }
            int from = i < 2 ? 1 : 0;       // the total row has no size
            for (int c = 1; c < header.length - 1; c++) {
                String label = header[c];
                JsonNode v = o.get(label);
                assertNotNull(v, "column " + label + " is not a JSON field of " + o);
                String cell = row[c - 1 + from];
                if (v.isNumber()) {
                    double tolerance = label.endsWith("_seconds") ? 1e9 : label.equals("model_bits") ? 0.5 : 1e-3;
                    assertEquals(v.asDouble(), Double.parseDouble(cell), tolerance, label + " of " + o);
                } else {
                    assertEquals(v.asText(), cell, label);
                }
            }
        }
    }

    @Test
    void oneImageIsCountedInTheSingular() throws Exception {
        List<String[]> rows = table(CliTest.run("eval", "--model", "fast", CliTest.photo().toString()));
        String total = String.join(" ", rows.get(rows.size() - 1));
        assertTrue(total.endsWith("TOTAL (1 image)"), total);
    }
}
