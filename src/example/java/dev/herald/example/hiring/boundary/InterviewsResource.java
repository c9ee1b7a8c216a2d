package dev.herald.example.hiring.boundary;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.control.Refusal;
import dev.herald.example.hiring.entity.Candidate;
import dev.herald.example.hiring.entity.Interview;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * TalentSprout's interviews: {@code interview.completed} or {@code interview.abandoned}, once, to
 * the interview's own URL when it has one.
 */
@Path("domain/interviews")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Captures
public class InterviewsResource {
    @PersistenceContext
    EntityManager em;

    @Inject
    Records records;

    @POST
    public Response createInterview(InputStream body) {
        Input f = Input.read(body, Records.MAX_BODY);
        String candidate = f.requiredString("candidate_id", 40);
        String title = f.optionalString("title", 256);
        String company = f.optionalString("company_name", 256);
        String url = overrideUrl(f);
        f.validate();
        Interview i = new Interview(records.find(Candidate.class, candidate), title, company, url);
        em.persist(i);
        return records.created(i);
    }

    @PATCH
    @Path("{id}")
    public JsonObject changeInterview(@PathParam("id") String id, InputStream body) {
        Interview i = records.find(Interview.class, id);
        Input f = Input.read(body, Records.MAX_BODY);
        String status = f.optionalString("status", 64);
        Double score = Records.number(f, "overall_score");
        String url = f.present("webhook_url") ? overrideUrl(f) : null;
        f.validate();
        if (f.present("webhook_url")) {
            i.setWebhookUrl(url);
        }
        if (status != null) {
            if (!status.equals(Interview.COMPLETED) && !status.equals(Interview.ABANDONED)) {
                throw Refusal.invalidField("status", "must be completed or abandoned");
            }
            if (i.isFinished()) {
                throw Refusal.conflict("The interview is already " + i.status() + "; it cannot become " + status);
            }
            i.finish(status, score);
        }
        return records.answer(i);
    }

    /**
     * The interview's own webhook URL, checked for its shape only: Herald applies its URL rules
     * when the event arrives, and a URL it refuses leaves the event in the outbox, marked failed.
     */
    private String overrideUrl(Input f) {
        String url = f.optionalString("webhook_url", 2048);
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            if (!uri.isAbsolute() || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                f.error("webhook_url", "must be an absolute http(s) URL");
            }
        } catch (java.net.URISyntaxException e) {
            f.error("webhook_url", "must be an absolute http(s) URL");
        }
        return url;
    }
}
