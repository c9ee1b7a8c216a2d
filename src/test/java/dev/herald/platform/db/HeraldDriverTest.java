package dev.herald.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class HeraldDriverTest {
    @Test
    void postgresqlRewritesBatchedInsertsUnlessTheUrlSaysOtherwise() {
        Properties info = new Properties();
        info.setProperty("user", "herald");
        String url = "jdbc:postgresql://127.0.0.1:5432/herald";
        Properties real = org.postgresql.Driver.parseURL(url, HeraldDriver.defaults(url, info));
        assertEquals("true", real.getProperty("reWriteBatchedInserts"));
        assertEquals("herald", real.getProperty("user"), "the caller's properties are passed on");

        String operators = url + "?reWriteBatchedInserts=false";
        assertEquals("false", org.postgresql.Driver.parseURL(operators, HeraldDriver.defaults(operators, info))
                .getProperty("reWriteBatchedInserts"), "a parameter in the URL wins");
    }

    @Test
    void h2GetsNothingItWouldNotKnow() {
        Properties real = HeraldDriver.defaults("jdbc:h2:mem:x", new Properties());
        assertNull(real.getProperty("reWriteBatchedInserts"));
    }
}
