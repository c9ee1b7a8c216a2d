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
import jakarta.jms.TextMessage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes delivery ids off the queue. No transaction spans the message: the dispatcher's own short
 * transactions record progress, and the message is acknowledged when this returns. If the
 * process dies mid-attempt the broker redelivers it and the attempt runs again (at least once).
 *
 * <p>Activation properties are checked by nobody: a misspelt one is silently ignored.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = HeraldResources.DELIVERY_QUEUE_NAME),
        @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = HeraldResources.RESOURCE_ADAPTER),
        @ActivationConfigProperty(propertyName = "maxSessions", propertyValue = "16")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeliveryListener implements MessageListener {
    private static final Logger LOG = Logger.getLogger(DeliveryListener.class.getName());

    @Inject
    Dispatcher dispatcher;

    @Override
    public void onMessage(Message message) {
        try {
            if (!(message instanceof TextMessage text) || !message.propertyExists(DeliveryQueue.ATTEMPT)) {
                LOG.warning("Ignoring a message that is not a Herald delivery ticket: " + message.getJMSMessageID());
                return;
            }
            dispatcher.dispatch(new DeliveryQueue.Ticket(text.getText(),
                    message.getStringProperty(DeliveryQueue.ENDPOINT), message.getIntProperty(DeliveryQueue.ATTEMPT), 0));
        } catch (JMSException e) {
            LOG.log(Level.WARNING, "Unreadable delivery ticket", e);
            throw new IllegalStateException(e);
        }
    }
}
