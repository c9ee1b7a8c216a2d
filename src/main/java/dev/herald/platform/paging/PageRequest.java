package dev.herald.platform.paging;

import dev.herald.platform.problem.FieldError;
import dev.herald.platform.problem.Problem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code limit}, {@code iterator} and {@code order} from a list call's query string. Ids are
 * time-ordered, so the cursor is the last id of the page. Query values arrive as strings so a bad
 * one is a 422 naming the parameter rather than the container's 404.
 */
public record PageRequest(int limit, String iterator, boolean descending) {
    public static final int MAX_LIMIT = 250;
    private static final Map<String, String> ID_PREFIXES = Map.of("Application", "app", "Endpoint", "ep",
            "Message", "msg", "Attempt", "atmpt", "Delivery", "dlv");

    public static PageRequest parse(String limit, String iterator, String order, boolean descendingByDefault) {
        List<FieldError> errors = new ArrayList<>();
        int n = 50;
        if (limit != null && !limit.isEmpty()) {
            try {
                n = Integer.parseInt(limit);
                if (n < 1 || n > MAX_LIMIT) {
                    errors.add(FieldError.query("limit", "must be between 1 and " + MAX_LIMIT));
                }
            } catch (NumberFormatException e) {
                errors.add(FieldError.query("limit", "must be an integer"));
            }
        }
        boolean descending = descendingByDefault;
        if (order != null && !order.isEmpty()) {
            switch (order) {
                case "ascending" -> descending = false;
                case "descending" -> descending = true;
                default -> errors.add(FieldError.query("order", "must be 'ascending' or 'descending'"));
            }
        }
        if (iterator != null && !iterator.matches("-?[a-z]+_[0-9a-z]{26}")) {
            errors.add(FieldError.query("iterator", "is not a cursor returned by this API"));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        return new PageRequest(n, iterator, descending);
    }

    /**
     * One page of {@code entity} rows matching {@code where} (JPQL over alias {@code e}), in id
     * order from the cursor. An iterator starting with '-' (a {@code prevIterator}) walks back.
     */
    public <E, T> ListResponse<T> list(EntityManager em, Class<E> entity, String where, Map<String, Object> params,
            Function<E, String> id, Function<E, T> toJson) {
        boolean back = iterator != null && iterator.startsWith("-");
        String cursor = iterator == null ? null : (back ? iterator.substring(1) : iterator);
        if (cursor != null && !cursor.startsWith(ID_PREFIXES.getOrDefault(entity.getSimpleName(), "") + "_")) {
            throw Problem.invalid(List.of(FieldError.query("iterator", "is a cursor of another list")));
        }
        boolean desc = descending != back;
        StringBuilder jpql = new StringBuilder("select e from ").append(entity.getSimpleName()).append(" e where ")
                .append(where);
        if (cursor != null) {
            jpql.append(desc ? " and e.id < :cursor" : " and e.id > :cursor");
        }
        jpql.append(" order by e.id ").append(desc ? "desc" : "asc");
        TypedQuery<E> query = em.createQuery(jpql.toString(), entity).setMaxResults(limit + 1);
        params.forEach(query::setParameter);
        if (cursor != null) {
            query.setParameter("cursor", cursor);
        }
        List<E> rows = new ArrayList<>(query.getResultList());
        if (!back) {
            return page(rows, id, toJson);
        }
        boolean more = rows.size() > limit;
        List<E> page = more ? rows.subList(0, limit) : rows;
        Collections.reverse(page);
        String next = page.isEmpty() ? null : id.apply(page.get(page.size() - 1));
        String prev = page.isEmpty() || !more ? null : "-" + id.apply(page.get(0));
        // Walking back, "done" says whether anything lies further back.
        return new ListResponse<>(page.stream().map(toJson).toList(), next, prev, !more);
    }

    /**
     * Builds the envelope from up to {@code limit + 1} rows fetched in cursor order: the extra row
     * only says whether another page exists.
     */
    public <E, T> ListResponse<T> page(List<E> rows, Function<E, String> id, Function<E, T> toJson) {
        boolean done = rows.size() <= limit;
        List<E> page = done ? rows : rows.subList(0, limit);
        String next = page.isEmpty() ? null : id.apply(page.get(page.size() - 1));
        String prev = page.isEmpty() ? null : "-" + id.apply(page.get(0));
        return new ListResponse<>(page.stream().map(toJson).toList(), next, prev, done);
    }
}
