package dev.herald.platform.json;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small conversions for JSON kept in text columns (metadata, filters, payloads). */
public final class JsonText {
    private JsonText() {
    }

    public static String ofMap(Map<String, String> map) {
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder();
        map.forEach(b::add);
        return b.build().toString();
    }

    public static Map<String, String> toMap(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return map;
        }
        parse(text).asJsonObject().forEach((k, v) -> map.put(k, ((jakarta.json.JsonString) v).getString()));
        return map;
    }

    public static String ofList(Collection<String> values) {
        var b = Jsonp.PROVIDER.createArrayBuilder();
        values.forEach(b::add);
        return b.build().toString();
    }

    public static List<String> toList(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return parse(text).asJsonArray().getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }

    public static Set<String> toSet(String text) {
        List<String> list = toList(text);
        return list == null ? null : Set.copyOf(list);
    }

    public static JsonValue parse(String text) {
        try (var reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    public static JsonObject parseObject(String text) {
        return parse(text).asJsonObject();
    }
}
