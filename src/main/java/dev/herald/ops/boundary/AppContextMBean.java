package dev.herald.ops.boundary;

import java.util.concurrent.Callable;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.InvalidAttributeValueException;
import javax.management.MBeanException;
import javax.management.NotCompliantMBeanException;
import javax.management.ReflectionException;
import javax.management.StandardMBean;

/**
 * A standard MBean that runs every call with the application's class loader as the thread's
 * context class loader. A remote JMX client (JConsole over RMI) calls in on a thread whose
 * context class loader is null, and CDI proxies behind the MBean then fail with "Thread's
 * context class loader is null"; calls through the local platform server happen to work.
 */
final class AppContextMBean<T> extends StandardMBean {
    private final ClassLoader application;

    AppContextMBean(T implementation, Class<T> mbeanInterface) throws NotCompliantMBeanException {
        super(implementation, mbeanInterface);
        this.application = implementation.getClass().getClassLoader();
    }

    private <R> R inApplication(Callable<R> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Object getAttribute(String name) throws AttributeNotFoundException, MBeanException, ReflectionException {
        try {
            return inApplication(() -> super.getAttribute(name));
        } catch (AttributeNotFoundException | MBeanException | ReflectionException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MBeanException(e);
        }
    }

    @Override
    public void setAttribute(Attribute attribute)
            throws AttributeNotFoundException, InvalidAttributeValueException, MBeanException, ReflectionException {
        try {
            inApplication(() -> {
                super.setAttribute(attribute);
                return null;
            });
        } catch (AttributeNotFoundException | InvalidAttributeValueException | MBeanException | ReflectionException
                | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MBeanException(e);
        }
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        try {
            return inApplication(() -> super.getAttributes(names));
        } catch (Exception e) {
            return new AttributeList();
        }
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        try {
            return inApplication(() -> super.setAttributes(attributes));
        } catch (Exception e) {
            return new AttributeList();
        }
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) throws MBeanException, ReflectionException {
        try {
            return inApplication(() -> super.invoke(action, params, signature));
        } catch (MBeanException | ReflectionException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MBeanException(e);
        }
    }
}
