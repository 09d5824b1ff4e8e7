package io.lcompress.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Expands command-line paths: files as given, folders to their *.png files (recursive, sorted). */
final class ImageInputs {
    private ImageInputs() {
    }

    static List<Path> expand(List<Path> paths) throws IOException, UserException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                            .sorted()
                            .forEach(out::add);
                }
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new UserException("no such file: " + p);
            }
        }
        if (out.isEmpty()) {
            throw new UserException("no PNG images found in "
                    + String.join(", ", paths.stream().map(Path::toString).toList()));
        }
        return out;
    }
}
