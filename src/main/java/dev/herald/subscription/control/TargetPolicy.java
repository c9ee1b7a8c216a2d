package dev.herald.subscription.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The deployment's {@link UrlGuard}, configured by {@code HERALD_TARGETS_ALLOW}. */
@ApplicationScoped
public class TargetPolicy {
    @Inject
    @ConfigProperty(name = "herald.targets.allow", defaultValue = " ")
    String allow;

    private UrlGuard guard;

    @PostConstruct
    void init() {
        List<Cidr> ranges = UrlGuard.parseRanges(allow);
        guard = new UrlGuard(ranges);
    }

    public UrlGuard guard() {
        return guard;
    }
}
