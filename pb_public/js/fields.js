// fields: dates and numbers typed the ward's way in any browser language.
// The browser's own date and number inputs follow its language (an English
// Chromium reads "15/03/2026" as mm/dd, drops a decimal comma), so every
// <input type="date">, [data-date], <input type="number"> and
// [data-number="decimal"|"money"] becomes a text field of ours:
//   - the person types dd/mm/yyyy, "12,5" or "12.500.000" (inputmode
//     brings the right phone keyboard); what cannot be read is refused at
//     the field with a Vietnamese sentence (format.js parsers), never read
//     as something else;
//   - a hidden input keeps the field's name and holds the value in the
//     form's terms ("2026-03-15", "12.5", "12500000"): the page's code,
//     FormData and GET forms read it as before; setting its value (also
//     from code) shows it the ward's way in the text field;
//   - a date field has a small calendar button (the browser's picker only
//     fills it; the text stays dd/mm/yyyy).
// layout.js enhances the page at start and every field added later.

import { t } from './i18n.js';
import { parseDay, showDay, parseDecimal, parseMoney, formatNumber, formatMoney } from './format.js';

const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');

// kindOf says how input is read: date, decimal, money, or '' (left alone).
function kindOf(input) {
  if (input.dataset.enhanced) return '';
  if (input.type === 'date' || 'date' in input.dataset) return 'date';
  if (input.dataset.number === 'money') return 'money';
  if (input.type === 'number' || input.dataset.number === 'decimal') return 'decimal';
  return '';
}

// KINDS: per kind, the parser, how a stored value is shown, the keyboard.
const KINDS = {
  date: { parse: parseDay, show: showDay, mode: 'numeric' },
  decimal: { parse: parseDecimal, show: (v) => formatNumber(v), mode: 'decimal' },
  money: { parse: parseMoney, show: (v) => formatMoney(v), mode: 'numeric' },
};

// check reads the text field's value into the hidden one; a refusal is
// marked (data-invalid holds the sentence) and, when show, put under it.
function check(text, hidden, kind, show) {
  const k = KINDS[kind];
  // only what cannot be read is refused here; ranges are the server's to say.
  const r = k.parse(text.value);
  native.set.call(hidden, r.ok ? r.value : '');
  if (r.ok) {
    delete text.dataset.invalid;
    if (text.getAttribute('aria-invalid') === 'true') clearAt(text);
  } else {
    text.dataset.invalid = r.error;
    if (show) markAt(text, r.error);
  }
  return r.ok;
}

// errorId is the id of a field's message, named after the field the page
// knows (as messages.js names it).
function errorId(text) {
  const h = text._value;
  return ((h && (h.id || h.name)) || text.id) + '-error';
}

// markAt puts sentence under the text field.
function markAt(text, sentence) {
  placeError(text, errorId(text), sentence);
}

// placeError puts sentence under field, what a person types in (after its
// date picker when it has one), as the message of that id: linked to it
// by aria-describedby, the field marked invalid. messages.js places the
// server's field errors with it too.
export function placeError(field, id, sentence) {
  let p = document.getElementById(id);
  if (!p) {
    p = document.createElement('p');
    p.id = id;
    p.className = 'field-error';
    (field.closest('.datefield') || field).insertAdjacentElement('afterend', p);
    const ids = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    field.setAttribute('aria-describedby', [...ids, id].join(' '));
  }
  p.textContent = sentence;
  field.setAttribute('aria-invalid', 'true');
}

// clearAt removes the sentence markAt put.
function clearAt(text) {
  const id = errorId(text);
  const p = document.getElementById(id);
  if (p) p.remove();
  const rest = (text.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== id);
  if (rest.length) text.setAttribute('aria-describedby', rest.join(' '));
  else text.removeAttribute('aria-describedby');
  text.removeAttribute('aria-invalid');
}

// enhanceOne turns input into the hidden value (the element itself, so
// that code holding it, its id, name and data-* keep working) and puts the
// text field the person types in before it.
function enhanceOne(input) {
  const kind = kindOf(input);
  if (!kind) return;
  const k = KINDS[kind];
  const hidden = input;
  const initial = native.get.call(input);
  const text = document.createElement('input');
  text.type = 'text';
  text.inputMode = k.mode;
  text.autocomplete = 'off';
  text.dataset.enhanced = kind;
  text.id = (input.id || input.name || 'field') + '-text';
  for (const a of ['aria-describedby', 'placeholder', 'title']) if (input.hasAttribute(a)) text.setAttribute(a, input.getAttribute(a));
  text.required = input.required;
  text.disabled = input.disabled;
  if (kind === 'date') {
    text.placeholder = t('format.date_placeholder');
    text.maxLength = 10;
  }
  if (input.id) for (const l of document.querySelectorAll(`label[for="${CSS.escape(input.id)}"]`)) l.htmlFor = text.id;
  hidden.required = false;
  hidden.type = 'hidden';
  hidden.dataset.enhanced = kind;
  hidden._shown = text;
  text._value = hidden;
  // the page's code focuses, disables and sets the element it knows.
  hidden.focus = () => text.focus();
  Object.defineProperty(hidden, 'disabled', {
    configurable: true,
    get() { return text.disabled; },
    set(v) {
      text.disabled = !!v;
      const b = text.parentElement && text.parentElement.querySelector('.datefield__button');
      if (b) b.disabled = !!v;
    },
  });
  Object.defineProperty(hidden, 'value', {
    configurable: true,
    get() { return native.get.call(hidden); },
    set(v) {
      const s = v === null || v === undefined ? '' : String(v);
      native.set.call(hidden, s);
      native.set.call(text, s === '' ? '' : k.show(s));
      delete text.dataset.invalid;
      if (text.getAttribute('aria-invalid') === 'true') clearAt(text);
    },
  });
  hidden.before(text);
  hidden.value = initial;
  // what is typed goes into the hidden value at once (the page hears it from
  // the element it knows); a refusal shows when the person leaves the field
  // (or submits), and goes as soon as it is fixed.
  text.addEventListener('input', (ev) => {
    ev.stopPropagation();
    check(text, hidden, kind, false);
    hidden.dispatchEvent(new Event('input', { bubbles: true }));
  });
  text.addEventListener('change', (ev) => {
    ev.stopPropagation();
    if (check(text, hidden, kind, true) && native.get.call(hidden) !== '') {
      native.set.call(text, k.show(native.get.call(hidden)));
    }
    hidden.dispatchEvent(new Event('change', { bubbles: true }));
  });
  if (kind === 'date') calendar(text, hidden);
}

// calendar adds a button that opens the browser's date picker; the day
// picked fills the text field as dd/mm/yyyy.
function calendar(text, hidden) {
  const wrap = document.createElement('span');
  wrap.className = 'datefield';
  text.before(wrap);
  wrap.append(text);
  const picker = document.createElement('input');
  picker.type = 'date';
  picker.className = 'datefield__picker';
  picker.tabIndex = -1;
  picker.setAttribute('aria-hidden', 'true');
  picker.setAttribute('aria-label', t('format.calendar'));
  picker.dataset.enhanced = 'picker';
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'secondary datefield__button';
  b.textContent = t('format.calendar_short');
  b.title = t('format.calendar');
  b.setAttribute('aria-label', t('format.calendar'));
  b.addEventListener('click', () => {
    native.set.call(picker, native.get.call(hidden));
    try {
      picker.showPicker();
    } catch {
      picker.focus();
    }
  });
  picker.addEventListener('change', () => {
    native.set.call(text, showDay(picker.value));
    text.dispatchEvent(new Event('input', { bubbles: true }));
    text.dispatchEvent(new Event('change', { bubbles: true }));
  });
  wrap.append(b, picker);
  if (text.disabled) b.disabled = true;
}

// refusal returns the sentence of the first field in root holding text
// that cannot be read, marking it; null when every field reads.
export function refusal(root) {
  let first = null;
  for (const text of root.querySelectorAll('input[data-invalid]')) {
    if (text.disabled || text.getClientRects().length === 0) continue;
    markAt(text, text.dataset.invalid);
    first = first || text;
  }
  if (first) first.focus();
  return first ? first.dataset.invalid : null;
}

// enhanceFields enhances every field under root now.
export function enhanceFields(root = document) {
  for (const input of root.querySelectorAll('input[type="date"], input[type="number"], input[data-date], input[data-number]')) {
    enhanceOne(input);
  }
}

// watchFields enhances the fields of root now and every one added later
// (authors' rows, dialogs, score sheets).
export function watchFields(root = document.body) {
  enhanceFields(root);
  new MutationObserver((changes) => {
    for (const c of changes) {
      for (const n of c.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (n.matches('input')) enhanceOne(n);
        else enhanceFields(n);
      }
    }
  }).observe(root, { childList: true, subtree: true });
}
