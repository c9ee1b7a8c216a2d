package dev.herald.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class H2FileSettingsTest {
    @Test
    void theEmbeddedDefaultHasEverySettingItNeeds() {
        assertEquals(List.of(), H2FileSettings.missing(HeraldDriver.embeddedH2("/var/lib/herald")));
    }

    @Test
    void anH2FileOfOnesOwnIsToldWhatItLacks() {
        assertEquals(List.of("AUTO_COMPACT_FILL_RATE=0", "MAX_COMPACT_TIME=0", "DB_CLOSE_DELAY=-1", "DB_CLOSE_ON_EXIT=FALSE"),
                H2FileSettings.missing("jdbc:h2:file:/data/herald"));
        assertEquals(List.of("DB_CLOSE_ON_EXIT=FALSE"),
                H2FileSettings.missing("jdbc:h2:/data/herald;auto_compact_fill_rate=0;MAX_COMPACT_TIME=0;DB_CLOSE_DELAY=-1"));
        // a value other than the needed one is not the setting
        assertEquals(List.of("MAX_COMPACT_TIME=0"), H2FileSettings.missing(
                "jdbc:h2:./data/herald;AUTO_COMPACT_FILL_RATE=0;MAX_COMPACT_TIME=200;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE"));
    }

    @Test
    void otherDatabasesAreNotH2Files() {
        assertEquals(List.of(), H2FileSettings.missing("jdbc:h2:mem:test"));
        assertEquals(List.of(), H2FileSettings.missing("jdbc:h2:tcp://db:9092/herald"));
        assertEquals(List.of(), H2FileSettings.missing("jdbc:postgresql://db:5432/herald"));
    }
}
