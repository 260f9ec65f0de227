// office-audit: /van-phong/nhat-ky.html — the audit log, filtered by
// person, action, collection, record and dates (the filter form is a GET
// form: the filter lives in the address, so it can be bookmarked), each
// entry's changes shown as before → after. Filters use only the fields
// the audit log's allowlist names (actor, action, collection, record,
// created).

import { ready, el } from '../layout.js';
import { pb } from '../pb.js';
import { say } from '../messages.js';
import { formatDateTime } from '../format.js';
import { t, has } from '../i18n.js';
import { officeStart, $, cell, headRow, loadError } from '../office.js';

const ACTIONS = ['create', 'update', 'delete', 'submit', 'endorse', 'send-back', 'withdraw', 'accept', 'return', 'assign',
  'review', 'close', 'reopen', 'decide', 'nominate', 'next'];
const COLLECTIONS = ['initiatives', 'scores', 'rounds', 'criteria', 'extensions', 'councils', 'council_members', 'decisions',
  'users', 'units', 'fields', 'organization'];
const PER_PAGE = 50;

// options fills select with an empty "all" option and pairs [value, text].
function options(select, pairs, current) {
  const all = el('option', '', t('office.audit_all'));
  all.value = '';
  select.replaceChildren(all, ...pairs.map(([v, text]) => {
    const o = el('option', '', text);
    o.value = v;
    o.selected = v === current;
    return o;
  }));
}

// label names a catalog value, or shows the value itself.
function label(prefix, value) {
  return has(prefix + value) ? t(prefix + value) : value;
}

// show renders one value of a change: text as it is, the rest as JSON.
function show(v) {
  if (v === undefined || v === null || v === '') return '∅';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

// changes lists an entry's fields as before → after.
function changes(entry) {
  const before = entry.before && typeof entry.before === 'object' ? entry.before : {};
  const after = entry.after && typeof entry.after === 'object' ? entry.after : {};
  const ul = el('ul', 'change');
  for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])]) {
    const li = el('li');
    li.append(el('strong', '', k + ': '));
    if (k in before) li.append(el('span', 'change__before', show(before[k])));
    if (k in before && k in after) li.append(' → ');
    if (k in after) li.append(el('span', 'change__after', show(after[k])));
    ul.append(li);
  }
  if (entry.reason) {
    const li = el('li');
    li.append(el('strong', '', t('office.reason') + ': '), entry.reason);
    ul.append(li);
  }
  return ul;
}

// dayStart is the instant a day (yyyy-mm-dd) starts in Hà Nội, as PocketBase writes dates.
function dayStart(day, plusDays = 0) {
  const d = new Date(day + 'T00:00:00+07:00');
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString().replace('T', ' ');
}

await officeStart();
const q = new URLSearchParams(location.search);
const form = $('audit-form');
for (const n of ['record', 'from', 'to']) form.elements[n].value = q.get(n) || '';
options($('f-action'), ACTIONS.map((a) => [a, label('office.audit_act.', a)]), q.get('action') || '');
options($('f-collection'), COLLECTIONS.map((c) => [c, label('office.audit_col.', c)]), q.get('collection') || '');
// the year in the office menu's links is not a filter of this page.
form.addEventListener('submit', () => {
  for (const c of form.elements) if (c.name && !c.value) c.disabled = true;
});
const status = $('page-status');
try {
  const people = await pb.collection('users').getFullList({ sort: 'name', fields: 'id,name', requestKey: null });
  options($('f-actor'), people.map((p) => [p.id, p.name]), q.get('actor') || '');
  const parts = [];
  for (const n of ['actor', 'action', 'collection', 'record']) {
    if (q.get(n)) parts.push(pb.filter(n + ' = {:v}', { v: q.get(n).trim() }));
  }
  if (q.get('from')) parts.push(pb.filter('created >= {:v}', { v: dayStart(q.get('from')) }));
  if (q.get('to')) parts.push(pb.filter('created < {:v}', { v: dayStart(q.get('to'), 1) }));
  const page = Math.max(1, Number(q.get('page')) || 1);
  const res = await pb.collection('audit_log').getList(page, PER_PAGE, { filter: parts.join(' && '), sort: '-created', requestKey: null });
  const table = $('audit');
  headRow(table, ['office.audit_when', 'office.audit_actor', 'office.audit_action', 'office.audit_what', 'office.audit_changes']);
  table.tBodies[0].replaceChildren(...res.items.map((e) => {
    const tr = el('tr');
    tr.dataset.id = e.id;
    const what = el('span');
    what.append(label('office.audit_col.', e.collection || ''), el('br'), el('code', '', e.record || ''));
    tr.append(
      cell('office.audit_when', formatDateTime(e.created), 'list__date'),
      cell('office.audit_actor', e.actor_name || e.actor || t('office.audit_system')),
      cell('office.audit_action', label('office.audit_act.', e.action)),
      cell('office.audit_what', what),
      cell('office.audit_changes', changes(e), 'changes'),
    );
    return tr;
  }));
  table.hidden = res.items.length === 0;
  $('audit-count').textContent = t('office.audit_count', { count: res.totalItems });
  say($('audit-status'), res.items.length ? '' : t('office.audit_none'));
  const link = (id, p) => {
    const a = $(id);
    const qq = new URLSearchParams(location.search);
    qq.set('page', p);
    a.href = '?' + qq.toString();
    a.hidden = p < 1 || p > res.totalPages;
  };
  link('audit-prev', page - 1);
  link('audit-next', page + 1);
  say(status, '');
} catch (err) {
  loadError(status, err);
}
ready();
