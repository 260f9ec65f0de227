// todo-cards: what waits for the signed-in person, one card per role they
// hold, across rounds (GET /api/reform/me/todo through round.js): the
// home page shows it right after sign-in.

import { el } from './layout.js';
import { t } from './i18n.js';
import { dueText } from './format.js';

// link returns an <a> with text to href.
function link(text, href, className = '') {
  const a = el('a', className, text);
  a.href = href;
  return a;
}

// card returns a section with a heading (h2) and a count of things waiting.
function card(role, title, n) {
  const c = el('section', 'card todo');
  c.dataset.role = role;
  c.id = 'todo-' + role;
  const head = el('div', 'card__head');
  head.append(el('h2', '', title), el('p', 'badge' + (n > 0 ? ' badge--todo' : ''), n > 0 ? t('todo.pending_mark', { n }) : t('todo.nothing')));
  c.append(head);
  return c;
}

// items returns a list of initiatives: code, title linking to href(item),
// and lines of details.
function items(list, href, details) {
  const ul = el('ul', 'todo__list');
  for (const it of list) {
    const li = el('li', 'todo__item');
    const title = el('div', 'todo__title');
    if (it.code) title.append(el('span', 'todo__code', it.code), ' ');
    title.append(link(it.title || t('staff.untitled'), href(it)));
    li.append(title);
    for (const d of details(it).filter(Boolean)) li.append(el('div', 'todo__detail', d));
    ul.append(li);
  }
  return ul;
}

// staffCard: my drafts and returned initiatives, with the reason and the deadline.
function staffCard(list) {
  const c = card('staff', t('todo.staff_title'), list.filter((i) => i.days_left >= 0).length);
  if (!list.length) {
    c.append(el('p', 'muted', t('todo.staff_empty')));
    return c;
  }
  c.append(items(list, (i) => '/sang-kien/sua.html?id=' + encodeURIComponent(i.id), (i) => [
    t('status.' + i.status) + ' · ' + t('staff.round_title', { year: i.year }),
    i.return_reason ? t('staff.reason', { reason: i.return_reason }) : '',
    i.deadline ? t('todo.deadline', { deadline: dueText(i.deadline) }) : '',
  ]));
  return c;
}

// unitCard: per round, the submissions waiting for the endorsement, the
// days left and the quota.
function unitCard(parts) {
  const n = parts.reduce((k, p) => k + p.waiting.length, 0);
  const c = card('unit_head', t('todo.unit_title'), n);
  for (const p of parts) {
    const box = el('div', 'todo__round');
    const h = el('h3', '', t('staff.round_title', { year: p.year }));
    box.append(h, el('p', 'todo__detail', t('todo.unit_deadline', { deadline: dueText(p.deadline) }) + (p.extended ? ' ' + t('staff.deadline_extended') : '')));
    if (p.quota) {
      const q = p.quota;
      box.append(el('p', 'todo__detail', t('todo.quota', { counted: q.counted, required: q.required, result: t('head.quota.' + (q.result || (q.met ? 'met' : 'not_met'))) })));
    }
    if (p.waiting.length) {
      box.append(el('p', '', t('todo.unit_waiting', { n: p.waiting.length })));
      box.append(items(p.waiting, (i) => '/don-vi/xem.html?id=' + encodeURIComponent(i.id), (i) => [
        i.unit_name, i.late ? t('page.late') : '',
      ]));
    } else {
      box.append(el('p', 'muted', t('head.waiting_empty')));
    }
    box.append(link(t('todo.open_unit'), '/don-vi/?year=' + p.year, 'button small secondary'));
    c.append(box);
  }
  if (!parts.length) c.append(el('p', 'muted', t('staff.no_round')));
  return c;
}

// officeCard: per round, initiatives to accept, units short near their
// deadline, members owing sheets, the decision due.
function officeCard(parts) {
  const count = (p) => p.to_accept.length + p.short_units.length + p.owing.length + (p.decision_due ? 1 : 0);
  const c = card('secretariat', t('todo.office_title'), parts.reduce((k, p) => k + count(p), 0));
  for (const p of parts) {
    const box = el('div', 'todo__round');
    box.append(el('h3', '', t('staff.round_title', { year: p.year }) + ' – ' + t('round_status.' + p.status)));
    if (p.to_accept.length) {
      box.append(el('p', '', t('todo.to_accept', { n: p.to_accept.length })));
      box.append(items(p.to_accept, () => '/van-phong/?year=' + p.year, (i) => [i.unit_name, i.late ? t('page.late') : '']));
    }
    if (p.short_units.length) {
      box.append(el('p', '', t('todo.short_units', { n: p.short_units.length })));
      const ul = el('ul', 'todo__list');
      for (const u of p.short_units) {
        ul.append(el('li', 'todo__item', t('todo.short_unit', { name: u.name, counted: u.counted, required: u.required, deadline: dueText(u.deadline) })));
      }
      box.append(ul);
    }
    if (p.owing.length) {
      box.append(el('p', '', t('todo.owing', { n: p.owing.length })));
      const ul = el('ul', 'todo__list');
      for (const m of p.owing) ul.append(el('li', 'todo__item', t('todo.owing_member', { name: m.name, n: m.missing })));
      box.append(ul);
    }
    if (p.decision_due) box.append(el('p', '', t('todo.decision_due', { deadline: dueText(p.decision_deadline) })));
    if (!count(p)) box.append(el('p', 'muted', t('todo.nothing_round')));
    box.append(link(t('todo.open_office'), '/van-phong/?year=' + p.year, 'button small secondary'));
    c.append(box);
  }
  if (!parts.length) c.append(el('p', 'muted', t('staff.no_round')));
  return c;
}

// councilCard: the sheets left to score.
function councilCard(list) {
  const c = card('council', t('todo.council_title'), list.length);
  if (!list.length) c.append(el('p', 'muted', t('todo.council_empty')));
  else {
    c.append(items(list, (i) => '/hoi-dong/cham.html?id=' + encodeURIComponent(i.id), (i) => [
      t('staff.round_title', { year: i.year }) + ' · ' + (i.sheet === 'draft' ? t('todo.sheet_draft') : t('todo.sheet_none')),
    ]));
  }
  c.append(link(t('todo.open_council'), '/hoi-dong/', 'button small secondary'));
  return c;
}

// chairCard: the rounds whose decision waits to be read and recorded.
function chairCard(list) {
  const c = card('chairman', t('todo.chair_title'), list.length);
  if (!list.length) c.append(el('p', 'muted', t('todo.chair_empty')));
  for (const r of list) {
    const box = el('div', 'todo__round');
    box.append(el('h3', '', t('staff.round_title', { year: r.year })),
      el('p', '', t('todo.chair_round', { n: r.accepted, deadline: dueText(r.decision_deadline) })),
      link(t('todo.open_chair'), '/chu-tich/?year=' + r.year, 'button small'));
    c.append(box);
  }
  return c;
}

// todoCards returns the cards of the roles in todo, in the order of the
// process: unit head, secretariat, council, chairman, then staff (whose
// own list follows on the home page).
export function todoCards(todo) {
  const out = [];
  if (todo.unit_head) out.push(unitCard(todo.unit_head));
  if (todo.secretariat) out.push(officeCard(todo.secretariat));
  if (todo.council) out.push(councilCard(todo.council));
  if (todo.chairman) out.push(chairCard(todo.chairman));
  if (todo.staff) out.push(staffCard(todo.staff));
  return out;
}
