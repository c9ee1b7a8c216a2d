// End-to-end check: drive a running Herald server with the real npm `svix` SDK
// and verify the webhooks it delivers with both `standardwebhooks` and the svix
// SDK's own verifier. No test framework on purpose: this file is the whole test.
//
// Usage:
//   HERALD_URL=http://127.0.0.1:8080 HERALD_TOKEN=... node svix-sdk-check.mjs
//
// Output: one `ok - ...` / `not ok - ...` line per check, `# ...` diagnostics,
// then a summary line "N passed, N failed". Exit code 0 only if every check passed.

import http from "node:http";
import { isDeepStrictEqual } from "node:util";
import { ApiException, MessageStatus, Svix, Webhook as SvixWebhook } from "svix";
import { Webhook as StdWebhook } from "standardwebhooks";

const OVERALL_TIMEOUT_MS = 90_000; // the whole run; a hung server must not hang CI
const DELIVERY_TIMEOUT_MS = 30_000; // how long we wait for the webhook / the attempt record
const REQUEST_TIMEOUT_MS = 10_000; // per SDK request; the SDK has no timeout by default
const FILTER_GRACE_MS = 2_000; // extra wait to see that a filtered-out message is NOT delivered

const HERALD_URL = process.env.HERALD_URL;
const HERALD_TOKEN = process.env.HERALD_TOKEN;

// ---------------------------------------------------------------------------
// Tiny reporting helpers
// ---------------------------------------------------------------------------

let passed = 0;
let failed = 0;

function check(name, condition, detail) {
  if (condition) {
    passed++;
    console.log(`ok - ${name}`);
  } else {
    failed++;
    console.log(`not ok - ${name}${detail === undefined ? "" : ` (${detail})`}`);
  }
  return Boolean(condition);
}

function note(text) {
  console.log(`# ${text}`);
}

/** Thrown to stop the run when a later step cannot make sense without an earlier one. */
class Bail extends Error {}

/** Human-readable description of whatever an SDK call threw. */
function describeError(err) {
  if (err instanceof ApiException) {
    const body = typeof err.body === "string" ? err.body : JSON.stringify(err.body);
    return `ApiException code=${err.code} body=${truncate(body, 300)}`;
  }
  return `${err?.name ?? "Error"}: ${err?.message ?? String(err)}`;
}

function truncate(s, n) {
  s = String(s);
  return s.length > n ? `${s.slice(0, n)}...` : s;
}

/**
 * Run one SDK call as a check: `ok` if it resolves, `not ok` with the error if it
 * throws. If `critical`, a failure stops the run (later steps need the result).
 */
async function step(name, fn, { critical = true } = {}) {
  try {
    const value = await fn();
    check(name, true);
    return value;
  } catch (err) {
    check(name, false, describeError(err));
    if (critical) throw new Bail(name);
    return undefined;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Call `fn` until it returns a truthy value or the time is up (then returns undefined). */
async function pollUntil(fn, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err; // keep polling: the server may not have the record yet
    }
    await sleep(intervalMs);
  }
  if (lastError) note(`last error while polling: ${describeError(lastError)}`);
  return undefined;
}

/**
 * Walk a paginated SDK list (`{ data, iterator, done }`) looking for an item.
 * Bounded, and stops if the server repeats an iterator, so a broken `done`
 * flag cannot loop forever.
 */
async function findInList(listPage, predicate, maxPages = 20) {
  let iterator;
  for (let page = 0; page < maxPages; page++) {
    const res = await listPage(iterator);
    if (!Array.isArray(res?.data)) throw new Error("list response has no data array");
    const hit = res.data.find(predicate);
    if (hit) return hit;
    if (res.done || !res.iterator || res.iterator === iterator) return undefined;
    iterator = res.iterator;
  }
  return undefined;
}

const isValidDate = (d) => d instanceof Date && !Number.isNaN(d.getTime());

// ---------------------------------------------------------------------------
// Webhook receiver: records every request with its raw body exactly as sent,
// because signatures are computed over the exact bytes, not over re-serialized JSON.
// ---------------------------------------------------------------------------

function startReceiver() {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method,
        url: req.url,
        headers: { ...req.headers }, // node lower-cases header names
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    // Port 0: let the OS pick a free port, so parallel runs never collide.
    server.listen(0, "127.0.0.1", () => resolve({ server, received, port: server.address().port }));
  });
}

function closeReceiver(receiver) {
  if (!receiver) return Promise.resolve();
  return new Promise((resolve) => {
    receiver.server.closeAllConnections?.();
    receiver.server.close(() => resolve());
  });
}

/** Message id of a delivered request: Svix puts it in webhook-id (and/or svix-id). */
const deliveredMsgId = (r) => r.headers["webhook-id"] ?? r.headers["svix-id"];

// ---------------------------------------------------------------------------
// SDK wire log: wrap fetch so that, when something fails, we can show which HTTP
// requests the SDK made and what status the server answered.
// ---------------------------------------------------------------------------

const wireLog = [];
async function loggingFetch(url, init) {
  const entry = { method: init?.method ?? "GET", url: String(url), status: "(no response)" };
  wireLog.push(entry);
  const res = await fetch(url, init);
  entry.status = res.status;
  return res;
}

// ---------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------

async function run(state) {
  const svix = new Svix(HERALD_TOKEN, {
    serverUrl: HERALD_URL,
    requestTimeout: REQUEST_TIMEOUT_MS, // the SDK would otherwise wait forever
    fetch: loggingFetch,
  });

  state.svix = svix;
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const EVENT_PAID = "invoice.paid"; // the endpoint subscribes to this one
  const EVENT_IGNORED = "invoice.voided"; // ...and not to this one

  // Health: GET /api/v1/health, expected 204 (any 2xx is accepted by the SDK).
  await step("health.get() succeeds", () => svix.health.get(), { critical: false });

  // Event types must exist before an endpoint can filter on them (Svix answers 422
  // otherwise). A re-run against the same server gets 409, which is fine.
  for (const name of [EVENT_PAID, EVENT_IGNORED]) {
    await step(
      `eventType.create(${name}) succeeds or already exists (409)`,
      async () => {
        try {
          const et = await svix.eventType.create({ name, description: `Herald check ${name}` });
          if (et.name !== name) throw new Error(`returned name ${et.name}`);
        } catch (err) {
          if (!(err instanceof ApiException && err.code === 409)) throw err;
        }
      },
      { critical: false },
    );
  }
  await step(
    "eventType.list() contains the event types",
    async () => {
      for (const name of [EVENT_PAID, EVENT_IGNORED]) {
        const hit = await findInList((iterator) => svix.eventType.list({ iterator, limit: 100 }), (e) => e.name === name);
        if (!hit) throw new Error(`${name} not listed`);
      }
    },
    { critical: false },
  );

  // Application with a unique uid so runs never clash.
  const appUid = `herald-check-${runId}`;
  const app = await step("application.create() returns an application", () =>
    svix.application.create({ name: `Herald check ${runId}`, uid: appUid, metadata: { run: runId } }),
  );
  state.appId = app.id;
  check("application has a non-empty id", typeof app.id === "string" && app.id.length > 0, `id=${app.id}`);
  check("application uid and name echo the request", app.uid === appUid && app.name === `Herald check ${runId}`,
    `uid=${app.uid} name=${app.name}`);
  check("application createdAt/updatedAt parse as dates", isValidDate(app.createdAt) && isValidDate(app.updatedAt),
    `createdAt=${app.createdAt} updatedAt=${app.updatedAt}`);

  const byUid = await step("application.get(uid) succeeds", () => svix.application.get(appUid), { critical: false });
  if (byUid) check("application.get(uid) returns the same application", byUid.id === app.id, `id=${byUid.id}`);

  // Endpoint pointing at our receiver, subscribed to one event type only.
  const receiver = await startReceiver();
  state.receiver = receiver;
  const hookUrl = `http://127.0.0.1:${receiver.port}/hook`;
  note(`receiver listening on ${hookUrl}`);

  const ep = await step("endpoint.create() returns an endpoint", () =>
    svix.endpoint.create(app.id, {
      url: hookUrl,
      description: "Herald SDK check",
      eventTypes: [EVENT_PAID],
    }),
  );
  check("endpoint has id, url and eventTypes as sent",
    typeof ep.id === "string" && ep.id.length > 0 && ep.url === hookUrl && isDeepStrictEqual(ep.eventTypes, [EVENT_PAID]),
    `id=${ep.id} url=${ep.url} eventTypes=${JSON.stringify(ep.eventTypes)}`);
  check("endpoint createdAt parses as a date", isValidDate(ep.createdAt), `createdAt=${ep.createdAt}`);

  const epGot = await step("endpoint.get() succeeds", () => svix.endpoint.get(app.id, ep.id), { critical: false });
  if (epGot) check("endpoint.get() returns the same endpoint", epGot.id === ep.id && epGot.url === hookUrl, `id=${epGot.id}`);

  // PATCH only changes the fields it carries; the filter must survive it.
  const epPatched = await step("endpoint.patch() succeeds", () =>
    svix.endpoint.patch(app.id, ep.id, { description: "Herald SDK check (patched)" }), { critical: false });
  if (epPatched) {
    check("endpoint.patch() changes description and keeps url/eventTypes",
      epPatched.description === "Herald SDK check (patched)" && epPatched.url === hookUrl &&
        isDeepStrictEqual(epPatched.eventTypes, [EVENT_PAID]),
      `description=${epPatched.description} eventTypes=${JSON.stringify(epPatched.eventTypes)}`);
  }

  const secretOut = await step("endpoint.getSecret() succeeds", () => svix.endpoint.getSecret(app.id, ep.id));
  const secret = secretOut.key;
  check("endpoint secret looks like whsec_<base64>", /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret ?? ""),
    `key=${truncate(secret, 12)}`);

  // One message the endpoint filters out, then the one it wants. The ignored one is
  // sent first so that by the time the wanted one arrives it would have had its chance.
  const payload = {
    id: `inv_${runId}`,
    amountCents: 4200,
    currency: "EUR",
    paid: true,
    customer: { name: "Zoë Ünicode", tags: ["vip", "eu"], address: { city: "Zürich", zip: null } },
    lines: [{ sku: "A-1", qty: 2 }, { sku: "B-2", qty: 1 }],
  };
  const ignoredMsg = await step("message.create() for a filtered-out event type succeeds", () =>
    svix.message.create(app.id, { eventType: EVENT_IGNORED, payload: { id: `void_${runId}` } }), { critical: false });

  const eventId = `evt_${runId}`;
  const msg = await step("message.create() returns a message", () =>
    svix.message.create(app.id, { eventType: EVENT_PAID, eventId, payload }),
  );
  check("message has id, eventType and eventId as sent",
    typeof msg.id === "string" && msg.id.length > 0 && msg.eventType === EVENT_PAID && msg.eventId === eventId,
    `id=${msg.id} eventType=${msg.eventType} eventId=${msg.eventId}`);
  check("message timestamp parses as a date", isValidDate(msg.timestamp), `timestamp=${msg.timestamp}`);

  // Wait for the webhook to reach our receiver.
  const delivery = await pollUntil(
    () => receiver.received.find((r) => deliveredMsgId(r) === msg.id) ??
      // Fall back to "any request" so a wrong webhook-id is reported by the check
      // below rather than as a missing delivery.
      receiver.received.find((r) => !ignoredMsg || deliveredMsgId(r) !== ignoredMsg.id),
    DELIVERY_TIMEOUT_MS,
    100,
  );
  if (!check(`webhook delivered to the receiver within ${DELIVERY_TIMEOUT_MS / 1000}s`, delivery,
    `received ${receiver.received.length} request(s)`)) {
    throw new Bail("no delivery");
  }
  check("webhook is a POST to /hook", delivery.method === "POST" && delivery.url === "/hook",
    `${delivery.method} ${delivery.url}`);
  check("webhook content-type is application/json",
    /^application\/json\b/i.test(delivery.headers["content-type"] ?? ""), `content-type=${delivery.headers["content-type"]}`);
  check("webhook has webhook-id, webhook-timestamp, webhook-signature headers",
    ["webhook-id", "webhook-timestamp", "webhook-signature"].every((h) => delivery.headers[h]),
    `got ${Object.keys(delivery.headers).filter((h) => h.startsWith("webhook-") || h.startsWith("svix-")).join(",")}`);
  check("webhook-id header equals the message id", deliveredMsgId(delivery) === msg.id,
    `header=${deliveredMsgId(delivery)} msg.id=${msg.id}`);

  let parsedBody;
  try {
    parsedBody = JSON.parse(delivery.body);
  } catch {
    /* reported by the check below */
  }
  check("webhook body is the message payload (JSON-equal)", isDeepStrictEqual(parsedBody, payload),
    `body=${truncate(delivery.body, 200)}`);

  // Signature verification, on the raw string exactly as received.
  await step("standardwebhooks Webhook.verify() accepts the delivery",
    async () => new StdWebhook(secret).verify(delivery.body, delivery.headers), { critical: false });
  await step("svix Webhook.verify() accepts the delivery",
    async () => new SvixWebhook(secret).verify(delivery.body, delivery.headers), { critical: false });

  // A single changed byte must break the signature.
  const tampered = delivery.body.includes("4200") ? delivery.body.replace("4200", "9999") : `${delivery.body} `;
  check("standardwebhooks rejects a tampered body", throwsVerificationError(() =>
    new StdWebhook(secret).verify(tampered, delivery.headers)));
  check("svix Webhook rejects a tampered body", throwsVerificationError(() =>
    new SvixWebhook(secret).verify(tampered, delivery.headers)));

  // The filtered-out message must never be delivered.
  if (ignoredMsg) {
    await sleep(FILTER_GRACE_MS);
    const leaked = receiver.received.filter((r) => deliveredMsgId(r) === ignoredMsg.id);
    check(`message of unsubscribed type ${EVENT_IGNORED} is not delivered`, leaked.length === 0,
      `delivered ${leaked.length} time(s)`);
  }
  const dupes = receiver.received.filter((r) => deliveredMsgId(r) === msg.id).length;
  check("message delivered exactly once", dupes === 1, `delivered ${dupes} time(s)`);

  // Delivery attempts: the attempt record may be written slightly after delivery.
  const attempt = await pollUntil(async () => {
    const res = await svix.messageAttempt.listByMsg(app.id, msg.id);
    return res.data.find((a) => a.status === MessageStatus.Success);
  }, DELIVERY_TIMEOUT_MS, 250);
  if (check("messageAttempt.listByMsg() shows a successful attempt (status 0)", attempt)) {
    check("attempt responseStatusCode is 200", attempt.responseStatusCode === 200, `got ${attempt.responseStatusCode}`);
    check("attempt refers to the message and endpoint",
      attempt.msgId === msg.id && attempt.endpointId === ep.id, `msgId=${attempt.msgId} endpointId=${attempt.endpointId}`);
    check("attempt timestamp parses as a date", isValidDate(attempt.timestamp), `timestamp=${attempt.timestamp}`);
    check("attempt statusText is \"success\", as Svix sends", attempt.statusText === "success", JSON.stringify(attempt.statusText));
  }
  await step("messageAttempt.listByEndpoint() shows the successful attempt", async () => {
    const hit = await findInList(
      (iterator) => svix.messageAttempt.listByEndpoint(app.id, ep.id, { iterator }),
      (a) => a.msgId === msg.id && a.status === MessageStatus.Success,
    );
    if (!hit) throw new Error("no successful attempt for the message");
    if (hit.responseStatusCode !== 200) throw new Error(`responseStatusCode=${hit.responseStatusCode}`);
  }, { critical: false });

  // Reads and lists.
  const msgGot = await step("message.get(withContent) succeeds", () =>
    svix.message.get(app.id, msg.id, { withContent: true }), { critical: false });
  if (msgGot) check("message.get() returns the payload", isDeepStrictEqual(msgGot.payload, payload),
    `payload=${truncate(JSON.stringify(msgGot.payload), 200)}`);

  await step("message.list() contains the message", async () => {
    const hit = await findInList((iterator) => svix.message.list(app.id, { iterator }), (m) => m.id === msg.id);
    if (!hit) throw new Error("not listed");
  }, { critical: false });
  await step("application.list() contains the application", async () => {
    const hit = await findInList((iterator) => svix.application.list({ iterator, limit: 100 }), (a) => a.id === app.id);
    if (!hit) throw new Error("not listed");
  }, { critical: false });
  await step("endpoint.list() contains the endpoint", async () => {
    const hit = await findInList((iterator) => svix.endpoint.list(app.id, { iterator }), (e) => e.id === ep.id);
    if (!hit) throw new Error("not listed");
  }, { critical: false });

  // Errors: an unknown application must surface as ApiException 404 with a JSON body.
  await expect404("application.get(unknown) throws ApiException 404",
    () => svix.application.get(`app_doesnotexist_${runId}`));

  // Clean up, which doubles as a delete check.
  await step("application.delete() succeeds", () => svix.application.delete(app.id), { critical: false });
  state.appId = undefined;
  await expect404("application.get() after delete throws ApiException 404", () => svix.application.get(app.id));
}

function throwsVerificationError(fn) {
  try {
    fn();
    return false;
  } catch (err) {
    return err?.name === "WebhookVerificationError";
  }
}

async function expect404(name, fn) {
  try {
    const got = await fn();
    check(name, false, `resolved with ${truncate(JSON.stringify(got), 120)}`);
  } catch (err) {
    const ok = err instanceof ApiException && err.code === 404;
    check(name, ok, describeError(err));
    // The SDK parses 4xx bodies as JSON ({code, detail} in Svix); a non-JSON body
    // would have made it throw a SyntaxError instead of an ApiException.
    if (ok) check(`${name}: body has string code and detail`,
      typeof err.body?.code === "string" && typeof err.body?.detail === "string", `body=${JSON.stringify(err.body)}`);
  }
}

// ---------------------------------------------------------------------------
// Main: env, overall timeout, cleanup, summary, exit code
// ---------------------------------------------------------------------------

async function main() {
  if (!HERALD_URL || !HERALD_TOKEN) {
    console.error("usage: HERALD_URL=http://127.0.0.1:8080 HERALD_TOKEN=<token> node svix-sdk-check.mjs");
    process.exit(1);
  }
  note(`svix SDK check against ${HERALD_URL}`);

  const state = {};
  let finished = false;

  const finish = async (reason) => {
    if (finished) return;
    finished = true;
    if (reason) check(reason, false);
    // Best effort: don't leave the test application behind after an aborted run.
    if (state.appId && state.svix && !reason?.startsWith("overall timeout")) {
      await Promise.race([state.svix.application.delete(state.appId).catch(() => {}), sleep(5_000)]);
    }
    if (failed > 0 && wireLog.length > 0) {
      note("last SDK requests:");
      for (const e of wireLog.slice(-12)) note(`  ${e.method} ${e.url} -> ${e.status}`);
    }
    if (state.receiver) {
      note(`receiver got ${state.receiver.received.length} request(s)`);
      await closeReceiver(state.receiver);
    }
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 && passed > 0 ? 0 : 1);
  };

  // Never hang: whatever is pending after the budget, report and exit.
  setTimeout(() => finish(`overall timeout of ${OVERALL_TIMEOUT_MS / 1000}s reached`), OVERALL_TIMEOUT_MS);

  try {
    await run(state);
    await finish();
  } catch (err) {
    await finish(err instanceof Bail ? `aborted after "${err.message}" failed; later checks not run`
      : `unexpected error: ${err?.stack ?? err}`);
  }
}

main();
