package dev.herald.platform.auth;

import static dev.herald.platform.auth.AccessPolicy.Verdict.ALLOW;
import static dev.herald.platform.auth.AccessPolicy.Verdict.OPERATOR_ONLY;
import static dev.herald.platform.auth.AccessPolicy.Verdict.OTHER_APPLICATION;
import static dev.herald.platform.auth.AccessPolicy.Verdict.READ_ONLY;
import static dev.herald.platform.auth.AccessPolicy.Verdict.UNAUTHENTICATED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    static final String A = "app_01kaaaaaaaaaaaaaaaaaaaaaaa";
    static final String B = "app_01kbbbbbbbbbbbbbbbbbbbbbbb";
    /** Application A has uid "alpha", B has uid "beta"; everything else does not exist. */
    static final Map<String, String> APPS = Map.of(A, A, "alpha", A, B, B, "beta", B);
    static final UnaryOperator<String> RESOLVE = APPS::get;

    static final Caller TOKEN_A = Caller.ofApplication(A, false);
    static final Caller READ_ONLY_A = Caller.ofApplication(A, true);

    static AccessPolicy.Verdict decide(Caller caller, String method, String template, String app) {
        return AccessPolicy.decide(caller, method, Routes.reach(method, template), app, RESOLVE);
    }

    @Test
    void theOperatorMayDoAnything() {
        assertEquals(ALLOW, decide(Caller.OPERATOR, "GET", "app", null));
        assertEquals(ALLOW, decide(Caller.OPERATOR, "DELETE", "app/{app}", B));
        assertEquals(ALLOW, decide(Caller.OPERATOR, "GET", "app/{app}/endpoint/{endpoint}/secret", B));
        assertEquals(ALLOW, decide(Caller.OPERATOR, "POST", "auth/app-portal-access/{app}", A));
        assertEquals(ALLOW, decide(Caller.OPERATOR, "GET", "some/new/route", null));
    }

    @Test
    void withoutACallerOnlyThePublicHealthCheckIsOpen() {
        assertEquals(ALLOW, decide(null, "GET", "health", null));
        assertEquals(ALLOW, decide(null, "HEAD", "health", null));
        assertEquals(UNAUTHENTICATED, decide(null, "GET", "app/{app}", A));
        assertEquals(UNAUTHENTICATED, decide(null, "GET", "event-type", null));
    }

    @Test
    void anApplicationTokenWorksInItsOwnApplicationByIdAndByUid() {
        for (String app : new String[] {A, "alpha"}) {
            assertEquals(ALLOW, decide(TOKEN_A, "GET", "app/{app}", app));
            assertEquals(ALLOW, decide(TOKEN_A, "POST", "app/{app}/endpoint", app));
            assertEquals(ALLOW, decide(TOKEN_A, "PATCH", "app/{app}/endpoint/{endpoint}", app));
            assertEquals(ALLOW, decide(TOKEN_A, "DELETE", "app/{app}/endpoint/{endpoint}", app));
            assertEquals(ALLOW, decide(TOKEN_A, "POST", "app/{app}/msg", app));
            assertEquals(ALLOW, decide(TOKEN_A, "POST", "app/{app}/msg/{msg}/endpoint/{endpoint}/resend", app));
            assertEquals(ALLOW, decide(TOKEN_A, "GET", "app/{app}/attempt/msg/{msg}", app));
            assertEquals(ALLOW, decide(TOKEN_A, "HEAD", "app/{app}/delivery", app));
        }
    }

    @Test
    void anotherApplicationIsRefusedTheSameWayWhetherItExistsOrNot() {
        for (String app : new String[] {B, "beta", "app_01knotthereaaaaaaaaaaaaaaa", "nobody", "ALPHA", A.toUpperCase(),
                A + "/", " " + A}) {
            assertEquals(OTHER_APPLICATION, decide(TOKEN_A, "GET", "app/{app}", app), app);
            assertEquals(OTHER_APPLICATION, decide(TOKEN_A, "GET", "app/{app}/endpoint", app), app);
            assertEquals(OTHER_APPLICATION, decide(TOKEN_A, "POST", "app/{app}/msg", app), app);
            assertEquals(OTHER_APPLICATION, decide(TOKEN_A, "POST", "app/{app}/endpoint/{endpoint}/recover", app), app);
        }
    }

    @Test
    void operatorRoutesAreClosedToApplicationTokensEvenForTheirOwnApplication() {
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "GET", "app", null));
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "POST", "app", null));
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "PUT", "app/{app}", A));
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "PATCH", "app/{app}", A));
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "DELETE", "app/{app}", A));
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "GET", "app/{app}/endpoint/{endpoint}/secret", A));
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "POST", "auth/app-portal-access/{app}", A));
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "POST", "auth/dashboard-access/{app}", A));
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "POST", "auth/app/{app}/expire-all", A));
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "POST", "event-type", null));
        // a route nobody listed, e.g. a test probe or tomorrow's resource
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "POST", "_test/ingest-then-rollback/{app}/{eventType}", A));
        assertEquals(OPERATOR_ONLY, decide(TOKEN_A, "OPTIONS", "app/{app}", A));
    }

    @Test
    void theCatalogIsReadableAndLogoutIsOpenToAnyApplicationToken() {
        assertEquals(ALLOW, decide(TOKEN_A, "GET", "event-type", null));
        assertEquals(ALLOW, decide(READ_ONLY_A, "GET", "event-type/{name}", null));
        assertEquals(ALLOW, decide(TOKEN_A, "POST", "auth/logout", null));
        assertEquals(ALLOW, decide(READ_ONLY_A, "POST", "auth/logout", null));
    }

    @Test
    void aReadOnlyTokenOnlyReads() {
        assertEquals(ALLOW, decide(READ_ONLY_A, "GET", "app/{app}/endpoint", A));
        assertEquals(ALLOW, decide(READ_ONLY_A, "GET", "app/{app}/attempt/endpoint/{endpoint}", "alpha"));
        assertEquals(READ_ONLY, decide(READ_ONLY_A, "POST", "app/{app}/msg", A));
        assertEquals(READ_ONLY, decide(READ_ONLY_A, "PUT", "app/{app}/endpoint/{endpoint}", A));
        assertEquals(READ_ONLY, decide(READ_ONLY_A, "DELETE", "app/{app}/endpoint/{endpoint}", A));
        assertEquals(READ_ONLY, decide(READ_ONLY_A, "POST", "app/{app}/msg/{msg}/endpoint/{endpoint}/resend", A));
        assertEquals(OTHER_APPLICATION, decide(READ_ONLY_A, "GET", "app/{app}/msg", B));
    }

    @Test
    void aRouteWithoutAnApplicationParameterCannotBeOwned() {
        assertEquals(OPERATOR_ONLY, AccessPolicy.decide(TOKEN_A, "GET", Reach.OWN_APPLICATION, null, RESOLVE));
        assertEquals(OPERATOR_ONLY, AccessPolicy.decide(TOKEN_A, "GET", Reach.OWN_APPLICATION, "", RESOLVE));
    }
}
