package dev.herald.platform.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretBoxTest {
    final SecretBox box = new SecretBox(new byte[32]);

    @Test
    void sealsAndOpens() {
        String sealed = box.seal("whsec_abc");
        assertTrue(SecretBox.isSealed(sealed));
        assertFalse(sealed.contains("whsec_abc"));
        assertNotEquals(sealed, box.seal("whsec_abc"), "a fresh nonce every time");
        assertEquals("whsec_abc", box.open(sealed));
    }

    @Test
    void oldPlainValuesReadAsTheyAre() {
        assertEquals("whsec_plain", box.open("whsec_plain"));
    }

    @Test
    void aWrongKeyFailsWithoutShowingTheValue() {
        String sealed = box.seal("whsec_abc");
        byte[] other = new byte[32];
        other[0] = 1;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new SecretBox(other).open(sealed));
        assertFalse(e.getMessage().contains(sealed));
    }
}
