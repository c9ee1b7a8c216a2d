package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs one of the Node checks in {@code src/test/node} (real npm clients: the Svix SDK, Ajv, the
 * seeds' own snippets), feeding it input on stdin, and fails unless it exits 0 without a
 * "not ok" line. Answers what it printed.
 */
final class NodeScript {
    private NodeScript() {
    }

    static String run(String script, Map<String, String> env, String stdin) throws Exception {
        File dir = new File(System.getProperty("herald.nodeDir"));
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(dir).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        System.out.println(out);
        assertEquals(0, exit, out);
        assertFalse(out.contains("not ok"), out);
        return out;
    }
}
