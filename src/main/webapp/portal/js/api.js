// Calls Herald's API with the portal's application token. The token travels only in the
// Authorization header: never in a URL, so no access log, proxy or Referer ever sees it.

const BASE = new URL('../api/v1/', document.baseURI);
let token = null;

export function useToken(value) {
  token = value;
}

/** An answer that was not a success, with the problem document's words when there is one. */
export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem;
  }

  /** Svix-style field errors: [{loc: ['body', 'url'], msg}] → {url: msg}. */
  fieldErrors() {
    const out = {};
    const list = this.problem && Array.isArray(this.problem.errors) ? this.problem.errors : [];
    for (const e of list) {
      const loc = Array.isArray(e.loc) ? e.loc : [];
      const name = loc.length > 1 ? String(loc[1]) : String(loc[0] || '');
      if (name && !(name in out)) out[name] = String(e.msg || 'is not valid');
    }
    return out;
  }
}

function explain(status, problem, text) {
  const detail = problem && typeof problem.detail === 'string' ? problem.detail : '';
  if (status === 401) return 'This link has expired or was revoked.';
  if (status === 403) return detail || 'This access does not allow that.';
  if (status === 404) return detail || 'Not found: it may have been deleted.';
  if (status === 422) return detail || 'Some fields need correcting.';
  if (status === 429) return 'Too many requests; wait a moment and try again.';
  if (status >= 500) return `Herald answered with an error (${status}). Try again in a moment.` + (detail ? ` ${detail}` : '');
  return detail || (text ? text.slice(0, 200) : `Unexpected answer (${status}).`);
}

export async function call(method, path, body, extraHeaders) {
  const headers = { Accept: 'application/json', ...(extraHeaders || {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(new URL(path, BASE), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
  } catch (e) {
    throw new ApiError(0, null, 'Herald could not be reached. Check your connection and try again.');
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!res.ok) throw new ApiError(res.status, json, explain(res.status, json, text));
  return json;
}

