// The customer portal: opened from the link that POST /auth/app-portal-access answers,
// /portal/#token=appsk_…. The token is taken out of the address at once (the history entry is
// replaced, so neither Back nor the history list shows it) and kept in this tab's
// sessionStorage, so a reload keeps working and closing the tab forgets it.

import { ApiError, call, useToken } from './api.js';
import { clear, h, when } from './dom.js';
import { endpointList, endpointDetail, messageDetail } from './endpoints.js';
import { endpointForm } from './form.js';

const STORAGE_KEY = 'herald.portal.token';
const main = document.getElementById('main');
const notice = document.getElementById('notice');
const alertBox = document.getElementById('alert');

function takeToken() {
  const match = /^#token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(STORAGE_KEY, match[1]);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
    return match[1];
  }
  return sessionStorage.getItem(STORAGE_KEY);
}

/** What every view may use: the session, the catalog, and the ways to speak to the user. */
export const portal = {
  session: null,
  catalog: null,
  /** A secret shown once, handed from the action that made it to the view that shows it. */
  oneTimeSecret: null,
  say(text) {
    alertBox.textContent = '';
    notice.textContent = text;
  },
  fail(error) {
    if (error instanceof ApiError && error.status === 401) {
      ended();
      return;
    }
    notice.textContent = '';
    alertBox.textContent = error instanceof ApiError ? error.message : `Something went wrong: ${error.message || error}`;
    if (!(error instanceof ApiError)) console.error(error);
  },
  /** A message for the view the user is being taken to. */
  pending: null,
  quiet() {
    notice.textContent = '';
    alertBox.textContent = '';
  },
  go(hash) {
    if (window.location.hash === hash) render();
    else window.location.hash = hash;
  },
  appPath() {
    return `app/${encodeURIComponent(portal.session.appId)}`;
  },
  async eventTypes() {
    if (!portal.catalog) {
      const page = await call('GET', 'event-type?limit=250');
      portal.catalog = page.data;
    }
    return portal.catalog;
  },
};

function errorPage(title, text) {
  clear(main);
  main.append(h('section', { class: 'error-page' }, h('h1', { tabindex: '-1' }, title), h('p', null, text)));
  main.querySelector('h1').focus();
}

/** A token that is expired, revoked or wrong: one clear message, and nothing else to click. */
function ended() {
  sessionStorage.removeItem(STORAGE_KEY);
  useToken(null);
  portal.session = null;
  notice.textContent = '';
  alertBox.textContent = '';
  document.getElementById('session').textContent = '';
  errorPage('This link has expired', 'The access link you opened has expired, was revoked, or is not valid. '
    + 'Ask the service that sent it to you for a new link.');
}

const routes = [
  [/^#?\/?$/, () => endpointList(main)],
  [/^#\/new$/, () => endpointForm(main, null)],
  [/^#\/ep\/([^/]+)$/, (m) => endpointDetail(main, decodeURIComponent(m[1]))],
  [/^#\/ep\/([^/]+)\/edit$/, (m) => endpointForm(main, decodeURIComponent(m[1]))],
  [/^#\/ep\/([^/]+)\/msg\/([^/]+)$/, (m) => messageDetail(main, decodeURIComponent(m[1]), decodeURIComponent(m[2]))],
];

let rendering = 0;
let shown = null;
async function render() {
  if (!portal.session) return;
  const mine = ++rendering;
  const hash = window.location.hash;
  const route = routes.find(([re]) => re.test(hash));
  // Drawing the same page again (a refresh after a resend) keeps the old one until the new one
  // is ready, and leaves the focus where the user is.
  const again = hash === shown;
  shown = hash;
  if (!again) {
    clear(main);
    main.append(h('p', { class: 'loading' }, 'Loading…'));
  }
  try {
    if (!route) {
      errorPage('Page not found', 'There is nothing at this address in the portal.');
      main.append(h('p', null, h('a', { href: '#/' }, 'Back to your endpoints')));
      return;
    }
    const view = await route[1](hash.match(route[0]));
    if (mine !== rendering) return;
    clear(main);
    main.append(view);
    const heading = main.querySelector('h1');
    if (heading && !again) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
    if (portal.pending) {
      portal.say(portal.pending);
      portal.pending = null;
    }
  } catch (error) {
    if (mine !== rendering) return;
    if (error instanceof ApiError && error.status === 401) {
      ended();
      return;
    }
    errorPage('This page could not be shown', error instanceof ApiError ? error.message : String(error.message || error));
    main.append(h('p', null, h('a', { href: '#/' }, 'Back to your endpoints')));
    if (!(error instanceof ApiError)) console.error(error);
  }
}

async function start() {
  const token = takeToken();
  if (!token) {
    errorPage('No access link', 'This page opens from an access link that carries a token. '
      + 'Ask the service that sent you here for a link.');
    return;
  }
  useToken(token);
  try {
    portal.session = await call('GET', 'auth/session');
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      ended();
    } else {
      errorPage('Herald could not be reached', error.message || String(error));
    }
    return;
  }
  document.getElementById('app-name').textContent = portal.session.appName;
  document.title = `Webhooks · ${portal.session.appName}`;
  document.getElementById('session').textContent = `${portal.session.readOnly ? 'Read-only access · ' : ''}`
    + `link valid until ${when(portal.session.expiresAt)}`;
  shown = null; // a new link is a new page, whatever the address says
  render();
}

window.addEventListener('hashchange', () => {
  portal.quiet();
  if (window.location.hash.startsWith('#token=')) {
    // Another link opened in this tab (the page does not reload for a new fragment): start over
    // with its token, whatever the last one could do.
    portal.session = null;
    portal.catalog = null;
    start();
    return;
  }
  render();
});

start();
