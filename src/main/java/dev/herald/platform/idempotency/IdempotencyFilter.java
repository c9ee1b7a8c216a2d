package dev.herald.platform.idempotency;

import dev.herald.platform.json.JsonBody;

import dev.herald.platform.problem.FieldError;
import dev.herald.platform.problem.Problem;
import dev.herald.platform.problem.ProblemType;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code Idempotency-Key} on POST: the first answer is stored and a repeat with the same key and
 * path gets it again, creating nothing; the same key with a different body is a 422. The Svix
 * SDKs send a key with every POST and retry 5xx answers with the same key, so a 5xx releases
 * the key instead of being stored.
 *
 * <p>It runs after authorization, so only a request its caller may make can claim a key or be
 * answered from the store. Answers that carry a credential ({@link NotReplayable}) are never
 * stored.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 100)
public class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {
    static final String HEADER = "Idempotency-Key";
    static final int MAX_HASHED_BODY = 2 * 1024 * 1024;
    private static final String KEY = IdempotencyFilter.class.getName() + ".key";
    private static final String STATUS = IdempotencyFilter.class.getName() + ".status";

    @Inject
    IdempotencyStore store;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod()) || isNotReplayable()) {
            return;
        }
        if (key.isEmpty() || key.length() > 256 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw Problem.invalid(List.of(new FieldError(List.of("header", HEADER),
                    "must be 1 to 256 visible ASCII characters", "value_error")));
        }
        // "/msg" and "/msg/" are one resource, so they share keys.
        String path = request.getUriInfo().getRequestUri().getRawPath().replaceAll("/+$", "");
        // A key belongs to its caller too: another token reusing it must not see the first answer.
        String caller = hash(String.valueOf(request.getHeaderString(jakarta.ws.rs.core.HttpHeaders.AUTHORIZATION)));
        String hash = hash(caller + "\n" + path + "\n" + key);
        String bodyHash = hashBody(request);
        IdempotencyRecord existing;
        try {
            existing = store.claim(hash, bodyHash);
        } catch (RuntimeException raced) {
            throw inProgress();
        }
        if (existing != null && existing.getRequestHash() != null && !existing.getRequestHash().equals(bodyHash)) {
            throw Problem.invalid(List.of(new FieldError(List.of("header", HEADER),
                    "was already used for a request with a different body", "value_error.idempotency_key_reused")));
        }
        if (existing == null) {
            request.setProperty(KEY, hash);
        } else if (existing.isComplete()) {
            Response.ResponseBuilder replay = Response.status(existing.getStatus()).header("Idempotent-Replayed", "true");
            if (existing.getBody() != null && !existing.getBody().isEmpty()) {
                replay.entity(existing.getBody()).type(existing.getContentType());
            }
            request.abortWith(replay.build());
        } else {
            throw inProgress();
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String hash = (String) request.getProperty(KEY);
        if (hash == null) {
            return;
        }
        if (response.getStatus() >= 500) {
            store.release(hash);
        } else if (!response.hasEntity()) {
            store.complete(hash, response.getStatus(), null, "");
        } else {
            request.setProperty(STATUS, response.getStatus());
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        String hash = (String) context.getProperty(KEY);
        Integer status = (Integer) context.getProperty(STATUS);
        if (hash == null || status == null) {
            context.proceed();
            return;
        }
        OutputStream original = context.getOutputStream();
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        context.setOutputStream(copy);
        try {
            context.proceed();
        } finally {
            context.setOutputStream(original);
        }
        byte[] bytes = copy.toByteArray();
        MediaType type = context.getMediaType();
        store.complete(hash, status, type == null ? MediaType.APPLICATION_JSON : type.toString(),
                storedForm(new String(bytes, StandardCharsets.UTF_8)));
        original.write(bytes);
    }

    /**
     * What the store keeps of an answer: without the fields a {@link ReplayWithout} names (a
     * secret is shown once; its replay must not show it again, nor keep it in clear).
     */
    private String storedForm(String body) {
        var method = resource.getResourceMethod();
        ReplayWithout without = method == null ? null : method.getAnnotation(ReplayWithout.class);
        if (without == null || body.isEmpty()) {
            return body;
        }
        try {
            var object = dev.herald.platform.json.JsonText.parseObject(body);
            var copy = dev.herald.platform.json.Jsonp.PROVIDER.createObjectBuilder(object);
            for (String field : without.value()) {
                copy.remove(field);
            }
            return copy.build().toString();
        } catch (RuntimeException notAnObject) {
            return "";
        }
    }

    private boolean isNotReplayable() {
        var method = resource.getResourceMethod();
        return method != null && method.isAnnotationPresent(NotReplayable.class);
    }

    /**
     * Hashes the body and puts it back for the resource to read. Bodies above the largest any
     * resource accepts are left alone: the resource answers 413 before anything is stored.
     */
    private static String hashBody(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return hash("");
        }
        try {
            byte[] body = request.getEntityStream().readNBytes(MAX_HASHED_BODY);
            request.setEntityStream(new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(body),
                    request.getEntityStream()));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (IOException e) {
            throw JsonBody.unreadable();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static Problem inProgress() {
        return new Problem(ProblemType.CONFLICT, "A request with this " + HEADER + " is still in progress");
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
