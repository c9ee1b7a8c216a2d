package dev.herald.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramedBodyTest {
    /** The rest of the connection: the next request follows the body, as it would on the wire. */
    static InputStream wire(String bytes) {
        return new ByteArrayInputStream(bytes.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aSizedBodyEndsAtItsLengthAndLeavesTheRestOnTheWire() throws IOException {
        InputStream rest = wire("{\"a\":1}GET / HTTP/1.1");
        FramedBody body = new FramedBody.Sized(rest, 7);
        assertEquals("{\"a\":1}", readAll(body));
        assertTrue(body.isFinished());
        assertEquals(-1, body.read());
        assertEquals("GET / HTTP/1.1", readAll(rest));
    }

    @Test
    void noLengthMeansNoBody() throws IOException {
        assertEquals("", readAll(new FramedBody.Sized(wire("GET / HTTP/1.1"), 0)));
    }

    @Test
    void aSizedBodyCutShortByTheClientIsAnErrorNotAnEnd() {
        assertThrows(IOException.class, () -> readAll(new FramedBody.Sized(wire("{\"a\""), 7)));
    }

    @Test
    void chunksWithExtensionsAndTrailersDecodeToTheBody() throws IOException {
        InputStream rest = wire("4;name=v\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: 1\r\n\r\nNEXT");
        FramedBody body = new FramedBody.Chunked(rest);
        assertEquals("Wikipedia in\r\n\r\nchunks.", readAll(body));
        assertTrue(body.isFinished());
        assertEquals("NEXT", readAll(rest));
    }

    @Test
    void bareLineFeedsAndUpperCaseHexAreAccepted() throws IOException {
        assertEquals("0123456789ABCDEF", readAll(new FramedBody.Chunked(wire("A\n0123456789\n6\nABCDEF\n0\n\n"))));
    }

    @Test
    void malformedChunkingIsAnError() {
        assertThrows(IOException.class, () -> readAll(new FramedBody.Chunked(wire("zz\r\nabc\r\n0\r\n\r\n"))));
        assertThrows(IOException.class, () -> readAll(new FramedBody.Chunked(wire("3\r\nabcd\r\n0\r\n\r\n"))));
        assertThrows(IOException.class, () -> readAll(new FramedBody.Chunked(wire("3\r\nab"))));
        assertThrows(IOException.class, () -> readAll(new FramedBody.Chunked(wire("-1\r\n"))));
        assertThrows(IOException.class, () -> readAll(new FramedBody.Chunked(wire("1".repeat(5000)))));
    }
}
