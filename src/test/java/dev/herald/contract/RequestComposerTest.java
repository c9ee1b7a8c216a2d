package dev.herald.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.contract.EndpointContract.Auth;
import dev.herald.contract.EndpointContract.Format;
import dev.herald.contract.EndpointContract.RetryOn;
import dev.herald.contract.EndpointContract.Scheme;
import dev.herald.contract.EndpointContract.Signature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class RequestComposerTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final Instant EVENT = Instant.parse("2026-03-26T14:32:00Z");

    @Test
    void rawBodyIsThePayloadAndStandardWebhooksHeadersAreSent() {
        OutgoingRequest r = RequestComposer.compose(EndpointContract.DEFAULT, "https://x.test/h", List.of(SECRET),
                "msg_1", "can.candidate.created", EVENT, "{\"a\":1}", 1_700_000_000L);
        assertEquals("POST", r.method());
        assertEquals("{\"a\":1}", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("msg_1", r.header("webhook-id"));
        assertEquals("1700000000", r.header("webhook-timestamp"));
        assertTrue(r.header("webhook-signature").startsWith("v1,"));
        assertEquals("application/json", r.header("content-type"));
    }

    @Test
    void envelopeWrapsThePayloadWithEventAndMillisecondTimestamp() {
        EndpointContract c = new EndpointContract("POST", Format.ENVELOPE, Signature.STANDARD, null, Map.of(), null,
                RetryOn.DEFAULT);
        OutgoingRequest r = RequestComposer.compose(c, "https://x.test/h", List.of(SECRET), "msg_1",
                "transcript.created", EVENT, "{\"messageId\":\"6601\"}", 1L);
        assertEquals("{\"event\":\"transcript.created\",\"timestamp\":\"2026-03-26T14:32:00.000Z\","
                + "\"data\":{\"messageId\":\"6601\"}}", new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void timestampedHmacSignsTimestampDotBodyWithTheWholeSecretString() throws Exception {
        EndpointContract c = new EndpointContract("PUT", Format.RAW,
                new Signature(Scheme.TIMESTAMPED_HMAC, "X-TalentSprout-Signature"), null, Map.of(), 30_000,
                java.util.Set.of());
        OutgoingRequest r = RequestComposer.compose(c, "https://x.test/h", List.of(SECRET), "msg_1",
                "interview.completed", EVENT, "{\"b\":2}", 1_700_000_123L);
        assertEquals("PUT", r.method());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("1700000123.{\"b\":2}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("t=1700000123,v1=" + expected, r.header("X-TalentSprout-Signature"));
        assertNull(r.header("webhook-signature"));
        assertEquals("msg_1", r.header("webhook-id"), "the dedup id goes with every scheme");
    }

    @Test
    void rotationSignsWithEverySecretNewestLastForHmacAndFirstForStandard() {
        String old = "whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB";
        EndpointContract hmac = new EndpointContract("POST", Format.RAW,
                new Signature(Scheme.TIMESTAMPED_HMAC, "X-Sig"), null, Map.of(), null, RetryOn.DEFAULT);
        OutgoingRequest r = RequestComposer.compose(hmac, "u", List.of(SECRET, old), "m", "t", EVENT, "{}", 5L);
        String header = r.header("X-Sig");
        assertTrue(header.endsWith(",v1=" + dev.herald.signing.TimestampedHmacSigner.hex(SECRET, 5L, "{}".getBytes())),
                header);
        assertTrue(header.contains(",v1=" + dev.herald.signing.TimestampedHmacSigner.hex(old, 5L, "{}".getBytes())));
        OutgoingRequest s = RequestComposer.compose(EndpointContract.DEFAULT, "u", List.of(SECRET, old), "m", "t",
                EVENT, "{}", 5L);
        assertEquals(2, s.header("webhook-signature").split(" ").length);
    }

    @Test
    void authAndCustomHeadersAreAddedAndNoneSchemeSignsNothing() {
        EndpointContract c = new EndpointContract("POST", Format.RAW, new Signature(Scheme.NONE, null),
                new Auth(Auth.Type.BEARER, null, "tok-123"), Map.of("X-Team", "hiring"), null, RetryOn.DEFAULT);
        OutgoingRequest r = RequestComposer.compose(c, "u", List.of(SECRET), "m", "t", EVENT, "{}", 5L);
        assertEquals("Bearer tok-123", r.header("Authorization"));
        assertEquals("hiring", r.header("X-Team"));
        assertNull(r.header("webhook-signature"));
        EndpointContract h = new EndpointContract("POST", Format.RAW, Signature.STANDARD,
                new Auth(Auth.Type.HEADER, "X-Webhook-Secret", "my-secret-value"), Map.of(), null, RetryOn.DEFAULT);
        assertEquals("my-secret-value", RequestComposer.compose(h, "u", List.of(SECRET), "m", "t", EVENT, "{}", 5L)
                .header("X-Webhook-Secret"));
    }

    @Test
    void contractSurvivesStorage() {
        EndpointContract c = new EndpointContract("PATCH", Format.ENVELOPE,
                new Signature(Scheme.TIMESTAMPED_HMAC, "X-Sig"), new Auth(Auth.Type.HEADER, "X-Key", "v a l"),
                Map.of("X-A", "1"), 10_000, java.util.Set.of(RetryOn.NETWORK, RetryOn.SERVER_ERROR));
        assertEquals(c, EndpointContract.fromStorage(c.toStorage()));
        assertEquals(EndpointContract.DEFAULT, EndpointContract.fromStorage(null));
    }

    @Test
    void retryOnCoversOnlyWhatItNames() {
        var lynk = java.util.Set.of(RetryOn.NETWORK, RetryOn.SERVER_ERROR);
        assertTrue(RetryOn.covers(lynk, 0));
        assertTrue(RetryOn.covers(lynk, 503));
        assertTrue(!RetryOn.covers(lynk, 429));
        assertTrue(!RetryOn.covers(lynk, 408));
        assertTrue(RetryOn.covers(RetryOn.DEFAULT, 429));
        assertTrue(!RetryOn.covers(RetryOn.DEFAULT, 404));
    }
}
