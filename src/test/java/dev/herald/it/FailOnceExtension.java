package dev.herald.it;

import dev.herald.delivery.control.DeliveryLedger;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.util.AnnotationLiteral;

/** Test-only CDI extension: binds {@link FailOnceInterceptor} to the real delivery ledger. */
public class FailOnceExtension implements Extension {
    void bind(@Observes ProcessAnnotatedType<DeliveryLedger> type) {
        type.configureAnnotatedType().add(new AnnotationLiteral<FailOnce>() {
        });
    }
}
