// The endpoint list, one endpoint with its delivery log, and one message with its attempts.

import { ApiError, call } from './api.js';
import { append, clear, field, h, uid, when } from './dom.js';
import { portal } from './main.js';

const RATE_WINDOW_DAYS = 7;

/** An endpoint's state in words: what a customer needs to know first. */
export function stateOf(ep) {
  if (ep.disabled) {
    return { cls: 'bad', text: ep.disabledReason ? `Disabled: ${ep.disabledReason}` : 'Disabled' };
  }
  if (ep.paused) return { cls: 'warn', text: 'Paused by the operator: deliveries wait' };
  if (ep.failingSince) return { cls: 'warn', text: `Failing since ${when(ep.failingSince)}` };
  return { cls: 'ok', text: 'Active' };
}

function badge(ep) {
  const s = stateOf(ep);
  return h('span', { class: `badge ${s.cls}`, 'data-test': 'state' }, s.text);
}

/** "97 % delivered": finished messages of the last days that succeeded. */
async function successRate(ep) {
  const since = new Date(Date.now() - RATE_WINDOW_DAYS * 86400000).toISOString();
  const stats = await call('GET', `${portal.appPath()}/endpoint/${encodeURIComponent(ep.id)}/stats?since=${encodeURIComponent(since)}`);
  const finished = stats.success + stats.fail;
  const waiting = stats.pending + stats.sending;
  if (finished === 0) {
    return waiting ? `No message finished in the last ${RATE_WINDOW_DAYS} days; ${waiting} waiting`
      : `No messages in the last ${RATE_WINDOW_DAYS} days`;
  }
  const rate = Math.floor((stats.success * 1000) / finished) / 10;
  return `${rate} % delivered in the last ${RATE_WINDOW_DAYS} days (${stats.success} of ${finished})`
    + (waiting ? `; ${waiting} waiting` : '');
}

function rateLine(ep) {
  const line = h('p', { class: 'muted', 'data-test': 'rate' }, 'Success rate: loading…');
  successRate(ep).then((text) => { line.textContent = text; },
    () => { line.textContent = 'Success rate could not be loaded.'; });
  return line;
}

function readOnlyBanner() {
  return portal.session.readOnly
    ? h('p', { class: 'readonly-banner' }, 'Read-only access: you can look at everything here, but not change it.')
    : null;
}

export async function endpointList() {
  const page = await call('GET', `${portal.appPath()}/endpoint?limit=250`);
  const view = h('div', null, h('h1', null, 'Endpoints'), readOnlyBanner());
  if (!portal.session.readOnly) {
    view.append(h('p', { class: 'toolbar' }, h('a', { class: 'button primary', href: '#/new' }, 'Add endpoint')));
  }
  if (page.data.length === 0) {
    view.append(h('p', null, 'No endpoints yet. An endpoint is a URL of yours that receives webhooks.'));
    return view;
  }
  view.append(h('ul', { class: 'cards', 'aria-label': 'Your endpoints' }, page.data.map((ep) => h('li', { class: 'card' },
    h('p', null, h('a', { class: 'url', href: `#/ep/${encodeURIComponent(ep.id)}` }, ep.url)),
    ep.description ? h('p', { 'data-test': 'description' }, ep.description) : null,
    h('p', null, badge(ep)),
    rateLine(ep)))));
  return view;
}

function describeContract(ep) {
  const signature = ep.signature.scheme === 'timestamped-hmac'
    ? `timestamped HMAC in ${ep.signature.header || 'X-TalentSprout-Signature'}` : ep.signature.scheme;
  return [
    ['Method', ep.method],
    ['Body', ep.format === 'envelope' ? 'envelope {event, timestamp, data}' : 'the payload as it is'],
    ['Signature', signature],
    ['Authentication', ep.auth ? (ep.auth.type === 'bearer' ? 'bearer token (hidden)' : `header ${ep.auth.name} (value hidden)`) : 'none'],
    ['Timeout', ep.timeoutMs ? `${ep.timeoutMs} ms` : 'the server\'s default'],
    ['Retry schedule', ep.retrySchedule ? `${ep.retrySchedule.join(', ')} s` : 'the default'],
    ['Retried on', ep.retryOn.join(', ')],
    ['Ordering', ep.ordering === 'ordered' ? 'ordered: one at a time, in the order accepted' : 'unordered'],
  ];
}

function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
}

/** A secret shown once, with a button that copies it. */
export function secretPanel(title, secret, note) {
  const inputId = uid('secret');
  const status = h('span', { role: 'status', 'aria-live': 'polite', 'data-test': 'copy-status' });
  const input = h('input', { id: inputId, class: 'secret-value', type: 'text', readonly: true, value: secret,
    'data-test': 'secret', spellcheck: 'false', autocomplete: 'off' });
  const copy = h('button', { type: 'button', class: 'primary', 'data-test': 'copy-secret' }, 'Copy secret');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(secret);
      status.textContent = 'Copied.';
    } catch (e) {
      // Pages served over plain HTTP (not localhost) have no clipboard API: select it instead.
      input.focus();
      input.select();
      const done = document.execCommand && document.execCommand('copy');
      status.textContent = done ? 'Copied.' : 'Selected: press Ctrl+C (or ⌘C) to copy.';
    }
  });
  return h('section', { class: 'panel secret', 'aria-labelledby': `${inputId}-title` },
    h('h2', { id: `${inputId}-title` }, title),
    h('p', null, 'This is the only time it is shown. Give it to your receiver, which uses it to check that webhooks come from us.'),
    note ? h('p', { 'data-test': 'overlap' }, note) : null,
    h('div', { class: 'field' }, h('label', { for: inputId }, 'Signing secret'), input),
    h('p', { class: 'toolbar' }, copy, status));
}

export async function endpointDetail(main, id) {
  const ep = await call('GET', `${portal.appPath()}/endpoint/${encodeURIComponent(id)}`);
  const types = ep.filterTypes && ep.filterTypes.length ? ep.filterTypes.join(', ') : 'all event types';
  const view = h('div', null,
    h('p', null, h('a', { href: '#/' }, '← All endpoints')),
    h('h1', { class: 'url' }, ep.url),
    readOnlyBanner(),
    ep.description ? h('p', { 'data-test': 'description' }, ep.description) : null,
    h('p', null, badge(ep)),
    rateLine(ep));
  const once = portal.oneTimeSecret;
  if (once && once.endpointId === ep.id) {
    portal.oneTimeSecret = null;
    view.append(secretPanel(once.title, once.key, once.note));
  }
  view.append(facts([
    ['Id', ep.id],
    ['Event types', types],
    ...describeContract(ep),
    ...(ep.previousSecretUntil ? [['Previous secret', `still signs beside the new one until ${when(ep.previousSecretUntil)}`]] : []),
  ]));
  if (!portal.session.readOnly) {
    view.append(h('p', { class: 'toolbar' },
      h('a', { class: 'button', href: `#/ep/${encodeURIComponent(ep.id)}/edit` }, 'Edit endpoint')));
    view.append(h('div', { class: 'actions' }, await testSendPanel(ep), rotatePanel(ep), recoverPanel(ep)));
  }
  if (ep.ordering === 'ordered') view.append(await orderingPanel(ep));
  view.append(await logPanel(ep));
  return view;
}

/** An ordered endpoint's line: the message at its head, and a way past it when it is stuck. */
async function orderingPanel(ep) {
  const line = await call('GET', `${portal.appPath()}/endpoint/${encodeURIComponent(ep.id)}/ordering`);
  const panel = h('section', { class: 'panel', 'aria-labelledby': 'ordering-title', 'data-test': 'ordering' },
    h('h2', { id: 'ordering-title' }, 'Order of delivery'));
  if (!line.head) {
    panel.append(h('p', null, 'Nothing is waiting: every message has been delivered or has failed for good.'));
    return panel;
  }
  const head = line.head;
  panel.append(h('p', null, `Next in line: message ${head.msgId} (${head.status}, ${head.attempts} `
    + `${head.attempts === 1 ? 'attempt' : 'attempts'}${head.nextAttempt ? `, next attempt ${when(head.nextAttempt)}` : ''}). `
    + `${line.waiting} ${line.waiting === 1 ? 'message waits' : 'messages wait'} behind it.`));
  if (!portal.session.readOnly) {
    const skip = h('button', { type: 'button', class: 'danger', 'data-test': 'skip-head' }, 'Skip this message');
    skip.addEventListener('click', async () => {
      skip.disabled = true;
      try {
        await call('POST', `${portal.appPath()}/endpoint/${encodeURIComponent(ep.id)}/ordering/skip`);
        portal.pending = 'Skipped: it failed for good (you can resend it), and the next message goes now.';
        portal.go(`#/ep/${encodeURIComponent(ep.id)}`);
      } catch (error) {
        portal.fail(error);
        skip.disabled = false;
      }
    });
    panel.append(h('p', { class: 'hint' }, 'Skipping gives up on it so the messages behind it are sent.'), skip);
  }
  return panel;
}

async function testSendPanel(ep) {
  const catalog = await portal.eventTypes();
  const select = h('select', null, h('option', { value: '' }, 'webhook.test (a short test message)'),
    catalog.filter((t) => t.name !== 'webhook.test').map((t) => h('option', { value: t.name }, t.name)));
  const result = h('div', { 'data-test': 'test-result', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Send test');
  const form = h('form', null, field('eventType', 'Event to send', select,
    'Sent now through this endpoint\'s method, format, signature and authentication.'), button, result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    button.disabled = true;
    clear(result);
    result.className = '';
    result.append('Sending…');
    try {
      const body = select.value ? { eventType: select.value } : {};
      const r = await call('POST', `${portal.appPath()}/endpoint/${encodeURIComponent(ep.id)}/send-example`, body);
      clear(result);
      result.className = `result ${r.success ? 'ok' : 'bad'}`;
      const http = r.responseStatusCode ? `HTTP ${r.responseStatusCode}` : 'no HTTP answer';
      append(result, [h('strong', null, r.success ? 'Delivered' : 'Failed'), ` — ${http} in ${r.responseTimeMs} ms`,
        r.error ? ` — ${r.error}` : null]);
    } catch (error) {
      clear(result);
      result.className = 'result bad';
      result.append(error.message);
      portal.fail(error);
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'test-title' }, h('h2', { id: 'test-title' }, 'Send a test'), form);
}

function rotatePanel(ep) {
  const confirmBox = h('div', { hidden: true });
  const start = h('button', { type: 'button', 'data-test': 'rotate' }, 'Rotate secret…');
  const doIt = h('button', { type: 'button', class: 'danger', 'data-test': 'rotate-confirm' }, 'Rotate now');
  const cancel = h('button', { type: 'button' }, 'Cancel');
  confirmBox.append(h('p', null, 'A new secret replaces the current one. The current one keeps signing beside it for a while, '
    + 'so your receiver can switch over without rejecting a webhook.'), h('p', { class: 'toolbar' }, doIt, cancel));
  start.addEventListener('click', () => {
    confirmBox.hidden = false;
    start.hidden = true;
    doIt.focus();
  });
  cancel.addEventListener('click', () => {
    confirmBox.hidden = true;
    start.hidden = false;
    start.focus();
  });
  doIt.addEventListener('click', async () => {
    doIt.disabled = true;
    try {
      // Svix answers a rotation with 204; the portal asks for the new secret, to show it once
      const r = await call('POST', `${portal.appPath()}/endpoint/${encodeURIComponent(ep.id)}/secret/rotate`, {},
        { Prefer: 'return=representation' });
      portal.oneTimeSecret = { endpointId: ep.id, key: r.key, title: 'New signing secret',
        note: `The previous secret keeps signing beside this one until ${when(r.previousSecretUntil)}.` };
      portal.pending = 'Secret rotated.';
      portal.go(`#/ep/${encodeURIComponent(ep.id)}`);
    } catch (error) {
      portal.fail(error);
      doIt.disabled = false;
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'rotate-title' }, h('h2', { id: 'rotate-title' }, 'Signing secret'),
    h('p', null, 'The secret was shown once, when the endpoint was made. Rotate it to get a new one.'),
    start, confirmBox);
}

function localNow(offsetHours) {
  const d = new Date(Date.now() + offsetHours * 3600000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

function recoverPanel(ep) {
  const input = h('input', { type: 'datetime-local', value: localNow(-24), required: true });
  const button = h('button', { type: 'submit' }, 'Retry failed messages');
  const form = h('form', null, field('since', 'Failed since', input,
    'Every message to this endpoint that failed for good since then is sent again.'), button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const since = new Date(input.value);
    if (Number.isNaN(since.getTime())) {
      portal.fail(new ApiError(422, null, 'Choose the date and time since when failed messages are sent again.'));
      return;
    }
    button.disabled = true;
    try {
      const r = await call('POST', `${portal.appPath()}/endpoint/${encodeURIComponent(ep.id)}/recover`, { since: since.toISOString() });
      portal.say(r.recovered === 1 ? '1 failed message is being sent again.' : `${r.recovered} failed messages are being sent again.`);
    } catch (error) {
      portal.fail(error);
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'recover-title' }, h('h2', { id: 'recover-title' }, 'Recover failed messages'), form);
}

function statusText(a) {
  return a.status === 0 ? 'Succeeded' : a.status === 2 ? 'Failed' : a.status === 3 ? 'Sending' : 'Pending';
}

/** The delivery log: newest first, 50 a page, filtered by status and event type. */
async function logPanel(ep) {
  const catalog = await portal.eventTypes();
  const state = { iterator: null, status: '', eventType: '' };
  const statusSelect = h('select', null, h('option', { value: '' }, 'All'), h('option', { value: 'succeeded' }, 'Succeeded'),
    h('option', { value: 'failed' }, 'Failed'));
  const typeSelect = h('select', null, h('option', { value: '' }, 'All'), catalog.map((t) => h('option', { value: t.name }, t.name)));
  const refresh = h('button', { type: 'button', 'data-test': 'refresh-log' }, 'Refresh');
  const body = h('div', { 'aria-live': 'polite' });
  const newer = h('button', { type: 'button', 'data-test': 'newer' }, 'Newer');
  const older = h('button', { type: 'button', 'data-test': 'older' }, 'Older');
  const pager = h('p', { class: 'toolbar' }, newer, older);

  // Only the newest request draws: an older answer (a refresh before a filter changed) that
  // arrives late must not replace what the user asked for last.
  let latest = 0;
  async function load() {
    const mine = ++latest;
    const q = new URLSearchParams({ limit: '50' });
    if (state.iterator) q.set('iterator', state.iterator);
    if (state.status) q.set('status', state.status);
    if (state.eventType) q.set('event_types', state.eventType);
    let page;
    try {
      page = await call('GET', `${portal.appPath()}/attempt/endpoint/${encodeURIComponent(ep.id)}?${q}`);
    } catch (error) {
      if (mine === latest) portal.fail(error);
      return;
    }
    if (mine !== latest) return;
    clear(body);
    if (page.data.length === 0) {
      body.append(h('p', null, state.iterator ? 'No more attempts.' : 'No attempts yet.'));
    } else {
      body.append(h('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Delivery attempts', tabindex: '0' },
        h('table', { class: 'log' },
          h('caption', { class: 'muted' }, `Newest first, ${page.data.length} shown`),
          h('thead', null, h('tr', null, ['Time', 'Status', 'Event', 'HTTP', 'Attempt', 'Duration', 'Error', 'Actions']
            .map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', null, page.data.map((a) => attemptRow(ep, a, load))))));
    }
    // Svix's cursors: iterator goes on to older attempts, prevIterator back to newer ones.
    newer.hidden = !state.iterator;
    newer.onclick = () => { state.iterator = page.prevIterator; load(); };
    older.hidden = page.done || !page.iterator;
    older.onclick = () => { state.iterator = page.iterator; load(); };
  }
  statusSelect.addEventListener('change', () => { state.status = statusSelect.value; state.iterator = null; load(); });
  typeSelect.addEventListener('change', () => { state.eventType = typeSelect.value; state.iterator = null; load(); });
  refresh.addEventListener('click', () => { state.iterator = null; load(); });
  await load();
  return h('section', { 'aria-labelledby': 'log-title' }, h('h2', { id: 'log-title' }, 'Delivery log'),
    h('div', { class: 'filters' }, field('logStatus', 'Status', statusSelect), field('logEventType', 'Event type', typeSelect), refresh),
    body, pager);
}

function attemptRow(ep, a, reload) {
  const open = h('a', { class: 'button', href: `#/ep/${encodeURIComponent(ep.id)}/msg/${encodeURIComponent(a.msgId)}` },
    'Details');
  open.setAttribute('aria-label', `Details of ${a.eventType} at ${when(a.timestamp)}`);
  const actions = h('td', { 'data-label': 'Actions' }, open);
  if (!portal.session.readOnly) {
    const resend = h('button', { type: 'button', 'data-test': 'resend' }, 'Resend');
    resend.setAttribute('aria-label', `Resend ${a.eventType} from ${when(a.timestamp)}`);
    resend.addEventListener('click', () => resendMessage(ep.id, a.msgId, resend, reload));
    actions.append(' ', resend);
  }
  return h('tr', { 'data-test': 'attempt', 'data-status': statusText(a).toLowerCase(), 'data-msg': a.msgId },
    h('td', { 'data-label': 'Time' }, when(a.timestamp)),
    h('td', { 'data-label': 'Status' }, h('span', { class: `badge ${a.status === 0 ? 'ok' : a.status === 2 ? 'bad' : 'warn'}` }, statusText(a))),
    h('td', { 'data-label': 'Event' }, a.eventType || ''),
    h('td', { 'data-label': 'HTTP', class: 'num' }, a.responseStatusCode ? String(a.responseStatusCode) : '—'),
    h('td', { 'data-label': 'Attempt', class: 'num' }, String(a.attemptNumber ?? '')),
    h('td', { 'data-label': 'Duration', class: 'num' }, `${a.responseDurationMs} ms`),
    h('td', { 'data-label': 'Error' }, a.error || ''),
    actions);
}

async function resendMessage(endpointId, msgId, button, reload) {
  button.disabled = true;
  try {
    await call('POST', `${portal.appPath()}/msg/${encodeURIComponent(msgId)}/endpoint/${encodeURIComponent(endpointId)}/resend`);
    portal.say('Sent again; the new attempt appears in the log in a moment.');
    // The resend is delivered asynchronously: look again a few times.
    for (const wait of [700, 1500, 3000, 6000, 10000]) {
      setTimeout(reload, wait);
    }
  } catch (error) {
    portal.fail(error);
  } finally {
    button.disabled = false;
  }
}

export async function messageDetail(main, endpointId, msgId) {
  const app = portal.appPath();
  const [msg, attempts] = await Promise.all([
    call('GET', `${app}/msg/${encodeURIComponent(msgId)}`),
    call('GET', `${app}/attempt/msg/${encodeURIComponent(msgId)}?limit=250`),
  ]);
  const mine = attempts.data.filter((a) => a.endpointId === endpointId);
  const view = h('div', null,
    h('p', null, h('a', { href: `#/ep/${encodeURIComponent(endpointId)}` }, '← Back to the endpoint')),
    h('h1', null, `Message ${msg.eventType}`),
    facts([['Id', msg.id], ['Event id', msg.eventId || '—'], ['Created', when(msg.timestamp)]]),
    h('h2', null, 'Payload'),
    h('pre', { 'data-test': 'payload', tabindex: '0', 'aria-label': 'Payload' }, JSON.stringify(msg.payload, null, 2)));
  if (!portal.session.readOnly) {
    const resend = h('button', { type: 'button', class: 'primary', 'data-test': 'resend' }, 'Resend to this endpoint');
    // Shown again while the resend is delivered, unless the user has gone elsewhere meanwhile.
    const here = window.location.hash;
    resend.addEventListener('click', () => resendMessage(endpointId, msg.id, resend, () => {
      if (window.location.hash === here) portal.go(here);
    }));
    view.append(h('p', { class: 'toolbar' }, resend));
  }
  view.append(h('h2', null, `Attempts (${mine.length})`));
  if (mine.length === 0) {
    view.append(h('p', null, 'No attempt to this endpoint yet.'));
  } else {
    view.append(h('ol', { class: 'cards', reversed: true }, mine.map((a) => h('li', { class: 'card', 'data-test': 'message-attempt' },
      h('p', null, h('strong', null, `Attempt ${a.attemptNumber}: ${statusText(a)}`), ` — ${when(a.timestamp)}`),
      h('p', null, `${a.responseStatusCode ? `HTTP ${a.responseStatusCode}` : 'No HTTP answer'}, ${a.responseDurationMs} ms`
        + (a.triggerType === 1 ? ', sent by hand' : '')),
      a.error ? h('p', null, `Error: ${a.error}`) : null,
      a.response ? h('pre', null, a.response) : null))));
  }
  return view;
}
