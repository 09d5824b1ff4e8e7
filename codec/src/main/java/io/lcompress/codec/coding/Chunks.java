package io.lcompress.codec.coding;

import io.lcompress.codec.container.KeptChunk;
import io.lcompress.codec.image.PngChunk;

import java.util.List;

/** The PNG's other chunks between the PNG side ({@link PngChunk}) and the container ({@link KeptChunk}). */
final class Chunks {
    private Chunks() {
    }

    static List<KeptChunk> toKept(List<PngChunk> chunks) {
        return chunks.stream().map(c -> new KeptChunk(c.position(), c.type(), c.data())).toList();
    }

    static List<PngChunk> toPng(List<KeptChunk> chunks) {
        return chunks.stream().map(c -> new PngChunk(c.position(), c.type(), c.data())).toList();
    }
}
