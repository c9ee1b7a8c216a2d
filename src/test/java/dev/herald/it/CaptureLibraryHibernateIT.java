package dev.herald.it;

import org.junit.jupiter.api.BeforeAll;

/**
 * The same example application and the same capture rules on Hibernate (bundled in the WAR, as
 * Herald bundles it): the library uses entity listeners, CDI and native SQL only, so both
 * providers must give the same webhooks. (Hibernate hands a subordinate a proxy of its root.)
 */
class CaptureLibraryHibernateIT extends CaptureScenario {
    @BeforeAll
    static void start() throws Exception {
        launch("capture-hibernate", System.getProperty("herald.exampleHibernateWar", "target/hiring-hibernate.war"));
    }
}
