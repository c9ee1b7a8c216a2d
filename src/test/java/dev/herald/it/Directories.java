package dev.herald.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** File-system chores of the tests that start Herald's jar on a data directory of their own. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything under it, if it exists: each run starts from nothing. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
