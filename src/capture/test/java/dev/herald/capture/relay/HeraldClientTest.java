package dev.herald.capture.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.herald.capture.relay.HeraldClient.Verdict;
import jakarta.json.Json;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What each of Herald's answers means for an outbox row. */
class HeraldClientTest {
    static Verdict message(int status, String body) {
        return HeraldClient.classify(status, body, false).verdict();
    }

    @Test
    void acceptedOrAlreadyThereIsDelivered() {
        assertEquals(Verdict.DELIVERED, message(202, "{\"id\":\"msg_1\"}"));
        assertEquals(Verdict.ALREADY_THERE, message(409, "{\"detail\":\"A message with eventId 'cap-1' already exists\"}"));
    }

    @Test
    void aTenantWithoutAnApplicationHasNobodyToDeliverToButAWrongUrlIsNotThat() {
        assertEquals(Verdict.NO_APPLICATION, message(404, "{\"code\":\"not_found\",\"detail\":\"Application 'acme' does not exist\"}"));
        assertEquals(Verdict.UNAVAILABLE, message(404, "<html>Not Found</html>"));
        assertEquals(Verdict.UNAVAILABLE, HeraldClient.classify(404,
                "{\"detail\":\"Application 'acme' does not exist\"}", true).verdict());
    }

    @Test
    void aRefusalIsForGoodWhileAuthAndServerTroubleWait() {
        assertEquals(Verdict.REFUSED, message(422, "{\"detail\":\"endpointUrls.*: URL must use https://\"}"));
        assertEquals(Verdict.REFUSED, message(413, ""));
        for (int status : new int[] {401, 403, 408, 429, 500, 502, 503}) {
            assertEquals(Verdict.UNAVAILABLE, message(status, ""), "HTTP " + status);
        }
    }

    /**
     * Payara Micro keeps every HTTP/2 stream that carried a request body until the connection
     * closes (docs/platform-notes.md): a relay that let the JDK's client upgrade its one long-lived
     * connection to h2c would fill Herald's heap after some 100,000 events.
     */
    @Test
    void itSpeaksHttp11ToHeraldAndNeverAsksToUpgrade() throws Exception {
        java.util.List<String> upgrades = new CopyOnWriteArrayList<>();
        HttpServer herald = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        herald.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            upgrades.add(String.valueOf(exchange.getRequestHeaders().getFirst("Upgrade")));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        herald.start();
        try {
            HeraldClient client = new HeraldClient();
            String url = "http://127.0.0.1:" + herald.getAddress().getPort();
            client.settings = new RelaySettings() {
                @Override
                public Optional<String> heraldUrl() {
                    return Optional.of(url);
                }

                @Override
                public Optional<String> token() {
                    return Optional.empty();
                }
            };
            for (int i = 0; i < 2; i++) {
                assertEquals(Verdict.DELIVERED, client.registerEventType(Json.createObjectBuilder().add("name", "a.b" + i).build())
                        .verdict());
            }
            assertEquals(java.util.List.of("null", "null"), upgrades, "the relay asked Herald to switch to HTTP/2");
        } finally {
            herald.stop(0);
        }
    }
}
