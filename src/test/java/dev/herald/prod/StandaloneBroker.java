package dev.herald.prod;

import java.io.File;

/**
 * A standalone ActiveMQ Classic broker in its own JVM, for the production-shape test: the same
 * 6.1.8 jars the resource adapter carries (target/rar-work), a TCP listener, KahaDB and the
 * scheduler (Herald's retries need it). Reflection keeps the broker's jars off the test class path.
 *
 * <pre>java -cp "target/rar-work/*:target/rar-work:target/test-classes" dev.herald.prod.StandaloneBroker PORT DIR</pre>
 */
public final class StandaloneBroker {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        File dir = new File(args[1]).getAbsoluteFile();
        String uri = "broker:(tcp://127.0.0.1:" + port + ")?brokerName=standalone&persistent=true"
                + "&schedulerSupport=true&useJmx=false&useShutdownHook=false&dataDirectory=" + dir.toURI().getPath();
        Object broker = Class.forName("org.apache.activemq.broker.BrokerFactory").getMethod("createBroker", String.class)
                .invoke(null, uri);
        broker.getClass().getMethod("start").invoke(broker);
        broker.getClass().getMethod("waitUntilStarted").invoke(broker);
        System.out.println("BROKER READY on " + port);
        broker.getClass().getMethod("waitUntilStopped").invoke(broker);
    }
}
