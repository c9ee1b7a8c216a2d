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

    @Inject
    @ConfigProperty(name = "herald.targets.refuse-ip-literals", defaultValue = "false")
    boolean refuseIpLiterals;

    private UrlGuard guard;
    private String configurationProblem;

    @PostConstruct
    void init() {
        try {
            List<Cidr> ranges = UrlGuard.parseRanges(allow);
            guard = new UrlGuard(ranges, java.net.InetAddress::getAllByName, refuseIpLiterals);
        } catch (IllegalArgumentException e) {
            // Refuse every target rather than guess, and say why through readiness and the log.
            configurationProblem = "HERALD_TARGETS_ALLOW is invalid: " + e.getMessage();
            java.util.logging.Logger.getLogger(TargetPolicy.class.getName()).severe(configurationProblem);
            guard = new UrlGuard(List.of(), host -> {
                throw new java.net.UnknownHostException(configurationProblem);
            });
        }
    }

    public UrlGuard guard() {
        return guard;
    }

    /** Null when the configuration is usable. */
    public String configurationProblem() {
        return configurationProblem;
    }
}
