package dev.herald.platform.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizingCompilerTest {
    static final Path JVM_OPTIONS = Path.of("server-config", "jvm.options");

    @Test
    void theDirectiveJvmOptionsNamesIsTheOneHeraldClears() throws Exception {
        List<String> named = Files.readAllLines(JVM_OPTIONS).stream()
                .filter(l -> l.startsWith("-XX:CompilerDirectivesFile=")).toList();
        assertEquals(1, named.size(), "jvm.options names one directive file: " + named);
        assertTrue(OptimizingCompiler.startedWithDirective(named), named.get(0));
        Path file = Path.of(named.get(0).substring("-XX:CompilerDirectivesFile=".length()));
        assertTrue(Files.isRegularFile(file), "relative to the directory the commands run in: " + file);
        assertTrue(Files.readString(file).replaceAll("\\s", "").contains("c2:{Exclude:true}"),
                "it keeps C2 out until Herald clears it: " + Files.readString(file));
        assertTrue(Files.readAllLines(JVM_OPTIONS).contains("-XX:+UnlockDiagnosticVMOptions"),
                "without it the JVM refuses the directive flag and does not start");
    }

    @Test
    void aJvmStartedWithoutTheDirectiveIsLeftAlone() {
        assertFalse(OptimizingCompiler.startedWithDirective(List.of("-Xmx512m", "-XX:+UseSerialGC")));
        assertFalse(OptimizingCompiler.startedWithDirective(List.of("-XX:CompilerDirectivesFile=/etc/mine.json")));
    }
}
