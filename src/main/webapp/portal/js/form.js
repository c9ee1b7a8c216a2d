// Adding and editing an endpoint: the URL (Herald's target rules answer inline), description,
// event types from the catalog, the active switch and the delivery contract.

import { ApiError, call } from './api.js';
import { field, h, showFieldErrors, uid } from './dom.js';
import { portal } from './main.js';

const MASK = '********';
const RETRY_ON = [['network', 'Network errors and timeouts'], ['5xx', '5xx answers'], ['408', '408 Request Timeout'],
  ['429', '429 Too Many Requests']];

function select(options, current) {
  return h('select', null, options.map(([value, text]) => h('option', { value, selected: value === current }, text)));
}

function exampleOf(type) {
  const schema = type.schemas && type.schemas['1'];
  const examples = schema && Array.isArray(schema.examples) ? schema.examples : [];
  return examples.length ? JSON.stringify(examples[0], null, 2) : null;
}

function eventTypeChoices(catalog, chosen) {
  const box = h('fieldset', { 'data-field': 'filterTypes' }, h('legend', null, 'Event types'),
    h('p', { class: 'hint' }, 'Choose the events this endpoint receives. None chosen: it receives every event.'));
  for (const type of catalog) {
    const id = uid('type');
    const example = exampleOf(type);
    box.append(h('div', { class: 'check' },
      h('input', { type: 'checkbox', id, name: 'filterTypes', value: type.name, checked: chosen.has(type.name),
        'aria-describedby': `${id}-desc` }),
      h('div', null, h('label', { for: id }, type.name), h('p', { class: 'hint', id: `${id}-desc` }, type.description || ''))));
    if (example) {
      box.append(h('details', null, h('summary', null, `Example payload of ${type.name}`), h('pre', null, example)));
    }
  }
  box.append(h('p', { class: 'field-error', hidden: true }));
  return box;
}

function headerLines(headers) {
  return Object.entries(headers || {}).map(([k, v]) => `${k}: ${v}`).join('\n');
}

function parseHeaders(text) {
  const out = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon < 1) throw new ApiError(422, { errors: [{ loc: ['body', 'headers'], msg: `"${line.trim()}" is not "Name: value"` }] }, 'Some fields need correcting.');
    out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return out;
}

function parseSchedule(text) {
  if (!text.trim()) return null;
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const numbers = parts.map(Number);
  if (numbers.some((n) => !Number.isInteger(n))) {
    throw new ApiError(422, { errors: [{ loc: ['body', 'retrySchedule'], msg: 'must be whole numbers of seconds, like 0, 5, 300' }] }, 'Some fields need correcting.');
  }
  return numbers;
}

export async function endpointForm(main, id) {
  if (portal.session.readOnly) {
    return h('div', null, h('h1', null, 'Read-only access'),
      h('p', { class: 'readonly-banner' }, 'This link lets you look, not change: ask for a link with write access.'),
      h('p', null, h('a', { href: '#/' }, '← All endpoints')));
  }
  const app = portal.appPath();
  const catalog = await portal.eventTypes();
  const ep = id ? await call('GET', `${app}/endpoint/${encodeURIComponent(id)}`) : null;
  const shownHeaders = id ? await call('GET', `${app}/endpoint/${encodeURIComponent(id)}/headers`) : { headers: {}, sensitive: [] };

  const url = h('input', { type: 'text', inputmode: 'url', autocomplete: 'url', required: true, value: ep ? ep.url : '',
    spellcheck: 'false' });
  const description = h('textarea', null);
  description.value = ep ? ep.description || '' : '';
  const active = h('input', { type: 'checkbox', role: 'switch', checked: ep ? !ep.disabled : true });
  const activeId = uid('active');
  active.id = activeId;
  const method = select([['POST', 'POST'], ['PUT', 'PUT'], ['PATCH', 'PATCH']], ep ? ep.method : 'POST');
  const format = select([['raw', 'Raw: the payload is the body'], ['envelope', 'Envelope: {event, timestamp, data}']], ep ? ep.format : 'raw');
  const scheme = select([['standard-webhooks', 'Standard Webhooks (webhook-signature)'],
    ['timestamped-hmac', 'Timestamped HMAC (t=…,v1=…) in a header'], ['none', 'None']], ep ? ep.signature.scheme : 'standard-webhooks');
  const signatureHeader = h('input', { type: 'text', value: ep && ep.signature.header ? ep.signature.header : '',
    placeholder: 'X-TalentSprout-Signature' });
  const authType = select([['', 'None'], ['bearer', 'Bearer token'], ['header', 'A header of your own']], ep && ep.auth ? ep.auth.type : '');
  const authToken = h('input', { type: 'password', autocomplete: 'off', value: ep && ep.auth && ep.auth.type === 'bearer' ? MASK : '' });
  const authName = h('input', { type: 'text', value: ep && ep.auth && ep.auth.type === 'header' ? ep.auth.name : '', placeholder: 'X-Webhook-Secret' });
  const authValue = h('input', { type: 'password', autocomplete: 'off', value: ep && ep.auth && ep.auth.type === 'header' ? MASK : '' });
  const headers = h('textarea', { spellcheck: 'false' });
  headers.value = headerLines(shownHeaders.headers);
  const timeout = h('input', { type: 'number', min: '1000', max: '60000', step: '1', value: ep && ep.timeoutMs ? String(ep.timeoutMs) : '' });
  const schedule = h('input', { type: 'text', value: ep && ep.retrySchedule ? ep.retrySchedule.join(', ') : '', placeholder: '0, 5, 300, 1800' });
  const ordering = select([['unordered', 'Unordered: attempts run side by side (the default)'],
    ['ordered', 'Ordered: one at a time, in the order accepted']], ep && ep.ordering ? ep.ordering : 'unordered');
  const retryOn = new Set(ep ? ep.retryOn : RETRY_ON.map(([v]) => v));
  const retryBox = h('fieldset', { 'data-field': 'retryOn' }, h('legend', null, 'Retry after'),
    RETRY_ON.map(([value, text]) => {
      const cid = uid('retry');
      return h('div', { class: 'check' }, h('input', { type: 'checkbox', id: cid, value, checked: retryOn.has(value) }),
        h('label', { for: cid }, text));
    }), h('p', { class: 'hint' }, 'Other failures are final.'), h('p', { class: 'field-error', hidden: true }));

  const signatureHeaderField = field('signatureHeader', 'Signature header', signatureHeader);
  const tokenField = field('authToken', 'Bearer token', authToken, ep && ep.auth ? 'Stored and hidden; leave the stars to keep it.' : null);
  const nameField = field('authName', 'Header name', authName);
  const valueField = field('authValue', 'Header value', authValue, ep && ep.auth ? 'Stored and hidden; leave the stars to keep it.' : null);
  function sync() {
    signatureHeaderField.hidden = scheme.value !== 'timestamped-hmac';
    tokenField.hidden = authType.value !== 'bearer';
    nameField.hidden = authType.value !== 'header';
    valueField.hidden = authType.value !== 'header';
  }
  scheme.addEventListener('change', sync);
  authType.addEventListener('change', sync);
  sync();

  const save = h('button', { type: 'submit', class: 'primary' }, id ? 'Save changes' : 'Add endpoint');
  const form = h('form', { novalidate: true },
    field('url', 'Endpoint URL', url, 'Where we send the webhooks. It must be https:// and reach the public internet.'),
    field('description', 'Description', description, 'For you: what this endpoint is for.'),
    eventTypeChoices(catalog, new Set(ep && ep.filterTypes ? ep.filterTypes : [])),
    h('div', { class: 'field check', 'data-field': 'disabled' }, active, h('label', { for: activeId }, 'Active'),
      h('p', { class: 'hint' }, 'While off, nothing is sent; switching it on sends what is owed.')),
    h('fieldset', null, h('legend', null, 'Delivery'),
      field('method', 'HTTP method', method),
      field('format', 'Body format', format),
      h('div', null, field('signature', 'Signature', scheme), signatureHeaderField),
      h('div', null, field('authType', 'Authentication', authType), tokenField, nameField, valueField),
      field('headers', 'Static headers', headers, 'One "Name: value" a line, sent with every webhook.'
        + (shownHeaders.sensitive.length ? ` Kept with hidden values: ${shownHeaders.sensitive.join(', ')}.` : '')),
      field('timeoutMs', 'Timeout (milliseconds)', timeout, '1000 to 60000; empty: the server\'s default.'),
      field('retrySchedule', 'Retry schedule (seconds)', schedule,
        'Delays before each attempt, e.g. "0, 5, 300": three attempts. Up to 50, each at most 7 days. Empty: the default.'),
      retryBox,
      field('ordering', 'Order of delivery', ordering,
        'Ordered: a message being retried holds back the ones behind it, so they never arrive shuffled.')),
    h('p', { class: 'toolbar' }, save,
      h('a', { class: 'button', href: id ? `#/ep/${encodeURIComponent(id)}` : '#/' }, 'Cancel')));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    try {
      const chosen = [...form.querySelectorAll('input[name=filterTypes]:checked')].map((c) => c.value);
      const body = {
        url: url.value.trim(),
        description: description.value,
        filterTypes: chosen.length ? chosen : null,
        disabled: !active.checked,
        method: method.value,
        format: format.value,
        signature: scheme.value === 'timestamped-hmac' && signatureHeader.value.trim()
          ? { scheme: scheme.value, header: signatureHeader.value.trim() } : { scheme: scheme.value },
        auth: authType.value === 'bearer' ? { type: 'bearer', token: authToken.value }
          : authType.value === 'header' ? { type: 'header', name: authName.value.trim(), value: authValue.value } : null,
        timeoutMs: timeout.value.trim() ? Number(timeout.value) : null,
        retrySchedule: parseSchedule(schedule.value),
        retryOn: [...retryBox.querySelectorAll('input:checked')].map((c) => c.value),
        ordering: ordering.value,
      };
      const wanted = parseHeaders(headers.value);
      let saved;
      if (!id) {
        if (body.filterTypes === null) delete body.filterTypes;
        if (Object.keys(wanted).length) body.headers = wanted;
        saved = await call('POST', `${app}/endpoint`, body);
        portal.oneTimeSecret = { endpointId: saved.id, key: saved.secret, title: 'Your endpoint\'s signing secret' };
        portal.pending = 'Endpoint added.';
      } else {
        saved = await call('PATCH', `${app}/endpoint/${encodeURIComponent(id)}`, body);
        // Only what changed: values of sensitive headers are not shown, so they are never resent.
        const change = {};
        for (const [k, v] of Object.entries(wanted)) if (shownHeaders.headers[k] !== v) change[k] = v;
        for (const k of Object.keys(shownHeaders.headers)) if (!(k in wanted)) change[k] = null;
        if (Object.keys(change).length) await call('PATCH', `${app}/endpoint/${encodeURIComponent(id)}/headers`, { headers: change });
        portal.pending = 'Changes saved.';
      }
      portal.go(`#/ep/${encodeURIComponent(saved.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const errors = error.fieldErrors();
        if (errors.eventTypes && !errors.filterTypes) errors.filterTypes = errors.eventTypes;
        if (errors.auth) errors.authType = errors.auth;
        const first = showFieldErrors(form, errors);
        const named = Object.keys(errors).length;
        portal.fail(new ApiError(422, error.problem, named ? 'Please correct the fields marked below.' : error.message));
        if (first) first.focus();
      } else {
        portal.fail(error);
      }
    } finally {
      save.disabled = false;
    }
  });
  return h('div', null, h('p', null, h('a', { href: id ? `#/ep/${encodeURIComponent(id)}` : '#/' }, '← Back')),
    h('h1', null, id ? 'Edit endpoint' : 'Add an endpoint'), form);
}
