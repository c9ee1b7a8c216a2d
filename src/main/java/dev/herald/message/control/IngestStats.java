package dev.herald.message.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * {@code herald.messages.accepted} ({@code /metrics}): messages whose ingest committed, from the
 * API and from capture alike. Counted when the transaction commits, so a rolled-back ingest
 * (a 4xx after the message row was written, a capture boundary that fails) counts nothing.
 */
@ApplicationScoped
public class IngestStats {
    @Inject
    MetricRegistry registry;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private Counter accepted;

    @PostConstruct
    void register() {
        accepted = registry.counter(Metadata.builder().withName("herald.messages.accepted")
                .withDescription("Messages accepted (stored and queued), by the API or by capture").build());
    }

    /** Called inside the ingest transaction. */
    void acceptedOnCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    accepted.inc();
                }
            }
        });
    }

    /** Messages written by a transaction that has committed. */
    void committed(int messages) {
        accepted.inc(messages);
    }

    public long accepted() {
        return accepted.getCount();
    }
}
