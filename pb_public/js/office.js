// office: the parts every secretariat page (/van-phong/…) shares: the
// office's own menu, the round the page works on (round.js), tables that become cards on a phone, the
// dialog that asks for a reason or a consent and shows the server's
// refusal at its field, and download buttons showing the file name.

import { start, el, cell } from './layout.js';

export { cell };
import { pb } from './pb.js';
import { t } from './i18n.js';
import { handleSubmit, say, generalMessage } from './messages.js';
import { formatDate, formatNumber } from './format.js';
import { download } from './documents.js';
import { roundFor, roundLabel } from './round.js';
import { warnUnnamedWard } from './ward-names.js';

// OFFICE_PAGES are the secretariat's pages, in menu order.
export const OFFICE_PAGES = [
  { href: '/van-phong/', key: 'office.nav.overview' },
  { href: '/van-phong/cai-dat.html', key: 'office.nav.settings' },
  { href: '/van-phong/hoi-dong.html', key: 'office.nav.council' },
  { href: '/van-phong/ket-qua.html', key: 'office.nav.results' },
  { href: '/van-phong/bao-cao.html', key: 'office.nav.reports' },
  { href: '/van-phong/nhat-ky.html', key: 'office.nav.audit' },
  { href: '/van-phong/tai-khoan.html', key: 'office.nav.accounts' },
];

// $ is document.getElementById.
export const $ = (id) => document.getElementById(id);

// officeStart starts a secretariat page: the layout, the office menu, the
// rounds and the one chosen (round.js: ?year=, else where the office's work
// waits, else the open one, else the latest). It returns {me, rounds, round, todo};
// round is null when the ward has none (the page says so).
export async function officeStart({ roles = ['secretariat'] } = {}) {
  const me = await start({ roles });
  const { rounds, round, todo } = await roundFor(['secretariat']);
  officeMenu(round);
  roundPicker(rounds, round, todo);
  return { me, rounds, round, todo };
}

// withYear returns href carrying the chosen round's year.
export function withYear(href, round) {
  return round ? href + '?year=' + encodeURIComponent(round.year) : href;
}

// officeMenu fills <nav id="office-nav"> with the office's pages.
function officeMenu(round) {
  const nav = $('office-nav');
  if (!nav) return;
  nav.setAttribute('aria-label', t('office.nav.label'));
  const ul = el('ul', 'office-nav__list');
  const here = location.pathname.replace(/index\.html$/, '');
  for (const p of OFFICE_PAGES) {
    const a = el('a', 'office-nav__link', t(p.key));
    a.href = withYear(p.href, round);
    if (p.href === here) a.setAttribute('aria-current', 'page');
    const li = el('li');
    li.append(a);
    ul.append(li);
  }
  nav.replaceChildren(ul);
}

// roundPicker fills <form id="round-picker"> with a select of the rounds;
// choosing one opens the same page for that year.
function roundPicker(rounds, round, todo) {
  const form = $('round-picker');
  if (!form) return;
  const label = el('label', '', t('office.round_pick'));
  label.htmlFor = 'round-year';
  const select = el('select');
  select.id = 'round-year';
  select.name = 'year';
  for (const r of rounds) {
    const o = el('option', '', roundLabel(r, ['secretariat'], todo));
    o.value = r.year;
    o.selected = round && r.id === round.id;
    select.append(o);
  }
  select.addEventListener('change', () => {
    const q = new URLSearchParams(location.search);
    q.set('year', select.value);
    location.assign(location.pathname + '?' + q.toString());
  });
  form.replaceChildren(label, select);
  form.addEventListener('submit', (ev) => ev.preventDefault());
}

// headRow fills a table's thead with the labels of keys.
export function headRow(table, keys) {
  const tr = el('tr');
  for (const k of keys) {
    const th = el('th', '', t(k));
    th.scope = 'col';
    tr.append(th);
  }
  table.tHead.replaceChildren(tr);
}

// badge returns a small labelled span.
export function badge(text, kind) {
  return el('span', 'badge badge--' + kind, text);
}

// button returns a <button type="button"> with text calling fn.
export function button(text, fn, className = 'secondary') {
  const b = el('button', className, text);
  b.type = 'button';
  b.addEventListener('click', fn);
  return b;
}

// number shows a number the pages' one way (format.js formatNumber):
// "75,5", "80", "2/3" is for ratios (fraction).
export function number(v) {
  if (v === undefined || v === null || Number.isNaN(v)) return '';
  return formatNumber(v);
}

// post sends a POST to an /api/reform route with a JSON body.
export function post(path, body = {}) {
  return pb.send(path, { method: 'POST', body });
}

// ask opens a dialog with a form: fields are [{name, label, type, value,
// required, options}] (type "textarea", "checkbox", "select", "date",
// "text"); intro is a sentence above them. On submit fn(values) runs;
// an error it throws shows at its field (data-field) and in the dialog's
// status; the dialog closes once fn succeeds and ask resolves with fn's
// value (null when cancelled).
export function ask({ title, intro = '', fields = [], submit, message = '' }, fn) {
  return new Promise((resolve) => {
    const dialog = el('dialog', 'dialog');
    const titleId = 'dlg-title-' + Math.random().toString(36).slice(2);
    dialog.setAttribute('aria-labelledby', titleId);
    const form = el('form', 'form');
    form.noValidate = true;
    const h = el('h2', '', title);
    h.id = titleId;
    form.append(h);
    if (intro) form.append(el('p', 'hint', intro));
    for (const f of fields) form.append(...control(f));
    const status = el('p', 'status');
    status.setAttribute('role', 'alert');
    const ok = el('button', '', submit);
    ok.type = 'submit';
    const cancel = button(t('office.cancel'), () => { dialog.close(); }, 'secondary');
    const actions = el('div', 'dialog__actions');
    actions.append(ok, cancel);
    form.append(status, actions);
    dialog.append(form);
    let result = null;
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    handleSubmit(form, status, async (values) => {
      for (const f of fields) if (f.type === 'checkbox') values[f.name] = form.elements[f.name].checked;
      result = await fn(values);
      if (result === undefined) result = true;
      dialog.close();
    });
    document.body.append(dialog);
    dialog.showModal();
    if (message) say(status, message, 'error');
    // the safe choice first when there is nothing to type: Enter by mistake does not act.
    const first = form.querySelector('input, textarea, select');
    if (first) first.focus();
    else cancel.focus();
  });
}

// control returns the label and input of one dialog field.
function control(f) {
  const id = 'dlg-' + f.name + '-' + Math.random().toString(36).slice(2, 7);
  const label = el('label', '', f.label);
  label.htmlFor = id;
  let input;
  if (f.type === 'textarea') {
    input = el('textarea');
    input.rows = 3;
  } else if (f.type === 'select') {
    input = el('select');
    for (const [v, text] of f.options) {
      const o = el('option', '', text);
      o.value = v;
      input.append(o);
    }
  } else {
    input = el('input');
    input.type = f.type || 'text';
  }
  input.id = id;
  input.name = f.name;
  if (f.field) input.dataset.field = f.field;
  if (f.required) input.required = true;
  if (f.value !== undefined) {
    if (f.type === 'checkbox') input.checked = !!f.value;
    else input.value = f.value;
  }
  if (f.type === 'checkbox') {
    const wrap = el('div', 'check');
    label.className = 'check__label';
    wrap.append(input, label);
    return [wrap];
  }
  return [label, input];
}

// downloadLink returns a list item: a button that downloads url (with the
// session's token, saved under the server's name: documents.js), and the
// file name it will have.
export function downloadLink(label, url, name, region) {
  const li = el('li', 'download');
  const b = button(label, async () => {
    b.disabled = true;
    try {
      const got = await download(url);
      say(region, t('office.downloaded', { name: got }), 'ok');
    } catch (err) {
      // documents.js's DownloadError: the status and the server's answer.
      say(region, generalMessage({ status: err.status, response: err.body || {} }), 'error');
    } finally {
      b.disabled = false;
    }
  });
  li.append(b, el('span', 'download__name', name));
  // once placed on the page: the warning while the ward's names are unset.
  setTimeout(() => warnUnnamedWard(b));
  return li;
}

// loadError shows a failed load in region.
export function loadError(region, err) {
  say(region, generalMessage(err), 'error');
}

// firstLoad runs a page's first load, then clears region, or says in it
// why the load failed.
export async function firstLoad(region, load) {
  try {
    await load();
    say(region, '');
  } catch (err) {
    loadError(region, err);
  }
}

// noRound says the ward has no round yet (the settings page opens one).
export function noRound(region) {
  say(region, t('office.no_round'), 'error');
}

// isoDay returns a stored date as yyyy-mm-dd in the ward's zone (for a
// date input), or ''.
export function isoDay(value) {
  const d = formatDate(value);
  if (!d) return '';
  const [day, month, year] = d.split('/');
  return `${year}-${month}-${day}`;
}

// meter returns "done/all" with a small bar.
export function meter(done, all) {
  const wrap = el('span', 'meter-wrap');
  const m = el('span', 'meter');
  m.setAttribute('aria-hidden', 'true');
  const bar = el('span', 'meter__bar');
  bar.style.width = (all ? Math.round((100 * done) / all) : 0) + '%';
  m.append(bar);
  wrap.append(m, el('span', 'count', done + '/' + all));
  return wrap;
}
