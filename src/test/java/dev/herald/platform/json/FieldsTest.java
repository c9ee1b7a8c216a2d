package dev.herald.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldsTest {

    private static Fields fields(String json) {
        return Fields.of(JsonBody.parseObject(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wrongTypesAreErrorsNotCoercions() {
        Fields f = fields("{\"name\": 5, \"disabled\": 1, \"filterTypes\": \"a\", \"metadata\": {\"k\": 1}}");
        f.requiredString("name", 10);
        f.optionalBoolean("disabled");
        f.optionalStringSet("filterTypes", 10, 10);
        f.optionalStringMap("metadata", 10);
        Problem p = assertThrows(Problem.class, f::validate);
        assertEquals(ProblemType.VALIDATION, p.type());
        assertEquals(List.of(List.of("body", "name"), List.of("body", "disabled"), List.of("body", "filterTypes"),
                List.of("body", "metadata.k")), p.errors().stream().map(e -> e.loc()).toList());
    }

    @Test
    void nullCountsAsAbsentAndMissingRequiredFieldsAreNamed() {
        Fields f = fields("{\"uid\": null}");
        assertNull(f.optionalUid("uid"));
        f.requiredString("url", 10);
        Problem p = assertThrows(Problem.class, f::validate);
        assertEquals("url: field required", p.detail());
    }

    @Test
    void malformedAndHostileBodiesAreBadJson() {
        for (String body : List.of("", "{", "[]", "\"x\"", "{\"a\":1}{", "{\"a\":tru}")) {
            Problem p = assertThrows(Problem.class, () -> JsonBody.parseObject(body.getBytes(StandardCharsets.UTF_8)), body);
            assertEquals(ProblemType.BAD_JSON, p.type(), body);
        }
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        Problem p = assertThrows(Problem.class, () -> JsonBody.parseObject(deep.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ProblemType.BAD_JSON, p.type());
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertEquals(ProblemType.BAD_JSON, assertThrows(Problem.class, () -> JsonBody.parseObject(invalidUtf8)).type());
    }
}
