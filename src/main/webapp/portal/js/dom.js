// Building the page from data. Everything a customer or a receiver wrote becomes a text node:
// there is no innerHTML anywhere in the portal, so a description like <img onerror=…> stays text.

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'class') {
      el.className = value;
    } else if (key === 'value') {
      el.value = value;
    } else if (key === 'checked' || key === 'selected') {
      el[key] = Boolean(value);
      if (value) el.setAttribute(key, '');
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

let ids = 0;
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A labelled control with its hint and the place for its error, wired for screen readers. */
export function field(name, labelText, control, hint) {
  const id = control.id || uid(name);
  control.id = id;
  control.name = control.name || name;
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorEl = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  control.setAttribute('aria-describedby', [hintEl ? hintEl.id : null, errorEl.id].filter(Boolean).join(' '));
  const wrap = h('div', { class: 'field', 'data-field': name }, h('label', { for: id }, labelText), control, hintEl, errorEl);
  return wrap;
}

/** Shows each field's message beside it; answers the first control that has one. */
export function showFieldErrors(form, errors) {
  let first = null;
  for (const wrap of form.querySelectorAll('[data-field]')) {
    const name = wrap.getAttribute('data-field');
    const control = wrap.querySelector('input, select, textarea');
    const errorEl = wrap.querySelector(':scope > .field-error');
    const message = errors[name];
    if (control) control.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (errorEl) {
      errorEl.textContent = message || '';
      errorEl.hidden = !message;
    }
    if (message && !first) first = control;
  }
  return first;
}
