package dev.herald.platform.web;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.HttpCodecFilter;

/**
 * Installs {@link MalformedUriProbe} on the HTTP codec of every Payara network listener when
 * Herald deploys, and removes it when Herald undeploys. No documented setting makes Payara answer
 * malformed escapes properly, so this reaches into the server's Grizzly listeners (by reflection,
 * to keep Payara's internal classes off the compile path). If that ever fails, Herald still runs
 * and logs a warning; the integration test notices.
 */
@ApplicationScoped
public class MalformedUriGuard {
    private static final Logger LOG = Logger.getLogger(MalformedUriGuard.class.getName());

    private final MalformedUriProbe probe = new MalformedUriProbe();
    private final List<HttpCodecFilter> guarded = new ArrayList<>();

    void install(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            for (HttpCodecFilter codec : httpCodecs()) {
                codec.getMonitoringConfig().addProbes(probe);
                guarded.add(codec);
            }
            LOG.info("Malformed-URI guard installed on " + guarded.size() + " HTTP listener codec(s)");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Cannot install the malformed-URI guard; Payara will answer malformed "
                    + "percent-escapes with an empty 200", e);
        }
    }

    @PreDestroy
    void uninstall() {
        for (HttpCodecFilter codec : guarded) {
            codec.getMonitoringConfig().removeProbes(probe);
        }
        guarded.clear();
    }

    /** GrizzlyService → its network proxies → each one's Grizzly listener → HTTP codec filters. */
    private static List<HttpCodecFilter> httpCodecs() throws ReflectiveOperationException {
        ClassLoader server = Thread.currentThread().getContextClassLoader();
        Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", true, server);
        Object locator = globals.getMethod("getDefaultHabitat").invoke(null);
        Class<?> grizzlyServiceType = Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyService", true, server);
        Method getService = locator.getClass().getMethod("getService", Class.class, java.lang.annotation.Annotation[].class);
        Object grizzlyService = getService.invoke(locator, grizzlyServiceType, new java.lang.annotation.Annotation[0]);
        Collection<?> proxies = (Collection<?>) field(grizzlyServiceType, "proxies").get(grizzlyService);
        List<HttpCodecFilter> codecs = new ArrayList<>();
        for (Object proxy : proxies) {
            Field listenerField = findField(proxy.getClass(), "grizzlyListener");
            if (listenerField == null) {
                continue;
            }
            Object listener = listenerField.get(proxy);
            if (listener == null) {
                continue;
            }
            Method getFilters = listener.getClass().getMethod("getFilters", Class.class);
            for (Object filter : (List<?>) getFilters.invoke(listener, HttpCodecFilter.class)) {
                codecs.add((HttpCodecFilter) filter);
            }
        }
        return codecs;
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = findField(type, name);
        if (f == null) {
            throw new NoSuchFieldException(type.getName() + "." + name);
        }
        return f;
    }

    private static Field findField(Class<?> type, String name) {
        for (Class<?> t = type; t != null; t = t.getSuperclass()) {
            try {
                Field f = t.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }
}
