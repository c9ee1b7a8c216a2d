package dev.herald.contract;

import dev.herald.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How one endpoint wants its webhooks: the HTTP method, the body's shape, the signature scheme,
 * the receiver's own authentication, static headers, the timeout, and which failures are worth
 * retrying. Every seed's contract is one value of this record; nothing about a vendor is
 * hard-coded. Stored as one (sealed) JSON column on the endpoint. Plain Java.
 */
public record EndpointContract(String method, Format format, Signature signature, Auth auth,
        Map<String, String> headers, Integer timeoutMs, Set<RetryOn> retryOn, boolean ordered) {

    public static final int MIN_TIMEOUT_MS = 1000;
    public static final int MAX_TIMEOUT_MS = 60_000;
    public static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
    public static final EndpointContract DEFAULT = new EndpointContract("POST", Format.RAW,
            Signature.STANDARD, null, Map.of(), null, RetryOn.DEFAULT);

    /** Unordered, Svix's default: attempts run in parallel and a retry waits alone. */
    public EndpointContract(String method, Format format, Signature signature, Auth auth, Map<String, String> headers,
            Integer timeoutMs, Set<RetryOn> retryOn) {
        this(method, format, signature, auth, headers, timeoutMs, retryOn, false);
    }

    /** The wire value of {@link #ordered}: {@code "ordered"} or {@code "unordered"}. */
    public String ordering() {
        return ordered ? "ordered" : "unordered";
    }

    public EndpointContract {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        retryOn = retryOn.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(RetryOn.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(retryOn));
    }

    /** {@code raw}: the payload is the body. {@code envelope}: {@code {"event","timestamp","data"}}. */
    public enum Format {
        RAW, ENVELOPE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Format of(String wire) {
            for (Format f : values()) {
                if (f.wire().equals(wire)) {
                    return f;
                }
            }
            return null;
        }
    }

    public enum Scheme {
        STANDARD_WEBHOOKS("standard-webhooks"), TIMESTAMPED_HMAC("timestamped-hmac"), NONE("none");

        private final String wire;

        Scheme(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Scheme of(String wire) {
            for (Scheme s : values()) {
                if (s.wire.equals(wire)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** The signature scheme, and for {@code timestamped-hmac} the header it goes in. */
    public record Signature(Scheme scheme, String header) {
        public static final String DEFAULT_HMAC_HEADER = "X-TalentSprout-Signature";
        public static final Signature STANDARD = new Signature(Scheme.STANDARD_WEBHOOKS, null);
    }

    /** The receiver's own credential: {@code Authorization: Bearer} or a named header. */
    public record Auth(Type type, String name, String value) {
        public enum Type { BEARER, HEADER }

        public String headerName() {
            return type == Type.BEARER ? "Authorization" : name;
        }

        public String headerValue() {
            return type == Type.BEARER ? "Bearer " + value : value;
        }
    }

    /** Failures worth another attempt. */
    public enum RetryOn {
        NETWORK("network"), SERVER_ERROR("5xx"), REQUEST_TIMEOUT("408"), TOO_MANY_REQUESTS("429");

        public static final Set<RetryOn> DEFAULT = EnumSet.allOf(RetryOn.class);
        private final String wire;

        RetryOn(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static RetryOn of(String wire) {
            for (RetryOn r : values()) {
                if (r.wire.equals(wire)) {
                    return r;
                }
            }
            return null;
        }

        /** Whether a failed attempt with this status (0: no HTTP answer) falls under these. */
        public static boolean covers(Set<RetryOn> set, int statusCode) {
            if (statusCode == 0) {
                return set.contains(NETWORK);
            }
            if (statusCode >= 500) {
                return set.contains(SERVER_ERROR);
            }
            return statusCode == 408 && set.contains(REQUEST_TIMEOUT) || statusCode == 429 && set.contains(TOO_MANY_REQUESTS);
        }
    }

    public EndpointContract withHeaders(Map<String, String> newHeaders) {
        return new EndpointContract(method, format, signature, auth, newHeaders, timeoutMs, retryOn, ordered);
    }

    /** Storage form: full JSON, secrets included (the column is sealed). */
    public String toStorage() {
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder()
                .add("method", method).add("format", format.wire()).add("signature", signatureJson());
        if (auth != null) {
            JsonObjectBuilder a = Jsonp.PROVIDER.createObjectBuilder().add("type", auth.type().name().toLowerCase());
            if (auth.name() != null) {
                a.add("name", auth.name());
            }
            b.add("auth", a.add("value", auth.value()));
        }
        JsonObjectBuilder h = Jsonp.PROVIDER.createObjectBuilder();
        headers.forEach(h::add);
        b.add("headers", h);
        if (timeoutMs != null) {
            b.add("timeoutMs", timeoutMs);
        }
        var r = Jsonp.PROVIDER.createArrayBuilder();
        retryOn.forEach(x -> r.add(x.wire()));
        b.add("retryOn", r);
        if (ordered) {
            b.add("ordered", true);
        }
        return b.build().toString();
    }

    public static EndpointContract fromStorage(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        JsonObject o;
        try (var reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            o = reader.readObject();
        }
        JsonObject s = o.getJsonObject("signature");
        Signature signature = new Signature(Scheme.of(s.getString("scheme")),
                s.containsKey("header") ? s.getString("header") : null);
        Auth auth = null;
        if (o.containsKey("auth") && o.get("auth").getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject a = o.getJsonObject("auth");
            auth = new Auth(Auth.Type.valueOf(a.getString("type").toUpperCase()),
                    a.containsKey("name") ? a.getString("name") : null, a.getString("value"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        o.getJsonObject("headers").forEach((k, v) -> headers.put(k, ((JsonString) v).getString()));
        Set<RetryOn> retryOn = EnumSet.noneOf(RetryOn.class);
        o.getJsonArray("retryOn").forEach(v -> retryOn.add(RetryOn.of(((JsonString) v).getString())));
        return new EndpointContract(o.getString("method"), Format.of(o.getString("format")), signature, auth, headers,
                o.containsKey("timeoutMs") ? o.getInt("timeoutMs") : null, retryOn, o.getBoolean("ordered", false));
    }

    JsonObject signatureJson() {
        JsonObjectBuilder b = Jsonp.PROVIDER.createObjectBuilder().add("scheme", signature.scheme().wire());
        if (signature.header() != null) {
            b.add("header", signature.header());
        }
        return b.build();
    }
}
