// office-audit: /van-phong/nhat-ky.html — the audit log, filtered by
// person, action, collection, record (an initiative's code) and dates (the
// filter form is a GET form: the filter lives in the address, so it can be
// bookmarked), a page at a time (the page in the address too, ?trang=).
// The server renders each entry as a sentence with its changes
// labelled and formatted (GET /api/reform/audit); the raw before/after
// stays in the REST API.

import { ready, el } from '../layout.js';
import { pb } from '../pb.js';
import { say } from '../messages.js';
import { t, has } from '../i18n.js';
import { officeStart, $, cell, headRow, loadError } from '../office.js';
import { serverPages } from '../pager.js';

const ACTIONS = ['create', 'update', 'delete', 'submit', 'endorse', 'send-back', 'withdraw', 'accept', 'return', 'assign',
  'review', 'close', 'reopen', 'decide', 'recognize', 'not_recognize', 'nominate', 'scope', 'next', 'remove', 'launch', 'unlink', 'clear_sign_in_lock'];
const COLLECTIONS = ['initiatives', 'scores', 'rounds', 'criteria', 'extensions', 'councils', 'council_members', 'decisions',
  'users', 'units', 'fields', 'organization', 'document_templates'];

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

// changes lists an entry's fields as label: before → after, and the reason.
function changes(entry) {
  const ul = el('ul', 'change');
  for (const c of entry.changes) {
    const li = el('li');
    li.append(el('strong', '', c.field + ': '));
    if (c.before) li.append(el('span', 'change__before', c.before));
    if (c.before && c.after) li.append(' → ');
    if (c.after) li.append(el('span', 'change__after', c.after));
    ul.append(li);
  }
  if (entry.reason) {
    const li = el('li');
    li.append(el('strong', '', t('office.reason') + ': '), entry.reason);
    ul.append(li);
  }
  return ul;
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
  const ask = new URLSearchParams();
  for (const n of ['actor', 'action', 'collection', 'record', 'from', 'to']) {
    if (q.get(n)) ask.set(n, q.get(n).trim());
  }
  const table = $('audit');
  headRow(table, ['office.audit_when', 'office.audit_sentence', 'office.audit_changes']);
  const row = (e) => {
    const tr = el('tr');
    tr.append(
      cell('office.audit_when', e.when, 'list__date'),
      cell('office.audit_sentence', e.sentence, 'list__title'),
      cell('office.audit_changes', changes(e), 'changes'),
    );
    return tr;
  };
  // a page of the log at a time, uncounted (a city's log holds hundreds of
  // thousands of entries): the pager goes on while a next page holds some.
  // The next page is asked from where the page shown ends (its "next":
  // read from there in the index, not past every entry before it).
  let shown = { page: 0, next: '' };
  await serverPages(table, async (page, size) => {
    ask.set('page', String(page));
    ask.set('perPage', String(size));
    if (page === shown.page + 1 && shown.next) ask.set('after', shown.next);
    else ask.delete('after');
    const res = await pb.send('/api/reform/audit?' + ask.toString(), { requestKey: null });
    shown = { page, next: res.next || '' };
    // an initiative filtered by id (a link from another page) shows its code.
    if (q.get('record')) form.elements.record.value = res.record || '';
    table.hidden = res.items.length === 0;
    $('audit-count').textContent = res.items.length && !res.more ? t('office.audit_count', { count: res.totalItems }) : '';
    say($('audit-status'), res.items.length ? '' : t(res.page > 1 ? 'office.audit_none_here' : 'office.audit_none'));
    return res;
  }, (items) => items.map(row), { onError: (err) => loadError(status, err) });
  say(status, '');
} catch (err) {
  loadError(status, err);
}
ready();
