package dev.herald.delivery.control;

import dev.herald.app.control.Applications;
import dev.herald.platform.concurrent.AppThreads;
import dev.herald.platform.json.JsonBody;
import dev.herald.signing.StandardWebhooksSigner;
import dev.herald.subscription.control.EndpointViews;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Does once, as soon as Herald is ready, the first-time work of a message's path that does not
 * depend on the message: Hibernate compiling the two queries a new application's
 * first message makes (its application by uid, its enabled endpoints), the JSON reader, the JDK
 * looking up its HMAC provider, and the outbound HTTP client being built. A first message sent
 * right after {@code /api/v1/health} first answered 204 took 660-790 ms to its 202 (later ones
 * 14-31 ms), a tenth of it compiling the endpoint query; with this, 550-720 ms. It starts at
 * the first {@code /api/v1/health} that answers 204, or 5 s after the deployment if nobody asks:
 * started with the deployment it ran beside Payara's last second of it and made readiness some
 * 0.5 s later. It reads nothing that exists and writes nothing; what fails here is only logged, and
 * the message that needs it later does it then.
 */
@ApplicationScoped
public class FirstMessageWarmup {
    private static final Logger LOG = Logger.getLogger(FirstMessageWarmup.class.getName());
    /** Neither an application id nor a uid Svix allows (a space), so no row can match. */
    static final String NOBODY = "warm up";

    @Inject
    Applications applications;

    @Inject
    EndpointViews endpoints;

    @Inject
    WebhookSender sender;

    @Inject
    AppThreads threads;

    /** Counted down by the first 204; the warm-up's one thread waits for it at most 5 s. */
    private final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);

    void afterDeployment(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        Thread warm = threads.newThread(() -> {
            try {
                ready.await(5, java.util.concurrent.TimeUnit.SECONDS);
                warmUp();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        });
        warm.setName("herald-first-message-warmup");
        warm.setDaemon(true);
        warm.start();
    }

    /** Herald answered ready: the warm-up starts now if it has not yet. */
    public void startOnce() {
        ready.countDown();
    }

    void warmUp() {
        try {
            applications.byUid(NOBODY);
            endpoints.loadEnabled(NOBODY);
            JsonBody.readObject("application/json", new ByteArrayInputStream(
                    "{\"eventType\":\"warm.up\",\"payload\":{\"a\":[1,2.5,true,null,\"b\"]}}".getBytes(StandardCharsets.UTF_8)), 1024);
            StandardWebhooksSigner.sign(new byte[32], "msg_warm_up", 0, new byte[1]);
            sender.toString(); // the bean, and with it the HTTP client, is made at its first call
        } catch (Exception | LinkageError e) {
            LOG.log(Level.FINE, "First-message warm-up did not finish", e);
        }
    }
}
