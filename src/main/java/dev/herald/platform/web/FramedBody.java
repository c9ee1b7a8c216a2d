package dev.herald.platform.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body cut out of a raw byte stream by its HTTP/1.1 framing: what {@link UpgradeDecline}
 * hands the application when the container passed the bytes on undecoded. Blocking reads only
 * (nothing in Herald reads a body asynchronously).
 */
abstract class FramedBody extends ServletInputStream {
    final InputStream raw;

    FramedBody(InputStream raw) {
        this.raw = raw;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException("A declined upgrade's body is read blocking");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    /** {@code Content-Length} bytes, then the end. */
    static final class Sized extends FramedBody {
        private long remaining;

        Sized(InputStream raw, long length) {
            super(raw);
            this.remaining = length;
        }

        @Override
        public boolean isFinished() {
            return remaining == 0;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int n = raw.read(into, offset, (int) Math.min(length, remaining));
            if (n == -1) {
                throw new IOException("The client closed the connection " + remaining + " bytes before the end of the body");
            }
            remaining -= n;
            return n;
        }
    }

    /** {@code Transfer-Encoding: chunked} (RFC 9112 §7.1): chunk sizes in hex, a zero chunk, trailers. */
    static final class Chunked extends FramedBody {
        private static final int MAX_LINE = 4096;
        private long leftInChunk;
        private boolean finished;

        Chunked(InputStream raw) {
            super(raw);
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (finished) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            if (leftInChunk == 0) {
                leftInChunk = chunkSize(line());
                if (leftInChunk == 0) {
                    while (!line().isEmpty()) {
                        // trailer fields: nothing in Herald reads them
                    }
                    finished = true;
                    return -1;
                }
            }
            int n = raw.read(into, offset, (int) Math.min(length, leftInChunk));
            if (n == -1) {
                throw new IOException("The client closed the connection inside a chunk");
            }
            leftInChunk -= n;
            if (leftInChunk == 0 && !line().isEmpty()) {
                throw new IOException("A chunk is longer than its size line says");
            }
            return n;
        }

        private static long chunkSize(String line) throws IOException {
            int end = line.indexOf(';');
            String hex = (end < 0 ? line : line.substring(0, end)).trim();
            try {
                long size = Long.parseLong(hex, 16);
                if (size < 0) {
                    throw new NumberFormatException(hex);
                }
                return size;
            } catch (NumberFormatException e) {
                throw new IOException("Not a chunk size: '" + hex + "'");
            }
        }

        /** One line without its CRLF (a bare LF is accepted too). */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = raw.read(); c != '\n'; c = raw.read()) {
                if (c == -1) {
                    throw new IOException("The client closed the connection inside the chunked framing");
                }
                if (line.length() == MAX_LINE) {
                    throw new IOException("A chunk size or trailer line is longer than " + MAX_LINE + " bytes");
                }
                line.append((char) c);
            }
            int length = line.length();
            return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
        }
    }
}
