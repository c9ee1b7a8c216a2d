package dev.herald.platform.paging;

import java.util.List;

/** Svix's list envelope. {@code iterator} is the cursor for the next page. */
public record ListResponse<T>(List<T> data, String iterator, String prevIterator, boolean done) {
}
