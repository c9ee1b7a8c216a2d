package dev.herald.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.contract.EndpointContract.Format;
import dev.herald.contract.EndpointContract.Scheme;
import dev.herald.platform.json.Fields;
import dev.herald.platform.json.Jsonp;
import dev.herald.platform.problem.Problem;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ContractInputTest {
    static JsonObject json(String text) {
        try (var r = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    static EndpointContract read(String text, EndpointContract current) {
        JsonObject o = json(text);
        Fields f = Fields.of(o);
        EndpointContract c = ContractInput.read(o, f, current);
        f.validate();
        return c;
    }

    static String problem(String text) {
        Problem p = assertThrows(Problem.class, () -> read(text, EndpointContract.DEFAULT));
        return p.errors().toString();
    }

    @Test
    void readsEveryField() {
        EndpointContract c = read("{\"method\":\"put\",\"format\":\"envelope\",\"signature\":{\"scheme\":"
                + "\"timestamped-hmac\"},\"auth\":{\"type\":\"bearer\",\"token\":\"abc\"},\"headers\":{\"X-A\":\"1\"},"
                + "\"timeoutMs\":10000,\"retryOn\":[\"5xx\",\"network\"]}", EndpointContract.DEFAULT);
        assertEquals("PUT", c.method());
        assertEquals(Format.ENVELOPE, c.format());
        assertEquals(Scheme.TIMESTAMPED_HMAC, c.signature().scheme());
        assertEquals("X-TalentSprout-Signature", c.signature().header());
        assertEquals("Bearer abc", c.auth().headerValue());
        assertEquals(10000, c.timeoutMs());
        assertEquals(2, c.retryOn().size());
    }

    @Test
    void absentFieldsKeepTheirValuesAndNullResets() {
        EndpointContract current = read("{\"method\":\"PATCH\",\"auth\":{\"type\":\"bearer\",\"token\":\"abc\"}}",
                EndpointContract.DEFAULT);
        EndpointContract same = read("{\"url\":\"https://x\"}", current);
        assertEquals(current, same);
        EndpointContract reset = read("{\"method\":null,\"auth\":null}", current);
        assertEquals("POST", reset.method());
        assertNull(reset.auth());
    }

    @Test
    void theMaskKeepsTheStoredCredential() {
        EndpointContract current = read("{\"auth\":{\"type\":\"bearer\",\"token\":\"abc\"}}", EndpointContract.DEFAULT);
        EndpointContract again = read("{\"auth\":{\"type\":\"bearer\",\"token\":\"" + ContractInput.MASK + "\"}}", current);
        assertEquals("abc", again.auth().value());
        assertNotNull(problem("{\"auth\":{\"type\":\"bearer\",\"token\":\"" + ContractInput.MASK + "\"}}"));
        assertEquals("********", ContractInput.masked(current.auth()).get("token"));
    }

    @Test
    void refusesBadInputWithoutEchoingSecrets() {
        assertTrue(problem("{\"method\":\"GET\"}").contains("method"));
        assertTrue(problem("{\"format\":\"xml\"}").contains("format"));
        assertTrue(problem("{\"signature\":{\"scheme\":\"md5\"}}").contains("signature.scheme"));
        assertTrue(problem("{\"signature\":{\"scheme\":\"standard-webhooks\",\"header\":\"X\"}}").contains("signature.header"));
        assertTrue(problem("{\"auth\":{\"type\":\"basic\"}}").contains("auth.type"));
        String leaked = problem("{\"auth\":{\"type\":\"bearer\",\"token\":\"sup3r\\nsecret\"}}");
        assertTrue(leaked.contains("auth.token"));
        assertFalse(leaked.contains("sup3r"), leaked);
        assertTrue(problem("{\"headers\":{\"Host\":\"evil\"}}").contains("headers"));
        assertTrue(problem("{\"headers\":{\"X-A\":\"a\\r\\nX-B: b\"}}").contains("headers"));
        assertTrue(problem("{\"headers\":{\"Bad Name\":\"x\"}}").contains("headers"));
        assertTrue(problem("{\"headers\":{\"webhook-signature\":\"x\"}}").contains("headers"));
        assertTrue(problem("{\"headers\":{\"Authorization\":\"x\"},\"auth\":{\"type\":\"bearer\",\"token\":\"t\"}}")
                .contains("headers"));
        assertTrue(problem("{\"timeoutMs\":999999}").contains("timeoutMs"));
        assertTrue(problem("{\"retryOn\":[\"4xx\"]}").contains("retryOn"));
        assertTrue(problem("{\"headers\":{\"X-Big\":\"" + "a".repeat(5000) + "\"}}").contains("headers"));
    }
}
