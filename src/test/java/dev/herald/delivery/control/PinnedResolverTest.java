package dev.herald.delivery.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client connects only where the guard looked: never a lookup of its own. */
class PinnedResolverTest {
    final PinnedResolver resolver = new PinnedResolver();

    @AfterEach
    void clear() {
        PinnedResolver.clear();
    }

    @Test
    void answersOnlyTheCheckedAddressesForTheCheckedHost() throws Exception {
        InetAddress checked = InetAddress.getByName("93.184.216.34");
        PinnedResolver.pin("Hooks.Example.", List.of(checked));
        assertArrayEquals(new InetAddress[] {checked}, resolver.resolve("hooks.example"));
        assertThrows(UnknownHostException.class, () -> resolver.resolve("other.example"));
    }

    @Test
    void withoutAPinItRefusesRatherThanLookingUp() {
        assertThrows(UnknownHostException.class, () -> resolver.resolve("localhost"));
    }

    @Test
    void ipv6LiteralsMatchWithOrWithoutBrackets() throws Exception {
        InetAddress v6 = InetAddress.getByName("2606:2800:220:1::1");
        PinnedResolver.pin("[2606:2800:220:1::1]", List.of(v6));
        assertArrayEquals(new InetAddress[] {v6}, resolver.resolve("2606:2800:220:1::1"));
    }
}
