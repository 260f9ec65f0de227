// messages: a failed call shown where it belongs. Field errors from the
// server (ClientResponseError data.<field>.code) are shown under their
// input, linked with aria-describedby; the general message goes into the
// page's aria-live region. The text is always the catalog's by code
// (i18n/vi.json "error.<code>", its {params} filled); the server's own
// message only when the catalog has no such code or lacks a value.

import { t, has } from './i18n.js';
import { refusal, placeError } from './fields.js';

// messageFor returns the catalog's sentence for an error code, its {name}
// placeholders filled from params; fallback when the catalog cannot say it.
export function messageFor(code, params = {}, fallback = '') {
  const key = 'error.' + code;
  if (!code || !has(key)) return fallback || t('error.internal');
  const text = t(key, params || {});
  return /\{[a-z_]+\}/.test(text) && fallback ? fallback : text;
}

// generalMessage returns the one sentence that sums up err for the person.
export function generalMessage(err) {
  const status = err && typeof err.status === 'number' ? err.status : -1;
  const body = (err && err.response) || {};
  if (status === 0) return t('page.network_error');
  if (body.code && has('error.' + body.code)) return messageFor(body.code, body.params, body.message);
  if (status === 401) return t('error.unauthorized');
  if (status === 403) return t('error.forbidden');
  if (status === 404) return t('error.not_found');
  if (status === 429) return t('page.too_many');
  if (status >= 500 || status < 0) return t('error.internal');
  if (fieldErrors(err).length) return t('msg.check_fields');
  return body.message || t('error.invalid_body');
}

// fieldErrors lists err's field errors as [{field, code, text}].
export function fieldErrors(err) {
  const data = (err && err.response && err.response.data) || {};
  return Object.entries(data)
    .filter(([, v]) => v && typeof v === 'object' && v.code)
    .map(([field, v]) => ({ field, code: v.code, text: messageFor(v.code, v.params, v.message) }));
}

// controlFor finds form's input for a server field name: [name=field], or
// an element marked data-field="field".
function controlFor(form, field) {
  return form.querySelector(`[name="${CSS.escape(field)}"], [data-field="${CSS.escape(field)}"]`);
}

// clearErrors removes every message showFieldError put in form.
export function clearErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) {
    const input = form.querySelector(`[aria-describedby~="${CSS.escape(p.id)}"]`);
    if (input) {
      const rest = input.getAttribute('aria-describedby').split(' ').filter((id) => id && id !== p.id);
      if (rest.length) input.setAttribute('aria-describedby', rest.join(' '));
      else input.removeAttribute('aria-describedby');
      input.removeAttribute('aria-invalid');
    }
    p.remove();
  }
}

// showFieldError puts text under input, linked by aria-describedby.
export function showFieldError(input, text) {
  // a date or number field of fields.js: the message goes under what is
  // typed, named after the field the page knows.
  placeError(input._shown || input, (input.id || input.name) + '-error', text);
}

// say puts text in a status region (aria-live), kind "error", "ok" or "".
export function say(region, text, kind = '') {
  region.textContent = text || '';
  region.dataset.kind = kind;
}

// showError shows err on form: each field error under its input, the
// general message in region; the first invalid input gets the focus. It
// returns the number of field errors shown at a field.
export function showError(form, region, err) {
  clearErrors(form);
  let shown = 0;
  const unplaced = [];
  for (const e of fieldErrors(err)) {
    const input = controlFor(form, e.field);
    if (input) {
      showFieldError(input, e.text);
      shown++;
    } else {
      unplaced.push(e.text);
    }
  }
  const general = generalMessage(err);
  say(region, [general, ...unplaced].join(' '), 'error');
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
  return shown;
}

// refused marks, before sending, each visible field that is required and
// empty ("Vui lòng nhập …" with its label) or holds text that cannot be
// read (fields.js); it says so in region and focuses the first.
function refused(form, region) {
  const empty = [...form.elements].filter((c) => c.required && !c.disabled && c.type !== 'hidden' &&
    c.getClientRects().length > 0 && (c.type === 'checkbox' ? !c.checked : String(c.value).trim() === ''));
  for (const c of empty) {
    const label = c.labels && c.labels[0] ? c.labels[0].textContent.trim() : '';
    showFieldError(c, label ? t('error.required', { field: label }) : t('error.validation_required'));
  }
  const unread = refusal(form);
  if (!empty.length && !unread) return false;
  say(region, t('msg.check_fields'), 'error');
  (empty[0] || form.querySelector('[aria-invalid="true"]')).focus();
  return true;
}

// handleSubmit enhances form: on submit it stops the browser's own post,
// clears old messages, disables the submit buttons while fn(values) runs,
// and shows any error fn throws at its fields and in region. values are
// the form's named fields (FormData as an object).
export function handleSubmit(form, region, fn) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    say(region, '');
    // what the server would refuse for sure is said at the field first:
    // text that is not a date or number, a required field left empty.
    if (refused(form, region)) return;
    const buttons = form.querySelectorAll('button[type="submit"], button:not([type])');
    for (const b of buttons) b.disabled = true;
    try {
      await fn(Object.fromEntries(new FormData(form)));
    } catch (err) {
      showError(form, region, err);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  });
}
