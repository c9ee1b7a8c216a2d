package dev.herald.contract;

import java.util.List;
import java.util.Map;

/** One webhook request, exactly as it goes on the wire: the body bytes are the signed bytes. */
public record OutgoingRequest(String method, String url, List<Map.Entry<String, String>> headers, byte[] body) {
    public String header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst()
                .orElse(null);
    }
}
