package dev.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * persistence.xml lists Herald's entities instead of letting Hibernate scan for them: an entity
 * left out would fail at its first query on a running server, so every compiled class that is an
 * entity or a converter must be listed, and nothing else.
 */
class PersistenceUnitClassesTest {
    @Test
    void listsEveryEntityAndConverter() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target", "classes");
        Set<String> annotated = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes.resolve("dev/herald"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = classes.relativize(file).toString();
                if (!name.endsWith(".class")) {
                    continue;
                }
                Class<?> type = Class.forName(name.substring(0, name.length() - 6).replace('/', '.').replace('\\', '.'),
                        false, getClass().getClassLoader());
                if (type.isAnnotationPresent(Entity.class) || type.isAnnotationPresent(Converter.class)) {
                    annotated.add(type.getName());
                }
            }
        }
        Set<String> listed = new TreeSet<>();
        try (InputStream xml = getClass().getResourceAsStream("/META-INF/persistence.xml")) {
            Matcher m = Pattern.compile("<class>\\s*([^<\\s]+)\\s*</class>").matcher(new String(xml.readAllBytes()));
            while (m.find()) {
                listed.add(m.group(1));
            }
        }
        assertEquals(annotated, listed);
    }
}
