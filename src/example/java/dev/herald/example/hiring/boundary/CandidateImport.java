package dev.herald.example.hiring.boundary;

import dev.herald.capture.Captures;
import dev.herald.example.hiring.control.Input;
import dev.herald.example.hiring.control.Refusal;
import dev.herald.example.hiring.entity.Candidate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** One candidate of an import, published as soon as it is created, in the import's transaction. */
@ApplicationScoped
public class CandidateImport {
    @PersistenceContext
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    @Captures
    public String createOne(Input f, String where) {
        String tenant = f.requiredString("tenant_id", 256);
        String first = f.optionalString("first_name", 256);
        String last = f.optionalString("last_name", 256);
        String email = f.optionalString("email", 256);
        try {
            f.validate();
        } catch (Refusal refused) {
            throw new Refusal(422, where + ": " + refused.getMessage(), refused.fields);
        }
        Candidate c = new Candidate(tenant, first, last, email);
        em.persist(c);
        return c.getId();
    }
}
