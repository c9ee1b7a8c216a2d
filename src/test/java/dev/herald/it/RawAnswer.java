package dev.herald.it;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** An HTTP/1.1 answer read off a socket, for requests the JDK's client will not send as they are. */
record RawAnswer(String protocol, int status, String contentType, String body) {
    /** The answer's status line, headers and a body of its Content-Length; {@code in} should be buffered. */
    static RawAnswer read(InputStream in) throws IOException {
        String[] statusLine = line(in).split(" ");
        int length = 0;
        String type = "";
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            } else if (lower.startsWith("content-type:")) {
                type = header.substring(13).trim();
            }
        }
        return new RawAnswer(statusLine[0], Integer.parseInt(statusLine[1]), type,
                new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }
}
