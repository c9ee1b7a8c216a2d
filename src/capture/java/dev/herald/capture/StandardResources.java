package dev.herald.capture;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The platform objects the library needs, by their standard names, so its beans declare no
 * resource references an application would have to know about. (Looked up when used, never in
 * an observer of {@code @Initialized(ApplicationScoped.class)}: Payara fires that before the
 * module's naming context exists.)
 */
public final class StandardResources {
    private static volatile TransactionSynchronizationRegistry transactions;

    private StandardResources() {
    }

    public static TransactionSynchronizationRegistry transactions() {
        TransactionSynchronizationRegistry found = transactions;
        if (found == null) {
            found = lookup("java:comp/TransactionSynchronizationRegistry");
            transactions = found;
        }
        return found;
    }

    public static ManagedThreadFactory threads() {
        return lookup("java:comp/DefaultManagedThreadFactory");
    }

    private static <T> T lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("The platform has no " + name, e);
        }
    }
}
