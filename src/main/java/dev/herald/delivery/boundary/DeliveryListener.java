package dev.herald.delivery.boundary;

import dev.herald.delivery.control.DeliveryQueue;
import dev.herald.delivery.control.Dispatcher;
import dev.herald.platform.HeraldResources;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes delivery tickets off the queue and hands each to the dispatcher, which runs the attempts
 * on Herald's delivery threads; the queue message is acknowledged when this returns. A ticket
 * lost after that (the instance dies mid-attempt) leaves its delivery row owed, and the sweeper
 * queues it again: at least once.
 *
 * <p>Activation properties are checked by nobody: a misspelt one is silently ignored.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = HeraldResources.DELIVERY_QUEUE_NAME),
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = HeraldResources.RESOURCE_ADAPTER),
        @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "4")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryListener implements MessageListener {
    private static final Logger LOG = Logger.getLogger(DeliveryListener.class.getName());

    @Inject
    Dispatcher dispatcher;

    @Override
    public void onMessage(Message message) {
        List<DeliveryQueue.Ticket> tickets;
        try {
            tickets = DeliveryQueue.read(message);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "Unreadable delivery ticket; the sweeper will queue what it was for again", e);
            return;
        }
        if (tickets.isEmpty()) {
            LOG.warning("Ignoring a message that is not a Herald delivery ticket");
            return;
        }
        // One ticket that cannot be handed on (its endpoint's view or its pending row needs the
        // database, and that failed) must not fail the queue message: the broker would deliver it
        // again, and the tickets before it, whose first attempts may be under way on their ticket
        // alone, would be sent a second time, at the same moment. A ticket left here leaves its
        // delivery owed, and the sweeps queue it again.
        int failed = 0;
        RuntimeException first = null;
        for (DeliveryQueue.Ticket ticket : tickets) {
            try {
                dispatcher.dispatch(ticket);
            } catch (RuntimeException e) {
                failed++;
                first = first == null ? e : first;
            }
        }
        if (failed > 0) {
            LOG.log(Level.WARNING, failed + " of " + tickets.size() + " delivery tickets could not be handed on; their"
                    + " deliveries stay owed and the sweeper queues them again", first);
        }
    }
}
