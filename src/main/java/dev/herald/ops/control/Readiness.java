package dev.herald.ops.control;

import dev.herald.platform.HeraldResources;
import jakarta.annotation.Resource;
import dev.herald.subscription.control.TargetPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import java.sql.Statement;
import javax.sql.DataSource;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Ready means the database answers and the broker accepts a session. Payara's own readiness says
 * "up" even when the resource adapter or a post-boot command failed, so Herald checks for itself.
 */
@ApplicationScoped
public class Readiness {
    @Resource(lookup = HeraldResources.DATASOURCE)
    DataSource dataSource;

    @Resource(lookup = HeraldResources.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Inject
    TargetPolicy targets;

    public HealthCheckResponse check() {
        String database = probeDatabase();
        String broker = probeBroker();
        String configuration = targets.configurationProblem();
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("herald")
                .withData("database", database == null ? "up" : database)
                .withData("broker", broker == null ? "up" : broker)
                .withData("configuration", configuration == null ? "ok" : configuration);
        return (database == null && broker == null && configuration == null ? answer.up() : answer.down()).build();
    }

    public boolean isReady() {
        return targets.configurationProblem() == null && probeDatabase() == null && probeBroker() == null;
    }

    String probeDatabase() {
        try (var connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select 1");
            return null;
        } catch (Exception e) {
            return "down: " + e.getClass().getSimpleName();
        }
    }

    String probeBroker() {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            return null;
        } catch (Exception e) {
            return "down: " + e.getClass().getSimpleName();
        }
    }
}
