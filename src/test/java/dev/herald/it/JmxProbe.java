package dev.herald.it;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.management.ManagementFactory;
import javax.management.Attribute;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Test-only resource: reads, sets and invokes MBeans through the server's platform MBean server,
 * exactly as JConsole would, and answers in JSON for the test client.
 */
@Path("_test/jmx")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JmxProbe {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @GET
    @Path("{attribute}")
    public Response read(@QueryParam("name") String name, @PathParam("attribute") String attribute) throws Exception {
        return Response.ok(value(asRemote(() -> server.getAttribute(new ObjectName(name), attribute)))).build();
    }

    @PUT
    @Path("{attribute}")
    public Response write(@QueryParam("name") String name, @PathParam("attribute") String attribute,
            @QueryParam("value") String value, @QueryParam("type") String type) {
        try {
            Object typed = switch (type == null ? "string" : type) {
                case "int" -> Integer.valueOf(value);
                case "long" -> Long.valueOf(value);
                case "boolean" -> Boolean.valueOf(value);
                default -> value;
            };
            asRemote(() -> {
                server.setAttribute(new ObjectName(name), new Attribute(attribute, typed));
                return null;
            });
            return Response.noContent().build();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Response.status(400).entity(Json.createObjectBuilder().add("error", String.valueOf(cause.getMessage()))
                    .build()).build();
        }
    }

    @POST
    @Path("{operation}")
    public Response invoke(@QueryParam("name") String name, @PathParam("operation") String operation,
            @QueryParam("arg") String arg) throws Exception {
        Object[] args = arg == null ? new Object[0] : new Object[] {arg};
        String[] signature = arg == null ? new String[0] : new String[] {String.class.getName()};
        return Response.ok(value(asRemote(() -> server.invoke(new ObjectName(name), operation, args, signature))))
                .build();
    }

    /**
     * Runs the call the way a remote JMX client's call arrives (JConsole over RMI): on a thread
     * with no context class loader.
     */
    private static Object asRemote(java.util.concurrent.Callable<Object> call) throws Exception {
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = call.call();
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "jmx-probe-as-remote");
        thread.setContextClassLoader(null);
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }

    private static JsonObject value(Object value) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (value == null) {
            b.addNull("value");
        } else if (value instanceof Number || value instanceof Boolean) {
            b.add("value", Json.createValue(value.toString()));
            b.add("number", value instanceof Boolean ? 0 : ((Number) value).doubleValue());
        } else if (value instanceof Object[] array) {
            b.add("value", java.util.Arrays.toString(array));
        } else {
            b.add("value", value.toString());
        }
        return b.build();
    }
}
