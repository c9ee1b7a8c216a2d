package dev.herald.platform.json;

import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a request body as one JSON object, with a size limit and a nesting limit, and turns
 * every way it can be wrong into a problem (400 for syntax, 413 for size, 415 for media type).
 * Bodies are read here rather than bound by a provider so that no input reaches a 500.
 */
public final class JsonBody {
    /** Deeper documents are refused before they reach a recursive serializer. */
    public static final int MAX_DEPTH = 64;
    /** Longer number literals are refused: the JSON library cannot represent them exactly. */
    public static final int MAX_NUMBER_LENGTH = 100;

    /** What a 415 tells the client to do. */
    public static final String SEND_JSON = "Send the body as application/json";

    private JsonBody() {
    }

    /** The media type a Content-Type header names, or null when it names none ({@code json}). */
    public static MediaType mediaType(String contentType) {
        try {
            return MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static JsonObject readObject(HttpHeaders headers, InputStream in, int maxBytes) {
        if (headers == null) {
            return parseObject(readAtMost(in, maxBytes));
        }
        return readObject(headers.getHeaderString(HttpHeaders.CONTENT_TYPE), in, maxBytes);
    }

    /** As {@link #readObject(HttpHeaders, InputStream, int)}, given the request's Content-Type (null when it sent none). */
    public static JsonObject readObject(String contentType, InputStream in, int maxBytes) {
        if (contentType == null) {
            // Svix answers a body without a Content-Type as it answers a wrong one
            throw new Problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json, with that Content-Type");
        }
        MediaType type = mediaType(contentType);
        if (type == null || !isJson(type)) {
            throw new Problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, SEND_JSON);
        }
        String charset = type.getParameters().get("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new Problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "JSON bodies must be UTF-8, not " + charset);
        }
        byte[] bytes = readAtMost(in, maxBytes);
        return parseObject(bytes);
    }

    /** As {@link #readObject}, but an empty body reads as {@code {}}: for calls whose fields are all optional. */
    public static JsonObject readOptionalObject(HttpHeaders headers, InputStream in, int maxBytes) {
        PushbackInputStream body = new PushbackInputStream(in == null ? InputStream.nullInputStream() : in, 1);
        try {
            int first = body.read();
            if (first < 0) {
                return JsonValue.EMPTY_JSON_OBJECT;
            }
            body.unread(first);
        } catch (IOException e) {
            throw unreadable();
        }
        return readObject(headers, body, maxBytes);
    }

    static boolean isJson(MediaType type) {
        String subtype = type.getSubtype().toLowerCase();
        return type.getType().equalsIgnoreCase("application") && (subtype.equals("json") || subtype.endsWith("+json"));
    }

    static byte[] readAtMost(InputStream in, int maxBytes) {
        try {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new Problem(ProblemType.PAYLOAD_TOO_LARGE, "The body is larger than " + maxBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw unreadable();
        }
    }

    /**
     * A body that could not be read to its end: the client hung up or timed out mid-body, or sent
     * framing that does not hold (a chunk size that is not one). The client's doing, so a 400,
     * not a 500 with a stack trace in the log; nothing was written.
     */
    public static Problem unreadable() {
        return new Problem(ProblemType.BAD_REQUEST, "The request body could not be read to its end");
    }

    public static JsonObject parseObject(byte[] bytes) {
        if (bytes.length == 0) {
            throw new Problem(ProblemType.BAD_JSON, "The request body is empty; a JSON object is expected");
        }
        JsonValue value = parseText(strictUtf8(bytes), "The request body");
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new Problem(ProblemType.BAD_JSON, "The request body must be a JSON object");
        }
        return value.asJsonObject();
    }

    /**
     * JSON given as text inside a request (Svix's {@code rawPayload}), held to the same limits as
     * a body; {@code what} names it in the problem.
     */
    public static JsonValue parseText(String text, String what) {
        if (text.isBlank()) {
            throw new Problem(ProblemType.BAD_JSON, what + " is empty; JSON is expected");
        }
        try (JsonParser parser = Jsonp.PROVIDER.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new Problem(ProblemType.BAD_JSON, what + " is empty; JSON is expected");
            }
            JsonValue value = read(parser, parser.next(), 0);
            if (parser.hasNext()) {
                parser.next(); // throws: something follows the value
                throw new Problem(ProblemType.BAD_JSON, "Malformed JSON: something follows the value");
            }
            return value;
        } catch (JsonParsingException e) {
            var at = e.getLocation();
            throw new Problem(ProblemType.BAD_JSON, "Malformed JSON"
                    + (at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber()));
        } catch (jakarta.json.JsonException e) {
            throw new Problem(ProblemType.BAD_JSON, "Malformed JSON: the body is not valid UTF-8 JSON");
        }
    }

    /**
     * One pass over the parser's events that builds the value and refuses, as it goes, deep
     * nesting (before a recursive serializer meets it), over-long numbers and unpaired
     * surrogates. Reading the text once instead of checking it and then parsing it again.
     */
    private static JsonValue read(JsonParser parser, JsonParser.Event event, int depth) {
        switch (event) {
            case START_OBJECT -> {
                checkDepth(depth + 1);
                var object = Jsonp.PROVIDER.createObjectBuilder();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                    String key = text(parser.getString());
                    object.add(key, read(parser, parser.next(), depth + 1));
                }
                return object.build();
            }
            case START_ARRAY -> {
                checkDepth(depth + 1);
                var array = Jsonp.PROVIDER.createArrayBuilder();
                for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
                    array.add(read(parser, e, depth + 1));
                }
                return array.build();
            }
            case VALUE_STRING -> {
                return Jsonp.PROVIDER.createValue(text(parser.getString()));
            }
            case VALUE_NUMBER -> {
                if (parser.getString().length() > MAX_NUMBER_LENGTH) {
                    throw new Problem(ProblemType.BAD_JSON, "A number is longer than " + MAX_NUMBER_LENGTH + " characters");
                }
                return parser.getValue();
            }
            case VALUE_TRUE -> {
                return JsonValue.TRUE;
            }
            case VALUE_FALSE -> {
                return JsonValue.FALSE;
            }
            case VALUE_NULL -> {
                return JsonValue.NULL;
            }
            default -> throw new Problem(ProblemType.BAD_JSON, "Malformed JSON");
        }
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new Problem(ProblemType.BAD_JSON, "JSON nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static String text(String s) {
        if (hasLoneSurrogate(s)) {
            throw new Problem(ProblemType.BAD_JSON,
                    "A string holds an unpaired surrogate escape (like \\ud800), which is not text");
        }
        return s;
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The JSON parser would replace malformed bytes silently; a client must hear about them. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Problem(ProblemType.BAD_JSON, "The body is not valid UTF-8");
        }
    }
}
