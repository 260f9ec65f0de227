// home: / for a signed-in person, where everyone lands after sign-in:
// first what waits for them, one card per role (todo-cards.js); then staff
// see their own and co-authored initiatives (code, status, dates, what
// comes next) and the time left to their unit's deadline (Hà Nội days,
// extension included).

import { start, ready, el, cell, menuFor } from '../layout.js';
import { pb } from '../pb.js';
import { say } from '../messages.js';
import { formatDate } from '../format.js';
import { t } from '../i18n.js';
import { loadTodo } from '../round.js';
import { pageRows } from '../pager.js';
import { todoCards } from '../todo-cards.js';
import { currentRound, unitDeadline, deadlineSentence, nextStep, statusBadge, query } from '../initiative/common.js';

const $ = (id) => document.getElementById(id);

// row builds the table row of one of my initiatives.
function row(item, me) {
  const mine = item.owner === me.id;
  const editable = mine && ['draft', 'returned'].includes(item.status);
  const href = (editable ? '/sang-kien/sua.html?id=' : '/sang-kien/xem.html?id=') + encodeURIComponent(item.id);
  const title = el('div');
  const a = el('a', '', item.title || t('staff.untitled'));
  a.href = '/sang-kien/xem.html?id=' + encodeURIComponent(item.id);
  title.append(a);
  if (!mine) title.append(' ', el('span', 'badge', t('staff.coauthor')));
  const dates = el('div', 'sk-dates');
  dates.append(el('div', '', t('staff.created_on', { date: formatDate(item.created) })));
  if (item.submitted_at) dates.append(el('div', '', t('staff.submitted_on', { date: formatDate(item.submitted_at) })));
  const next = el('div', 'sk-next');
  next.append(el('span', '', nextStep(item)));
  if (item.status === 'returned' && item.return_reason) {
    next.append(el('span', 'sk-next__reason', t('staff.reason', { reason: item.return_reason })));
  }
  if (editable) {
    const go = el('a', 'button small', item.status === 'returned' ? t('staff.edit_returned') : t('staff.edit'));
    go.href = href;
    next.append(go);
  }
  const tr = el('tr');
  tr.append(
    cell('page.col_code', item.code || t('page.no_code'), 'list__code'),
    cell('page.col_title', title, 'list__title'),
    cell('page.col_status', statusBadge(item)),
    cell('staff.col_dates', dates, 'list__date'),
    cell('staff.col_next', next),
  );
  return tr;
}

// showDeadline fills the deadline card for my unit in the current round.
async function showDeadline(me) {
  const round = await currentRound(me.unit);
  $('deadline-card').hidden = false;
  if (!round) {
    $('deadline-title').textContent = t('staff.no_round');
    $('new').hidden = true;
    return;
  }
  $('deadline-title').textContent = t('staff.round_title', { year: round.year });
  const d = await unitDeadline(round, me.unit);
  const unit = me.expand && me.expand.unit ? me.expand.unit.name : '';
  $('deadline-text').textContent = t('staff.deadline_line', { unit, deadline: deadlineSentence(d) });
  $('new').hidden = round.status !== 'open';
}

// showMine lists my own and co-authored initiatives.
async function showMine(me) {
  $('mine').hidden = false;
  const table = $('initiatives');
  try {
    // the first 200, newest first, with the total (GET /api/reform/me/initiatives)
    const res = await pb.send('/api/reform/me/initiatives', { requestKey: null });
    // what needs the author first: returned, then drafts, then the rest (newest first)
    const first = (i) => (i.owner === me.id ? ['returned', 'draft'].indexOf(i.status) : -1);
    const rank = (i) => (first(i) < 0 ? 2 : first(i));
    const items = [...res.items].sort((a, b) => rank(a) - rank(b));
    pageRows(table, items.map((i) => row(i, me)));
    table.hidden = res.items.length === 0;
    $('list-count').textContent = t('page.initiatives_count', { count: res.totalItems });
    say($('list-status'), res.items.length === 0 ? t('staff.mine_empty') : '');
  } catch (err) {
    table.hidden = true;
    say($('list-status'), err && err.status === 0 ? t('page.network_error') : t('page.load_failed'), 'error');
  }
}

// showTodo puts what waits for me, one card per role, at the top of the page.
async function showTodo() {
  const todo = await loadTodo();
  if (!todo) return false;
  const box = el('div', 'todo-cards');
  box.id = 'todo';
  box.append(el('h1', 'todo-cards__title', t('todo.title')), ...todoCards(todo));
  $('page-status').after(box);
  return true;
}

const me = await start();
const hasTodo = await showTodo();
if ((me.roles || []).includes('staff')) {
  await Promise.all([showDeadline(me).catch(() => { $('deadline-text').textContent = t('page.load_failed'); }), showMine(me)]);
} else if (!hasTodo) {
  $('other').hidden = false;
  $('other-links').replaceChildren(...menuFor(me).map((m) => {
    const li = el('li');
    const a = el('a', '', t(m.key));
    a.href = m.href;
    li.append(a);
    return li;
  }));
}
say($('page-status'), query('da-xoa') ? t('staff.done.da-xoa') : '', query('da-xoa') ? 'ok' : '');
ready();
