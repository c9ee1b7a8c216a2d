package dev.herald.platform.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * Finishes Herald's {@code /openapi} document (registered as {@code mp.openapi.filter}). It
 * works around what Payara 6's generator does on its own (docs/platform-notes.md):
 * <ul>
 * <li>every operation gets the problem document as its {@code default} answer, so the resources
 * need not repeat it (Payara writes a "Default Response." there);
 * <li>the absolute servers Payara adds per listener (this machine's host and port) are dropped
 * for the relative one declared on {@code HeraldApi};
 * <li>schemas lose the attributes Payara writes with their Java defaults
 * ({@code maxProperties: 0}, which would forbid every property, {@code nullable: false}, …);
 * <li>class-level tags are not repeated without their descriptions;
 * <li>the list envelopes ({@code ListResponse_X_}) get their item type, which Payara leaves out;
 * <li>the health check needs no token.
 * </ul>
 */
public class OpenApiFilter implements OASFilter {
    static final String SCHEMAS = "#/components/schemas/";
    static final String LIST_PREFIX = "ListResponse_";

    @Override
    public Schema filterSchema(Schema schema) {
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinLength())) {
            schema.setMinLength(null);
        }
        if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinProperties())) {
            schema.setMinProperties(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        if (Boolean.FALSE.equals(schema.getNullable())) {
            schema.setNullable(null);
        }
        if (Boolean.FALSE.equals(schema.getReadOnly())) {
            schema.setReadOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getWriteOnly())) {
            schema.setWriteOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getDeprecated())) {
            schema.setDeprecated(null);
        }
        return schema;
    }

    @Override
    public Operation filterOperation(Operation operation) {
        if (Boolean.FALSE.equals(operation.getDeprecated())) {
            operation.setDeprecated(null);
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getServers() != null) {
            // Payara's list is unmodifiable: set a new one
            api.setServers(api.getServers().stream().filter(s -> s.getUrl() == null || !s.getUrl().contains("://"))
                    .collect(Collectors.toList()));
        }
        if (api.getTags() != null) {
            Map<String, Tag> tags = new LinkedHashMap<>();
            for (Tag tag : api.getTags()) {
                tags.merge(tag.getName(), tag, (first, again) -> first.getDescription() != null ? first : again);
            }
            api.setTags(new ArrayList<>(tags.values()));
        }
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            Map<String, Schema> schemas = new LinkedHashMap<>(api.getComponents().getSchemas());
            schemas.remove("ListResponse"); // the generic envelope; each list names its own
            schemas.forEach((name, schema) -> {
                if (name.startsWith(LIST_PREFIX) && schema.getProperties() != null
                        && schema.getProperties().get("data") != null) {
                    String item = name.substring(LIST_PREFIX.length(), name.length() - 1);
                    schema.getProperties().get("data").setItems(OASFactory.createSchema().ref(SCHEMAS + item));
                }
            });
            api.getComponents().setSchemas(schemas);
        }
        if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
            return;
        }
        api.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                Operation op = e.getValue();
                if (path.equals("/api/v1/health")) {
                    op.setSecurity(List.of()); // security: [] — no token
                }
                APIResponses responses = op.getResponses();
                if (responses == null) {
                    responses = OASFactory.createAPIResponses();
                    op.setResponses(responses);
                }
                // Payara fills in "Default Response." where a method declares no answers
                if (responses.getDefaultValue() == null
                        || "Default Response.".equals(responses.getDefaultValue().getDescription())) {
                    responses.setDefaultValue(OASFactory.createAPIResponse()
                            .description("An error, as a problem document (RFC 9457)")
                            .content(OASFactory.createContent().addMediaType("application/problem+json",
                                    OASFactory.createMediaType().schema(
                                            OASFactory.createSchema().ref(SCHEMAS + "ProblemDetails")))));
                }
            }
        });
    }
}
