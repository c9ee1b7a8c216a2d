package dev.herald.subscription.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UrlGuardTest {
    /** Names resolve from this table only: no DNS in unit tests. */
    private static final Map<String, String> DNS = Map.ofEntries(
            Map.entry("public.example", "93.184.216.34"),
            Map.entry("inward.example", "10.1.2.3"),
            Map.entry("loopback.example", "127.0.0.1"),
            Map.entry("metadata.example", "169.254.169.254"),
            Map.entry("cgnat.example", "100.64.1.1"),
            Map.entry("multicast.example", "239.1.1.1"),
            Map.entry("unspecified.example", "0.0.0.0"),
            Map.entry("ula.example", "fd00::1"),
            Map.entry("linklocal6.example", "fe80::1"),
            Map.entry("mapped.example", "::ffff:192.168.0.1"),
            Map.entry("nat64.example", "64:ff9b::a00:1"),
            Map.entry("sixtofour.example", "2002:a00:1::1"),
            Map.entry("unspecified6.example", "::"),
            // one public and one private answer: every address must pass
            Map.entry("mixed.example", "93.184.216.34,10.0.0.1"));

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String ips = DNS.get(host);
        if (ips == null) {
            throw new UnknownHostException(host);
        }
        String[] parts = ips.split(",");
        InetAddress[] out = new InetAddress[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = InetAddress.getByName(parts[i]);
        }
        return out;
    }

    private final UrlGuard strict = new UrlGuard(List.of(), UrlGuardTest::resolve);
    private final UrlGuard loopbackAllowed = new UrlGuard(UrlGuard.parseRanges("127.0.0.1/32"), UrlGuardTest::resolve);

    @Test
    void acceptsHttpsToAPublicAddress() {
        assertTrue(strict.check("https://public.example/hook").allowed());
        assertTrue(strict.check("https://93.184.216.34:8443/hook?x=1").allowed());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://public.example/hook", // plain HTTP
            "ftp://public.example/", "javascript:alert(1)", "not a url", "https:///nohost",
            "https://user@public.example/", "https://public.example@127.0.0.1/", // userinfo tricks
            "https://127.0.0.1/", "https://localhost.invalid/", "https://inward.example/",
            "https://loopback.example/", "https://metadata.example/latest",
            "https://10.0.0.1/", "https://172.16.5.4/", "https://192.168.1.1/", "https://169.254.169.254/",
            "https://100.64.0.1/", "https://198.18.0.1/", "https://0.0.0.0/", "https://224.0.0.1/",
            "https://255.255.255.255/",
            // numeric spellings of loopback that InetAddress reads differently from curl and browsers
            "https://2130706433/", "https://0177.0.0.1/", "https://0x7f.1/", "https://0x7f000001/",
            "https://127.1/", "https://0/", "https://017700000001/",
            // leading zeros: octal to curl (87.0.0.1, public) but decimal to the JDK (127.0.0.1)
            "https://0127.0.0.1/", "https://010.0.0.1/", "https://127.0.0.1./",
            // ports no socket can have
            "https://public.example:99999/", "https://public.example:0/", "https://93.184.216.34:-1/",
            // IPv6 literals and embedded IPv4
            "https://[::1]/", "https://[::]/", "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/",
            "https://[fc00::1]/", "https://[fd12:3456::1]/", "https://[fe80::1]/", "https://[ff02::1]/",
            "https://[64:ff9b::7f00:1]/", "https://[2002:7f00:1::]/", "https://[::127.0.0.1]/",
            "https://public.example/#frag",
            // host names whose answers are non-public, one form each
            "https://cgnat.example/", "https://multicast.example/", "https://unspecified.example/",
            "https://ula.example/", "https://linklocal6.example/", "https://mapped.example/",
            "https://nat64.example/", "https://sixtofour.example/", "https://unspecified6.example/",
            "https://mixed.example/",
            "https://[::ffff:0:a00:1]/", "https://[::ffff:0:127.0.0.1]/", "https://[3fff::1]/", "https://[5f00::1]/",
            "https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com/"})
    void refusesWhatIsNotHttpsToAPublicAddress(String url) {
        assertFalse(strict.check(url).allowed(), url);
    }

    @Test
    void theAllowListPermitsPrivateAndPlainHttpTargetsInItsRangesOnly() {
        assertTrue(loopbackAllowed.check("http://127.0.0.1:8080/hook").allowed());
        assertTrue(loopbackAllowed.check("http://loopback.example/hook").allowed());
        assertFalse(loopbackAllowed.check("http://127.0.0.2/hook").allowed());
        assertFalse(loopbackAllowed.check("http://public.example/hook").allowed());
        assertFalse(loopbackAllowed.check("https://10.0.0.1/").allowed());
        // 127.0.0.1 to curl, 177.0.0.1 to the JDK: refused rather than sent somewhere unchecked
        assertFalse(loopbackAllowed.check("http://0177.0.0.1:19000/").allowed());
    }

    @Test
    void onlyPlainDottedDecimalCountsAsCanonical() {
        assertTrue(UrlGuard.isCanonicalIpv4("93.184.216.34"));
        assertTrue(UrlGuard.isCanonicalIpv4("0.0.0.0"));
        assertFalse(UrlGuard.isCanonicalIpv4("093.184.216.34"));
        assertFalse(UrlGuard.isCanonicalIpv4("256.1.1.1"));
        assertFalse(UrlGuard.isCanonicalIpv4("1.2.3"));
    }

    @Test
    void legacyIpv4SpellingsAreReadAsCurlReadsThem() {
        byte[] loopback = {127, 0, 0, 1};
        assertArrayEquals(loopback, UrlGuard.parseLegacyIpv4("0177.0.0.1"));
        assertArrayEquals(loopback, UrlGuard.parseLegacyIpv4("2130706433"));
        assertArrayEquals(loopback, UrlGuard.parseLegacyIpv4("0x7f.1"));
        assertArrayEquals(loopback, UrlGuard.parseLegacyIpv4("127.1"));
        assertArrayEquals(loopback, UrlGuard.parseLegacyIpv4("0x7f000001"));
        assertNull(UrlGuard.parseLegacyIpv4("1e100.net"));
        assertNull(UrlGuard.parseLegacyIpv4("256.1.1.1"));
        assertNull(UrlGuard.parseLegacyIpv4("example.com"));
    }

    @Test
    void rangesMatchByPrefix() {
        Cidr cgnat = Cidr.parse("100.64.0.0/10");
        assertTrue(cgnat.contains(new byte[] {100, 127, (byte) 255, 1}));
        assertFalse(cgnat.contains(new byte[] {100, (byte) 128, 0, 1}));
        assertFalse(cgnat.contains(new byte[16]));
    }

    @Test
    void ipLiteralsCanBeRefusedAltogetherExceptInTheAllowList() {
        UrlGuard noLiterals = new UrlGuard(UrlGuard.parseRanges("127.0.0.1/32"), UrlGuardTest::resolve, true);
        assertFalse(noLiterals.check("https://93.184.216.34/hook").allowed());
        assertFalse(noLiterals.check("https://[2606:2800:220:1::1]/hook").allowed());
        assertTrue(noLiterals.check("https://public.example/hook").allowed());
        assertTrue(noLiterals.check("http://127.0.0.1:8080/hook").allowed(), "allow-listed ranges are exempt");
        assertTrue(strict.check("https://93.184.216.34/hook").allowed(), "off by default");
    }

    @Test
    void aUrlParsedOnceIsStillResolvedAtEveryCheck() {
        // the text is parsed once per URL; what its host resolves to is asked every time, so a
        // name that turns to a private address after registration (DNS rebinding) is refused
        String[] answer = {"93.184.216.34"};
        UrlGuard guard = new UrlGuard(List.of(), host -> new InetAddress[] {InetAddress.getByName(answer[0])});
        assertTrue(guard.check("https://rebinding.example/hook").allowed());
        answer[0] = "10.0.0.7";
        UrlGuard.Verdict second = guard.check("https://rebinding.example/hook");
        assertFalse(second.allowed());
        assertTrue(second.reason().contains("10.0.0.7"), second.reason());
        // and a refusal by the text alone stays one
        assertFalse(guard.check("https://0127.0.0.1/").allowed());
        assertFalse(guard.check("https://0127.0.0.1/").allowed());
    }
}
