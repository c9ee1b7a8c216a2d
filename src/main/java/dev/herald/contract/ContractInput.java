package dev.herald.contract;

import dev.herald.contract.EndpointContract.Auth;
import dev.herald.contract.EndpointContract.Format;
import dev.herald.contract.EndpointContract.RetryOn;
import dev.herald.contract.EndpointContract.Scheme;
import dev.herald.contract.EndpointContract.Signature;
import dev.herald.platform.json.Fields;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads Herald's delivery-contract fields of an endpoint body ({@code method}, {@code format},
 * {@code signature}, {@code auth}, {@code headers}, {@code timeoutMs}, {@code retryOn}, {@code ordering}) onto
 * the endpoint's current contract. A field left out keeps its value, on PUT too, so a Svix
 * client that knows none of them cannot wipe them by updating the URL; an explicit null returns
 * the field to its default. Errors are collected in {@link Fields}; nothing here echoes a
 * secret. Plain Java.
 */
public final class ContractInput {
    /** What GET shows instead of a credential; sending it back keeps the stored one. */
    public static final String MASK = "********";

    private ContractInput() {
    }

    public static EndpointContract read(JsonObject json, Fields f, EndpointContract current) {
        String method = current.method();
        if (json.containsKey("method")) {
            method = "POST";
            if (f.has("method")) {
                String m = json.get("method") instanceof JsonString s ? s.getString().toUpperCase(Locale.ROOT) : null;
                if (m == null || !EndpointContract.METHODS.contains(m)) {
                    f.error("method", "must be POST, PUT or PATCH", "value_error.const");
                } else {
                    method = m;
                }
            }
        }
        Format format = current.format();
        if (json.containsKey("format")) {
            format = Format.RAW;
            if (f.has("format")) {
                Format given = json.get("format") instanceof JsonString s ? Format.of(s.getString()) : null;
                if (given == null) {
                    f.error("format", "must be 'raw' (the payload is the body) or 'envelope' "
                            + "({\"event\", \"timestamp\", \"data\"})", "value_error.const");
                } else {
                    format = given;
                }
            }
        }
        Signature signature = json.containsKey("signature") ? signature(json.get("signature"), f) : current.signature();
        Auth auth = json.containsKey("auth") ? auth(json.get("auth"), f, current.auth()) : current.auth();
        Map<String, String> headers = current.headers();
        if (json.containsKey("headers")) {
            headers = Map.of();
            if (f.has("headers")) {
                Map<String, String> given = f.optionalStringMap("headers", HeaderRules.MAX_COUNT);
                if (given != null) {
                    String problem = HeaderRules.problemWith(given);
                    if (problem != null) {
                        f.error("headers", problem, "value_error");
                    } else {
                        headers = given;
                    }
                }
            }
        }
        Integer timeoutMs = current.timeoutMs();
        if (json.containsKey("timeoutMs")) {
            timeoutMs = f.has("timeoutMs")
                    ? f.optionalInt("timeoutMs", EndpointContract.MIN_TIMEOUT_MS, EndpointContract.MAX_TIMEOUT_MS) : null;
        }
        Set<RetryOn> retryOn = current.retryOn();
        if (json.containsKey("retryOn")) {
            retryOn = RetryOn.DEFAULT;
            if (f.has("retryOn")) {
                Set<String> given = f.optionalStringSet("retryOn", 8, 16);
                if (given != null) {
                    Set<RetryOn> set = EnumSet.noneOf(RetryOn.class);
                    for (String g : given) {
                        RetryOn r = RetryOn.of(g);
                        if (r == null) {
                            f.error("retryOn", "items must be among 'network', '5xx', '408', '429'", "value_error.const");
                        } else {
                            set.add(r);
                        }
                    }
                    retryOn = set;
                }
            }
        }
        boolean ordered = current.ordered();
        if (json.containsKey("ordering")) {
            ordered = false;
            if (f.has("ordering")) {
                String given = json.get("ordering") instanceof JsonString s ? s.getString() : null;
                if (!"ordered".equals(given) && !"unordered".equals(given)) {
                    f.error("ordering", "must be 'ordered' (one attempt at a time, in the order messages were accepted; "
                            + "a retry holds back the messages behind it) or 'unordered' (the default)", "value_error.const");
                } else {
                    ordered = given.equals("ordered");
                }
            }
        }
        EndpointContract next = new EndpointContract(method, format, signature, auth, headers, timeoutMs, retryOn,
                ordered);
        if (next.auth() != null) {
            String authHeader = next.auth().headerName().toLowerCase(Locale.ROOT);
            if (next.headers().keySet().stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(authHeader))) {
                f.error("headers", "header '" + next.auth().headerName() + "' is already set by 'auth'", "value_error");
            }
        }
        if (next.signature().scheme() == Scheme.TIMESTAMPED_HMAC) {
            String sigHeader = next.signature().header().toLowerCase(Locale.ROOT);
            if (next.headers().keySet().stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).equals(sigHeader))
                    || next.auth() != null && next.auth().headerName().toLowerCase(Locale.ROOT).equals(sigHeader)) {
                f.error("signature.header", "header '" + next.signature().header()
                        + "' is also set by 'headers' or 'auth'", "value_error");
            }
        }
        return next;
    }

    private static Signature signature(JsonValue value, Fields f) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Signature.STANDARD;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            f.error("signature", "must be an object like {\"scheme\": \"standard-webhooks\"}", "type_error.dict");
            return Signature.STANDARD;
        }
        JsonObject o = value.asJsonObject();
        for (String key : o.keySet()) {
            if (!key.equals("scheme") && !key.equals("header")) {
                f.error("signature." + key, "unknown field (known: scheme, header)", "value_error.extra");
            }
        }
        Scheme scheme = o.get("scheme") instanceof JsonString s ? Scheme.of(s.getString()) : null;
        if (scheme == null) {
            f.error("signature.scheme", "must be 'standard-webhooks', 'timestamped-hmac' or 'none'", "value_error.const");
            return Signature.STANDARD;
        }
        String header = null;
        if (o.containsKey("header") && o.get("header").getValueType() != JsonValue.ValueType.NULL) {
            if (scheme != Scheme.TIMESTAMPED_HMAC) {
                f.error("signature.header", "only the 'timestamped-hmac' scheme has a configurable header", "value_error");
                return Signature.STANDARD;
            }
            header = o.get("header") instanceof JsonString s ? s.getString() : null;
            String problem = header == null ? "must be a string" : HeaderRules.nameProblem(header);
            if (problem != null) {
                f.error("signature.header", problem, "value_error");
                return Signature.STANDARD;
            }
        }
        if (scheme == Scheme.TIMESTAMPED_HMAC && header == null) {
            header = Signature.DEFAULT_HMAC_HEADER;
        }
        return new Signature(scheme, header);
    }

    private static Auth auth(JsonValue value, Fields f, Auth current) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            f.error("auth", "must be {\"type\": \"bearer\", \"token\": …} or {\"type\": \"header\", \"name\": …, "
                    + "\"value\": …}, or null", "type_error.dict");
            return current;
        }
        JsonObject o = value.asJsonObject();
        String type = o.get("type") instanceof JsonString s ? s.getString() : null;
        if ("bearer".equals(type)) {
            for (String key : o.keySet()) {
                if (!key.equals("type") && !key.equals("token")) {
                    f.error("auth." + key, "unknown field for a bearer token (known: type, token)", "value_error.extra");
                }
            }
            String token = credential(o, "token", f, current != null && current.type() == Auth.Type.BEARER
                    ? current.value() : null);
            return token == null ? current : new Auth(Auth.Type.BEARER, null, token);
        }
        if ("header".equals(type)) {
            for (String key : o.keySet()) {
                if (!key.equals("type") && !key.equals("name") && !key.equals("value")) {
                    f.error("auth." + key, "unknown field for a header credential (known: type, name, value)",
                            "value_error.extra");
                }
            }
            String name = o.get("name") instanceof JsonString s ? s.getString() : null;
            String problem = name == null ? "field required (the header's name)" : HeaderRules.nameProblem(name);
            if (problem != null) {
                f.error("auth.name", problem, "value_error");
                return current;
            }
            String kept = current != null && current.type() == Auth.Type.HEADER && current.name().equalsIgnoreCase(name)
                    ? current.value() : null;
            String v = credential(o, "value", f, kept);
            return v == null ? current : new Auth(Auth.Type.HEADER, name, v);
        }
        f.error("auth.type", "must be 'bearer' or 'header'", "value_error.const");
        return current;
    }

    /** The credential, or the stored one when the client sent back the mask. */
    private static String credential(JsonObject o, String field, Fields f, String stored) {
        String given = o.get(field) instanceof JsonString s ? s.getString() : null;
        if (given == null) {
            f.error("auth." + field, "field required (a string)", "value_error.missing");
            return null;
        }
        if (given.equals(MASK)) {
            if (stored == null) {
                f.error("auth." + field, "is the mask Herald shows; send the real credential", "value_error");
            }
            return stored;
        }
        if (given.isEmpty()) {
            f.error("auth." + field, "must not be empty", "value_error");
            return null;
        }
        String problem = HeaderRules.valueProblem("auth", given);
        if (problem != null) {
            f.error("auth." + field, "may only hold visible ASCII characters and spaces, at most 4096", "value_error");
            return null;
        }
        return given;
    }

    /** The contract as GET shows it: credentials masked. */
    public static Map<String, Object> masked(Auth auth) {
        if (auth == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", auth.type().name().toLowerCase(Locale.ROOT));
        if (auth.type() == Auth.Type.BEARER) {
            out.put("token", MASK);
        } else {
            out.put("name", auth.name());
            out.put("value", MASK);
        }
        return out;
    }
}
