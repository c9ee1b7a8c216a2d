package dev.herald.ops.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Herald's part of MicroProfile Health's {@code /health/ready}. */
@org.eclipse.microprofile.health.Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    @Inject
    Readiness readiness;

    @Override
    public HealthCheckResponse call() {
        return readiness.check();
    }
}
