package dev.herald.delivery.control;

import dev.herald.platform.HeraldResources;
import dev.herald.platform.Times;
import dev.herald.platform.batch.OwnTransaction;
import dev.herald.platform.concurrent.AppThreads;
import dev.herald.platform.durable.DurableWrites;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes the rows of deliveries whose first attempt succeeded without a row of their own
 * ({@link Destinations}), many in one transaction, a little after their attempts were recorded.
 * Nothing is owed by then: the attempt row, written by the record, already says the delivery
 * succeeded, and a row lost with the process is written by {@link RowlessSweep} from it. On H2 a
 * store write rewrites the last page of every table and index it touches, so rows written a few
 * hundred at a time cost a fraction of rows written with each record batch; on PostgreSQL the
 * update of a row written at ingest is gone. Until then the delivery list shows the attempt's
 * delivery a fraction of a second late.
 */
@ApplicationScoped
public class SucceededRows {
    private static final Logger LOG = Logger.getLogger(SucceededRows.class.getName());
    /** The longest a recorded success waits for its row. */
    static final long FLUSH_MILLIS = 250;
    /** Rows at which the writer does not wait for the interval. */
    static final int AT_ONCE = 512;

    @Resource(lookup = HeraldResources.DIRECT_DATASOURCE)
    DataSource direct;

    @Inject
    DurableWrites durable;

    @Inject
    AppThreads threads;

    @Inject
    DeliveryQueue queue;

    private final Object lock = new Object();
    private List<DeliveryRows.Owed> pending = new ArrayList<>();
    private volatile boolean running = true;
    private Thread writer;

    @PostConstruct
    void start() {
        writer = threads.newThread(this::run);
        writer.setName("herald-succeeded-rows");
        writer.setDaemon(true);
        writer.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Rows to write soon; called after the record that makes them true has committed. */
    void add(List<DeliveryRows.Owed> rows) {
        if (rows.isEmpty()) {
            return;
        }
        synchronized (lock) {
            pending.addAll(rows);
            if (pending.size() >= AT_ONCE) {
                lock.notifyAll();
            }
        }
    }

    private void run() {
        while (true) {
            List<DeliveryRows.Owed> batch;
            synchronized (lock) {
                if (running && pending.size() < AT_ONCE) {
                    try {
                        lock.wait(FLUSH_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        running = false;
                    }
                }
                batch = pending;
                pending = new ArrayList<>();
            }
            write(batch);
            if (!running) {
                return;
            }
        }
    }

    private void write(List<DeliveryRows.Owed> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<DeliveryQueue.Ticket> resent;
        try {
            resent = OwnTransaction.run(direct, c -> DeliveryRows.succeeded(c, batch, Times.now()));
            durable.request();
        } catch (SQLException | RuntimeException e) {
            // the attempts are recorded: the sweep writes these rows from them
            LOG.log(Level.WARNING, batch.size() + " succeeded deliveries' rows not written now; the sweep will", e);
            return;
        }
        queue.enqueueCommitted(resent); // resends whose chains start now (rows pending and committed)
    }
}
