// home: / for a signed-in person: the initiatives they may see. (The staff
// home of issue 10 — my initiatives, what to do next — replaces this list.)

import { start, ready, el } from '../layout.js';
import { pb } from '../pb.js';
import { say, generalMessage } from '../messages.js';
import { formatDate } from '../format.js';
import { t } from '../i18n.js';

const $ = (id) => document.getElementById(id);

// cell returns a table cell labelled for the narrow (card) layout.
function cell(label, value, className) {
  const td = el('td', className);
  td.dataset.label = t(label);
  if (value instanceof Node) td.append(value);
  else td.textContent = value;
  return td;
}

// badge returns a small labelled span.
function badge(value, kind) {
  return el('span', 'badge badge--' + kind, value);
}

// row builds the table row of one initiative.
function row(item) {
  const unit = item.expand && item.expand.unit;
  const field = item.expand && item.expand.field;
  const code = item.code ? document.createTextNode(item.code) : badge(t('page.no_code'), 'muted');
  const status = el('span');
  status.append(badge(t('status.' + item.status), item.status));
  if (item.late) status.append(' ', badge(t('page.late'), 'late'));
  const tr = el('tr');
  tr.append(
    cell('page.col_code', code, 'list__code'),
    cell('page.col_title', item.title, 'list__title'),
    cell('page.col_unit', unit ? unit.name : ''),
    cell('page.col_field', field ? field.code + ') ' + field.name : ''),
    cell('page.col_status', status),
    cell('page.col_submitted', formatDate(item.submitted_at) || t('page.not_submitted'), 'list__date'),
  );
  return tr;
}

await start();
say($('page-status'), '');
const table = $('initiatives');
try {
  const res = await pb.collection('initiatives').getList(1, 500, { sort: '-created', expand: 'unit,field' });
  table.tBodies[0].replaceChildren(...res.items.map(row));
  table.hidden = res.items.length === 0;
  $('list-count').textContent = t('page.initiatives_count', { count: res.totalItems });
  say($('list-status'), res.items.length === 0 ? t('page.initiatives_empty') : '');
} catch (err) {
  table.hidden = true;
  say($('list-status'), err && err.status === 0 ? t('page.network_error') : t('page.load_failed'), 'error');
}
ready();
