package dev.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The customer portal in a real browser (Debian's Chromium through Selenium), against the real
 * server and a loopback receiver: a customer's engineer opens the operator's link, adds an
 * endpoint, copies its secret and checks a delivery with it, sends a test, sees a failing
 * delivery, fixes the receiver and resends, rotates the secret; a read-only link changes
 * nothing; an expired link says so; what the customer typed stays text. The screenshots in
 * README come from here ({@code -Dherald.screenshots.update=true} writes them to docs/portal).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@RunAsClient
class PortalIT {
    static final String TOKEN = System.getProperty("herald.testToken");
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    static final String XSS = "<img src=x onerror=alert(1)>";

    static Receiver receiver;
    static Browser browser;
    static String appId;
    static String link;
    static String endpointId;
    static String firstSecret;

    @ArquillianResource
    URL deployed;

    /** The server on loopback: a secure context for the browser, as an https deployment is. */
    URL base() {
        try {
            return new URL("http://127.0.0.1:" + deployed.getPort() + "/");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("herald.war")));
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = new Receiver();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        receiver.close();
    }

    /** Chromium's network log is read after every test, so nothing in it is lost before the check. */
    @org.junit.jupiter.api.AfterEach
    void keepTheRequestLog() {
        browser.requests();
    }

    /** On a failure, what the browser showed: a screenshot and the page's text in the test output. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final org.junit.jupiter.api.extension.TestWatcher onFailure = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            try {
                browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
                System.out.println("PortalIT failed at " + browser.driver.getCurrentUrl() + "; the page said:\n"
                        + browser.driver.findElement(By.tagName("body")).getText());
            } catch (RuntimeException e) {
                System.out.println("PortalIT: no screenshot of the failure: " + e);
            }
        }
    };

    Api operator() {
        return Api.at(base(), TOKEN);
    }

    /** The operator's link for the application, as POST /auth/app-portal-access answers it. */
    String portalLink(String body) {
        Api.Answer access = operator().post("/auth/app-portal-access/" + appId, body, null);
        assertEquals(200, access.status(), access.body());
        return access.json().getString("url");
    }

    /** An event type in the catalog, with a JSON schema that carries one example. */
    void catalog(String name, String description, jakarta.json.JsonObjectBuilder example) {
        Api.Answer created = operator().post("/event-type", Json.createObjectBuilder().add("name", name)
                .add("description", description).add("schemas", Json.createObjectBuilder().add("1", Json.createObjectBuilder()
                        .add("type", "object").add("examples", Json.createArrayBuilder().add(example)))).build());
        assertTrue(created.status() == 201 || created.status() == 409, created.body());
    }

    WebElement main() {
        return browser.driver.findElement(By.id("main"));
    }

    void click(By by) {
        browser.waiting().until(org.openqa.selenium.support.ui.ExpectedConditions.elementToBeClickable(by)).click();
    }

    @Test
    @Order(1)
    void theOperatorsLinkOpensThePortalAndTheTokenLeavesTheAddressAndHistory() {
        // The operator's catalog: what the customer chooses from, with descriptions and examples.
        catalog("candidate.created", "A candidate was created.", Json.createObjectBuilder().add("id", "cand_01")
                .add("first_name", "Ada").add("last_name", "Lovelace"));
        catalog("transcript.created", "An interview's transcript is ready.", Json.createObjectBuilder().add("id", "tr_01"));
        catalog("session.started", "An interview session started.", Json.createObjectBuilder().add("session_id", "s_01"));
        Api.Answer app = operator().post("/app", Json.createObjectBuilder().add("name", "Acme Hiring")
                .add("uid", "portal-" + RUN).build());
        assertEquals(201, app.status(), app.body());
        appId = app.json().getString("id");
        link = portalLink("{\"expiry\": 3600}");
        assertTrue(link.startsWith(Api.root(base()) + "/portal/#token=appsk_"), link);
        String token = link.substring(link.indexOf("#token=") + 7);

        browser.driver.get("about:blank");
        browser.driver.get(link);
        browser.awaitText(By.cssSelector("#main h1"), "Endpoints");
        assertEquals("Acme Hiring", browser.driver.findElement(By.id("app-name")).getText());
        assertTrue(browser.driver.findElement(By.id("session")).getText().startsWith("link valid until"));
        assertFalse(browser.driver.getCurrentUrl().contains(token), browser.driver.getCurrentUrl());
        assertTrue(main().getText().contains("No endpoints yet"), main().getText());

        // Back leads to the page before the link, not to the link: the token's entry was replaced.
        browser.driver.navigate().back();
        assertFalse(browser.driver.getCurrentUrl().contains("token"), browser.driver.getCurrentUrl());
        browser.driver.navigate().forward();
        browser.awaitText(By.cssSelector("#main h1"), "Endpoints");
        assertFalse(browser.driver.getCurrentUrl().contains("token"), browser.driver.getCurrentUrl());
        Object history = browser.driver.executeScript("return window.history.length");
        assertTrue(((Number) history).intValue() >= 2);
    }

    @Test
    @Order(2)
    void addAnEndpointWhereTheTargetRulesAnswerInlineAndCopyItsSecret() throws Exception {
        click(By.linkText("Add endpoint"));
        browser.awaitText(By.cssSelector("#main h1"), "Add an endpoint");
        WebElement url = browser.driver.findElement(By.cssSelector("[data-field=url] input"));
        url.sendKeys("https://169.254.169.254/latest/meta-data");
        browser.driver.findElement(By.cssSelector("[data-field=description] textarea")).sendKeys(XSS);
        // the catalog, with each type's description and example payload
        WebElement candidate = browser.driver.findElement(By.cssSelector("input[value='candidate.created']"));
        candidate.click();
        assertTrue(main().getText().contains("A candidate was created"), "the type's description");
        WebElement example = browser.driver.findElement(By.xpath("//summary[contains(., 'Example payload of candidate.created')]"));
        example.click();
        assertTrue(example.findElement(By.xpath("..")).getText().contains("\"first_name\": \"Ada\""), "its example payload");
        click(By.xpath("//button[.='Add endpoint']"));

        // Herald's URL rule, inline beside the field, and the field is marked for screen readers
        WebElement error = browser.await(By.cssSelector("[data-field=url] .field-error"));
        assertTrue(error.getText().contains("is not a public address"), error.getText());
        assertEquals("true", url.getAttribute("aria-invalid"));
        assertTrue(url.getAttribute("aria-describedby").contains(error.getAttribute("id")));
        assertTrue(browser.driver.findElement(By.id("alert")).getText().contains("correct"));
        browser.screenshot("portal-url-rule");

        url.clear();
        url.sendKeys(receiver.url("/switch/portal/hook"));
        click(By.xpath("//button[.='Add endpoint']"));
        WebElement secret = browser.await(By.cssSelector("[data-test=secret]"));
        String shown = secret.getAttribute("value");
        assertTrue(shown.startsWith("whsec_"), shown);
        assertTrue(browser.driver.findElement(By.id("notice")).getText().contains("Endpoint added"));
        endpointId = browser.driver.getCurrentUrl().replaceAll(".*#/ep/", "");
        assertTrue(endpointId.startsWith("ep_"), endpointId);

        // Copy, as a person would, and read what the clipboard holds.
        browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of("permissions",
                List.of("clipboardReadWrite", "clipboardSanitizedWrite"), "origin", Api.root(base())));
        click(By.cssSelector("[data-test=copy-secret]"));
        browser.awaitText(By.cssSelector("[data-test=copy-status]"), "Copied");
        firstSecret = (String) browser.driver.executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('failed: ' + e))");
        assertEquals(shown, firstSecret, "the clipboard holds the secret shown");
        browser.screenshot("portal-new-endpoint-secret");

        // What the customer typed is shown as text: no image element, no script ran.
        WebElement description = browser.driver.findElement(By.cssSelector("[data-test=description]"));
        assertEquals(XSS, description.getText());
        assertEquals(0, main().findElements(By.tagName("img")).size());
        assertNoAlert();

        // A real delivery, verified with the copied secret (Standard Webhooks).
        Api.Answer msg = operator().post("/app/" + appId + "/msg", Json.createObjectBuilder()
                .add("eventType", "candidate.created").add("payload", Json.createObjectBuilder().add("id", "can_1")).build());
        assertEquals(202, msg.status(), msg.body());
        Waits.until(() -> receiver.at("/switch/portal/hook").size() == 1, Duration.ofSeconds(20));
        Receiver.Request got = receiver.at("/switch/portal/hook").get(0);
        assertTrue(verifies(got, firstSecret), "the delivery verifies with the copied secret: " + got.header("webhook-signature"));
        assertFalse(verifies(got, "whsec_" + Base64.getEncoder().encodeToString(new byte[24])), "and not with another");
        // a message of a type the endpoint did not choose is not sent
        operator().post("/app/" + appId + "/msg", Json.createObjectBuilder()
                .add("eventType", "transcript.created").add("payload", Json.createObjectBuilder()).build());

        // The list shows it, its description as text, its state and success rate (once the delivery's
        // row is written: a success's row follows its attempt by up to a quarter second, SucceededRows).
        Waits.until(() -> operator().get("/app/" + appId + "/endpoint/" + endpointId + "/stats").json()
                .getInt("success") == 1, Duration.ofSeconds(5));
        assertEquals("Endpoints", browser.visit(Api.root(base()) + "/portal/#/").getText());
        browser.awaitText(By.cssSelector("[data-test=rate]"), "delivered");
        assertEquals(XSS, browser.driver.findElement(By.cssSelector("[data-test=description]")).getText());
        assertEquals("Active", browser.driver.findElement(By.cssSelector("[data-test=state]")).getText());
        assertEquals(0, main().findElements(By.tagName("img")).size());
        assertNoAlert();
    }

    @Test
    @Order(3)
    void aTestSendShowsItsResultAtOnce() {
        openEndpoint();
        click(By.xpath("//button[.='Send test']"));
        browser.awaitText(By.cssSelector("[data-test=test-result]"), "Delivered");
        String result = browser.driver.findElement(By.cssSelector("[data-test=test-result]")).getText();
        assertTrue(result.matches("Delivered — HTTP 200 in \\d+ ms"), result);
        assertTrue(receiver.at("/switch/portal/hook").stream().anyMatch(r -> r.body().contains("This is a test webhook")));

        // and a failing one says why, at once
        receiver.broken.add("portal");
        click(By.xpath("//button[.='Send test']"));
        browser.awaitText(By.cssSelector("[data-test=test-result]"), "Failed");
        result = browser.driver.findElement(By.cssSelector("[data-test=test-result]")).getText();
        assertTrue(result.matches("Failed — HTTP 500 in \\d+ ms — HTTP 500"), result);
        receiver.broken.remove("portal");
    }

    @Test
    @Order(4)
    void editTheContractThenSeeAFailingDeliveryFixTheReceiverAndResendIt() {
        openEndpoint();
        click(By.linkText("Edit endpoint"));
        browser.awaitText(By.cssSelector("#main h1"), "Edit endpoint");
        WebElement schedule = browser.driver.findElement(By.cssSelector("[data-field=retrySchedule] input"));
        schedule.sendKeys("0, 99999999");
        click(By.xpath("//button[.='Save changes']"));
        WebElement error = browser.await(By.cssSelector("[data-field=retrySchedule] .field-error"));
        assertTrue(error.getText().contains("delays must be between 0 and"), error.getText());
        schedule.clear();
        schedule.sendKeys("0"); // one attempt: a failure is final at once
        new Select(browser.driver.findElement(By.cssSelector("[data-field=format] select"))).selectByValue("envelope");
        browser.driver.findElement(By.cssSelector("[data-field=headers] textarea")).sendKeys("X-Customer: acme");
        click(By.xpath("//button[.='Save changes']"));
        browser.awaitText(By.id("notice"), "Changes saved");
        assertTrue(main().getText().contains("envelope"), main().getText());
        JsonObject saved = operator().get("/app/" + appId + "/endpoint/" + endpointId).json();
        assertEquals("envelope", saved.getString("format"));
        assertEquals(0, saved.getJsonArray("retrySchedule").getInt(0));
        assertEquals("acme", operator().get("/app/" + appId + "/endpoint/" + endpointId + "/headers").json()
                .getJsonObject("headers").getString("X-Customer"));

        receiver.broken.add("portal");
        int before = receiver.at("/switch/portal/hook").size();
        Api.Answer msg = operator().post("/app/" + appId + "/msg", Json.createObjectBuilder()
                .add("eventType", "candidate.created").add("eventId", "evt-fails-" + RUN)
                .add("payload", Json.createObjectBuilder().add("id", "can_2").add("note", XSS)).build());
        assertEquals(202, msg.status(), msg.body());
        String msgId = msg.json().getString("id");
        Waits.until(() -> receiver.at("/switch/portal/hook").size() == before + 1, Duration.ofSeconds(20));
        By failedRow = By.cssSelector("tr[data-test=attempt][data-status=failed][data-msg=" + msgId + "]");
        awaitLogRow(failedRow);
        String failed = browser.driver.findElement(failedRow).getText();
        assertTrue(failed.matches(".*Failed candidate.created 500 1 \\d+ ms HTTP 500 Details Resend"), failed);
        // the filters: only failed attempts, then only this event type (the failed test send goes)
        By rows = By.cssSelector("tr[data-test=attempt]");
        new Select(browser.driver.findElement(By.cssSelector("[data-field=logStatus] select"))).selectByValue("failed");
        browser.waiting().until(d -> d.findElements(rows).stream().allMatch(r -> "failed".equals(r.getAttribute("data-status")))
                && d.findElements(rows).stream().anyMatch(r -> r.getText().contains("webhook.test")));
        new Select(browser.driver.findElement(By.cssSelector("[data-field=logEventType] select"))).selectByValue("candidate.created");
        browser.waiting().until(d -> d.findElements(rows).size() == 1 && !d.findElements(failedRow).isEmpty());
        new Select(browser.driver.findElement(By.cssSelector("[data-field=logStatus] select"))).selectByValue("");
        browser.waiting().until(d -> d.findElements(rows).size() == 2
                && d.findElements(rows).stream().allMatch(r -> r.getText().contains("candidate.created")));
        browser.screenshot("portal-endpoint");

        // fix the receiver, resend from the message's own page, see it succeed
        receiver.broken.remove("portal");
        new Select(browser.driver.findElement(By.cssSelector("[data-field=logEventType] select"))).selectByValue("");
        click(By.cssSelector("a[href$='/msg/" + msgId + "']"));
        browser.awaitText(By.cssSelector("#main h1"), "Message candidate.created");
        assertTrue(browser.driver.findElement(By.cssSelector("[data-test=payload]")).getText().contains("\"note\": \"" + XSS + "\""));
        assertEquals(0, main().findElements(By.tagName("img")).size());
        click(By.cssSelector("button[data-test=resend]"));
        // newest first: the resend, by hand, succeeded; the first attempt failed
        browser.waiting().until(d -> {
            List<String> cards = d.findElements(By.cssSelector("[data-test=message-attempt]")).stream()
                    .map(WebElement::getText).toList();
            return cards.size() == 2 && cards.get(0).contains(": Succeeded") && cards.get(0).contains("sent by hand")
                    && cards.get(1).contains(": Failed") && cards.get(1).contains("HTTP 500");
        });
        Waits.until(() -> receiver.at("/switch/portal/hook").size() == before + 2, Duration.ofSeconds(20));
        browser.screenshot("portal-message");
        assertNoAlert();
    }

    @Test
    @Order(5)
    void recoverEverythingFailedSinceATime() {
        receiver.broken.add("portal");
        int before = receiver.at("/switch/portal/hook").size();
        for (int i = 0; i < 2; i++) {
            operator().post("/app/" + appId + "/msg", Json.createObjectBuilder().add("eventType", "candidate.created")
                    .add("payload", Json.createObjectBuilder().add("n", i)).build());
        }
        Waits.until(() -> receiver.at("/switch/portal/hook").size() == before + 2, Duration.ofSeconds(20));
        Waits.until(() -> operator().get("/app/" + appId + "/delivery?status=exhausted&endpoint=" + endpointId).json()
                .getJsonArray("data").size() >= 2, Duration.ofSeconds(20));
        receiver.broken.remove("portal");
        openEndpoint();
        click(By.xpath("//button[.='Retry failed messages']"));
        browser.awaitText(By.id("notice"), "failed messages are being sent again");
        assertTrue(browser.driver.findElement(By.id("notice")).getText().matches("[2-9]\\d* failed messages are being sent again\\."),
                browser.driver.findElement(By.id("notice")).getText());
        Waits.until(() -> receiver.at("/switch/portal/hook").size() >= before + 4, Duration.ofSeconds(20));
    }

    @Test
    @Order(6)
    void rotateTheSecretAndSeeTheOverlap() throws Exception {
        openEndpoint();
        click(By.cssSelector("[data-test=rotate]"));
        click(By.cssSelector("[data-test=rotate-confirm]"));
        browser.awaitText(By.id("notice"), "Secret rotated");
        String fresh = browser.await(By.cssSelector("[data-test=secret]")).getAttribute("value");
        assertTrue(fresh.startsWith("whsec_"));
        assertNotEquals(firstSecret, fresh);
        assertTrue(browser.driver.findElement(By.cssSelector("[data-test=overlap]")).getText()
                .startsWith("The previous secret keeps signing beside this one until"));
        assertTrue(main().getText().contains("still signs beside the new one until"), "the endpoint shows the overlap");
        click(By.cssSelector("[data-test=copy-secret]"));
        browser.awaitText(By.cssSelector("[data-test=copy-status]"), "Copied");
        String copied = (String) browser.driver.executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('failed: ' + e))");
        assertEquals(fresh, copied);
        browser.screenshot("portal-rotated");

        int before = receiver.at("/switch/portal/hook").size();
        operator().post("/app/" + appId + "/msg", Json.createObjectBuilder().add("eventType", "candidate.created")
                .add("payload", Json.createObjectBuilder().add("after", "rotation")).build());
        Waits.until(() -> receiver.at("/switch/portal/hook").size() == before + 1, Duration.ofSeconds(20));
        Receiver.Request got = receiver.at("/switch/portal/hook").get(before);
        assertTrue(verifies(got, fresh), "the new secret verifies");
        assertTrue(verifies(got, firstSecret), "the old one still does, during the overlap");

        // A reload shows the secret no more: it was shown once.
        browser.driver.navigate().refresh();
        browser.await(By.cssSelector("[data-test=rotate]"));
        assertTrue(browser.driver.findElements(By.cssSelector("[data-test=secret]")).isEmpty());
    }

    @Test
    @Order(7)
    void anEndpointHeraldDisabledSaysWhy() {
        Api.Answer gone = operator().post("/app/" + appId + "/endpoint", Json.createObjectBuilder()
                .add("url", receiver.url("/status/410/gone")).add("description", "Old CRM").add("filterTypes",
                        Json.createArrayBuilder().add("transcript.created")).build());
        assertEquals(201, gone.status(), gone.body());
        operator().post("/app/" + appId + "/msg", Json.createObjectBuilder().add("eventType", "transcript.created")
                .add("payload", Json.createObjectBuilder()).build());
        Waits.until(() -> operator().get("/app/" + appId + "/endpoint/" + gone.json().getString("id")).json()
                .getBoolean("disabled"), Duration.ofSeconds(20));
        browser.visit(Api.root(base()) + "/portal/#/");
        browser.visit(Api.root(base()) + "/portal/#/");
        browser.waiting().until(d -> d.findElements(By.cssSelector("[data-test=state]")).size() == 2);
        List<String> states = browser.driver.findElements(By.cssSelector("[data-test=state]")).stream().map(WebElement::getText).toList();
        assertTrue(states.contains("Disabled: the receiver answered 410 Gone"), states.toString());
        browser.waiting().until(d -> d.findElements(By.cssSelector("[data-test=rate]")).stream()
                .allMatch(e -> !e.getText().contains("loading")));
        browser.screenshot("portal-endpoints");
    }

    @Test
    @Order(8)
    void anOrderedEndpointShowsItsStuckHeadAndSkipsIt() {
        Api.Answer ordered = operator().post("/app/" + appId + "/endpoint", Json.createObjectBuilder()
                .add("url", receiver.url("/switch/ordered/hook")).add("ordering", "ordered")
                .add("retrySchedule", Json.createArrayBuilder().add(0).add(600))
                .add("filterTypes", Json.createArrayBuilder().add("session.started")).build());
        assertEquals(201, ordered.status(), ordered.body());
        String id = ordered.json().getString("id");
        receiver.broken.add("ordered");
        String[] msgs = new String[2];
        for (int i = 0; i < 2; i++) {
            Api.Answer msg = operator().post("/app/" + appId + "/msg", Json.createObjectBuilder().add("eventType", "session.started")
                    .add("payload", Json.createObjectBuilder().add("n", i)).build());
            assertEquals(202, msg.status(), msg.body());
            msgs[i] = msg.json().getString("id");
        }
        // the first failed and waits ten minutes for its retry; the second waits behind it
        Waits.until(() -> receiver.at("/switch/ordered/hook").size() == 1, Duration.ofSeconds(20));
        receiver.broken.remove("ordered");
        browser.visit(Api.root(base()) + "/portal/#/ep/" + id);
        WebElement line = browser.await(By.cssSelector("[data-test=ordering]"));
        assertTrue(line.getText().contains("Next in line: message " + msgs[0]), line.getText());
        assertTrue(line.getText().contains("1 message waits behind it"), line.getText());
        assertTrue(main().getText().contains("ordered: one at a time, in the order accepted"));
        click(By.cssSelector("[data-test=skip-head]"));
        browser.awaitText(By.id("notice"), "Skipped");
        // the line moves on at once: the second message arrives, and the first stays failed
        Waits.until(() -> receiver.at("/switch/ordered/hook").size() == 2, Duration.ofSeconds(20));
        assertTrue(receiver.at("/switch/ordered/hook").get(1).body().contains("\"n\":1"));
        assertEquals(1, operator().get("/app/" + appId + "/delivery?status=exhausted&endpoint=" + id).json()
                .getJsonArray("data").size());
    }

    @Test
    @Order(9)
    void aReadOnlyLinkShowsEverythingAndOffersNoChange() {
        assertEquals("Endpoints", browser.visit(portalLink("{\"readOnly\": true}")).getText());
        assertTrue(browser.driver.findElement(By.id("session")).getText().startsWith("Read-only access"));
        assertTrue(main().getText().contains("Read-only access: you can look"), main().getText());
        assertTrue(browser.driver.findElements(By.linkText("Add endpoint")).isEmpty());
        openEndpoint();
        browser.await(By.cssSelector("tr[data-test=attempt]"));
        assertTrue(main().getText().contains("Delivery log"));
        for (String offer : List.of("Edit endpoint", "Send test", "Rotate secret…", "Retry failed messages", "Resend")) {
            assertFalse(main().getText().contains(offer), offer + " is offered: " + main().getText());
        }
        assertTrue(browser.driver.findElements(By.cssSelector("button[data-test=resend], form button[type=submit]")).isEmpty());
        // the message page shows the payload, no resend
        click(By.cssSelector("tr[data-test=attempt] a"));
        browser.await(By.cssSelector("[data-test=payload]"));
        assertTrue(browser.driver.findElements(By.cssSelector("button")).isEmpty(), "no button on the message page");
        // the form's address says so instead of showing a form
        assertEquals("Read-only access", browser.visit(Api.root(base()) + "/portal/#/new").getText());
        assertTrue(browser.driver.findElements(By.tagName("form")).isEmpty());
        // and the server refuses what the page does not offer, with the same token
        Object status = browser.driver.executeAsyncScript("fetch('/api/v1/app/" + appId + "/endpoint/" + endpointId + "', "
                + "{method: 'PATCH', headers: {Authorization: 'Bearer ' + sessionStorage.getItem('herald.portal.token'), "
                + "'Content-Type': 'application/json'}, body: '{\"disabled\": true}'}).then(r => arguments[0](r.status))");
        assertEquals(403L, status);
        assertFalse(operator().get("/app/" + appId + "/endpoint/" + endpointId).json().getBoolean("disabled"));
    }

    @Test
    @Order(10)
    void anExpiredOrWrongLinkShowsAClearMessage() throws Exception {
        String expiring = portalLink("{\"expiry\": 1}");
        Thread.sleep(1500);
        assertEquals("This link has expired", browser.visit(expiring).getText());
        assertTrue(main().getText().contains("Ask the service that sent it to you for a new link"), main().getText());
        assertFalse(browser.driver.getCurrentUrl().contains("appsk_"));
        browser.screenshot("portal-expired");

        assertEquals("This link has expired", browser.visit(Api.root(base()) + "/portal/#token=appsk_not-a-real-token").getText());
        browser.driver.executeScript("sessionStorage.clear()");
        assertEquals("No access link", browser.visit(Api.root(base()) + "/portal/").getText());

        // A link that ends while the page is open: the next action says so, not a broken page.
        assertEquals("Endpoints", browser.visit(portalLink("{\"expiry\": 2}")).getText());
        Thread.sleep(2500);
        assertEquals("This link has expired", openEndpoint().getText());
    }

    @Test
    @Order(11)
    void keyboardOnlyAt360PixelsWithEveryControlLabelled() {
        browser.size(360, 900);
        try {
            assertEquals("Endpoints", browser.visit(portalLink("{}")).getText());
            assertNoSidewaysScroll();
            // Tab to "Add endpoint" and press Enter, as a keyboard user would.
            WebElement active = null;
            for (int i = 0; i < 15; i++) {
                browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
                active = browser.driver.switchTo().activeElement();
                if ("Add endpoint".equals(active.getText())) {
                    break;
                }
            }
            assertEquals("Add endpoint", active.getText(), "reachable with Tab");
            active.sendKeys(Keys.ENTER);
            browser.awaitText(By.cssSelector("#main h1"), "Add an endpoint");
            assertNoSidewaysScroll();
            assertEveryControlLabelled();
            browser.screenshot("portal-form-360");
            // the focus is on the heading; Tab leads into the form; Enter in the URL field saves
            WebElement url = browser.driver.findElement(By.cssSelector("[data-field=url] input"));
            for (int i = 0; i < 3 && !url.equals(browser.driver.switchTo().activeElement()); i++) {
                browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
            }
            assertEquals(url, browser.driver.switchTo().activeElement(), "Tab reaches the URL field");
            url.sendKeys(receiver.url("/keyboard"), Keys.ENTER);
            browser.await(By.cssSelector("[data-test=secret]"));
            assertNoSidewaysScroll();
            assertEveryControlLabelled();
            openEndpoint();
            browser.await(By.cssSelector("tr[data-test=attempt]"));
            assertNoSidewaysScroll();
            browser.screenshot("portal-endpoint-360");
        } finally {
            browser.size(1280, 1000);
        }
    }

    @Test
    @Order(12)
    void theTokenNeverAppearsInARequestedUrlAndThePolicyAllowsNoInlineScript() {
        List<String> requests = browser.requests();
        assertTrue(requests.stream().anyMatch(r -> r.contains("/api/v1/app/" + appId + "/endpoint")), "the log was read");
        for (String request : requests) {
            assertFalse(request.contains("appsk_") || request.contains("token="), "the token in a URL or Referer: " + request);
        }
        java.net.http.HttpResponse<String> raw;
        try {
            raw = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(Api.root(base()) + "/portal/")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        String policy = raw.headers().firstValue("content-security-policy").orElse("");
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline") && policy.contains("default-src 'none'"), policy);
        assertEquals("no-referrer", raw.headers().firstValue("referrer-policy").orElse(""));
        assertFalse(raw.body().matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "no inline script in the page");
        assertEquals(List.of(), browser.consoleErrors().stream().filter(e -> e.contains("Content Security Policy")).toList());
    }

    private WebElement openEndpoint() {
        return browser.visit(Api.root(base()) + "/portal/#/ep/" + endpointId);
    }

    /** Clicks Refresh until the log shows that row. */
    private void awaitLogRow(By row) {
        browser.waiting().until(d -> {
            if (!d.findElements(row).isEmpty()) {
                return true;
            }
            d.findElement(By.cssSelector("[data-test=refresh-log]")).click();
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        });
    }

    private void assertNoAlert() {
        try {
            String text = browser.driver.switchTo().alert().getText();
            throw new AssertionError("a script ran and opened an alert: " + text);
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private void assertNoSidewaysScroll() {
        Number overflow = (Number) browser.driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertTrue(overflow.intValue() <= 0, "the page scrolls sideways by " + overflow + " px at 360 px");
    }

    /** Every visible control has a label a screen reader reads out. */
    private void assertEveryControlLabelled() {
        Object unlabelled = browser.driver.executeScript("return [...document.querySelectorAll('input, select, textarea, button')]"
                + ".filter(e => e.offsetParent !== null)"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !(e.tagName === 'BUTTON' && e.textContent.trim()))"
                + ".map(e => e.outerHTML)");
        assertEquals(List.of(), unlabelled);
    }

    /** Standard Webhooks: any v1 signature in the header made with this secret. */
    static boolean verifies(Receiver.Request request, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.body();
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        return List.of(request.header("webhook-signature").split(" ")).contains(expected);
    }
}
