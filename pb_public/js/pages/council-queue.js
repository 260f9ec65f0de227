// council-queue: /hoi-dong/, a council member's queue: for each council
// they sit on (newest round first), the initiatives given to it except
// their own, a page at a time, each with the state of their sheet, how
// many are done ("7/12 chấm xong") and a button to the next one to score.

import { start, ready, el, cell } from '../layout.js';
import { pb } from '../pb.js';
import { say, generalMessage } from '../messages.js';
import { t } from '../i18n.js';
import { sheetState, formatPoints } from '../council.js';
import { PAGE_SIZE, askedPage, pagerNav } from '../pager.js';
import { wardUnits, wardFields, unitName, fieldLabel } from '../ward-lists.js';

const $ = (id) => document.getElementById(id);

// SHEET_STATE names the states of my sheet; POSITION the council seats.
const SHEET_STATE = { none: 'council.sheet_none', draft: 'council.sheet_draft', submitted: 'council.sheet_submitted' };
const POSITION = {
  chair: 'council.position_chair', vice_chair: 'council.position_vice_chair',
  secretary: 'council.position_secretary', member: 'council.position_member',
};

// scoreURL is the scoring page of initiative id.
function scoreURL(id) {
  return '/hoi-dong/cham.html?id=' + encodeURIComponent(id);
}

// row builds the table row of one initiative with my sheet's state, its
// unit and field named from the ward's lists (names.units, names.fields).
function row(item, sheet, maxTotal, canScore, names) {
  const state = sheetState(sheet);
  const badge = el('span', 'badge badge--sheet-' + state, t(SHEET_STATE[state]));
  const stateCell = el('span');
  stateCell.append(badge);
  if (sheet) stateCell.append(' ', el('span', 'muted', formatPoints(sheet.total) + '/' + formatPoints(maxTotal)));
  const link = el('a', 'button secondary button--small',
    t(state === 'submitted' || !canScore ? 'council.open_sheet' : state === 'draft' ? 'council.continue' : 'council.score'));
  link.href = scoreURL(item.id);
  link.setAttribute('aria-label', link.textContent + ': ' + (item.code || '') + ' ' + item.title);
  const tr = el('tr');
  tr.dataset.sheet = state;
  tr.append(
    cell('page.col_code', item.code || '', 'list__code'),
    cell('page.col_title', item.title, 'list__title'),
    cell('page.col_unit', unitName(names.units, item.unit)),
    cell('page.col_field', fieldLabel(names.fields, item.field)),
    cell('council.col_sheet', stateCell),
    cell('council.col_action', link),
  );
  return tr;
}

// QUEUE is the member's queue, as the server counts it (hooks.QueueFilter):
// the council's initiatives but their own.
const QUEUE = 'council = {:c} && owner != {:me} && author_users !~ {:me}';

// sheetsOf returns my sheets on the initiatives items (one page: at most
// PAGE_SIZE comparisons in the filter), by initiative.
async function sheetsOf(me, items) {
  if (items.length === 0) return {};
  const which = items.map((i) => pb.filter('initiative = {:i}', { i: i.id })).join(' || ');
  const res = await pb.collection('scores').getList(1, items.length, {
    filter: pb.filter('member = {:me}', { me: me.id }) + ' && (' + which + ')',
    fields: 'id,initiative,status,total', skipTotal: true, requestKey: null,
  });
  return Object.fromEntries(res.items.map((s) => [s.initiative, s]));
}

// councilCard builds the card of one seat: the round, the progress, the
// next button and the table, a page of the queue at a time (the page kept
// in the address under param). The counts and the next one come from the
// server (GET /api/reform/councils/{id}/queue); the rows of a page and my
// sheets on them are asked for that page alone; the units and fields that
// name its rows once for the page (ward-lists.js).
async function councilCard(me, seat, param) {
  const council = seat.expand.council;
  const round = council.expand && council.expand.round;
  const [q, criteria] = await Promise.all([
    pb.send('/api/reform/councils/' + encodeURIComponent(council.id) + '/queue', { requestKey: null }),
    round ? pb.collection('criteria').getFullList({ filter: pb.filter('round = {:r}', { r: round.id }), requestKey: null }) : [],
  ]);
  const maxTotal = criteria.reduce((sum, c) => sum + (c.max_points || 0), 0);
  const inReview = round && round.status === 'review';
  const canScore = inReview && seat.votes;

  const card = el('section', 'card council-card');
  card.dataset.council = council.id;
  const head = el('div', 'card__head');
  const h = el('h2', '', council.name);
  const facts = el('p', 'muted', [
    round ? t('council.round_of', { year: round.year }) : '',
    round ? t('round_status.' + round.status) : '',
    t(POSITION[seat.position] || 'council.position_member'),
  ].filter(Boolean).join(' · '));
  head.append(h, facts);
  card.append(head);

  const progress = el('div', 'progress');
  const count = el('p', 'progress__count', t('council.done_count', { done: q.done, total: q.total }));
  count.id = 'done-' + council.id;
  count.dataset.done = String(q.done);
  count.dataset.total = String(q.total);
  const bar = el('progress');
  bar.max = Math.max(q.total, 1);
  bar.value = q.done;
  bar.setAttribute('aria-labelledby', count.id);
  progress.append(count, bar);
  card.append(progress);

  if (!seat.votes) card.append(el('p', 'notice', t('council.no_vote')));
  else if (!inReview && round) card.append(el('p', 'notice', t('council.not_in_review', { status: t('round_status.' + round.status) })));
  if (q.own) card.append(el('p', 'notice', t('council.own_hidden', { count: q.own })));

  if (canScore) {
    if (q.next) {
      const a = el('a', 'button next-button', t('council.next'));
      a.href = scoreURL(q.next.id);
      a.id = 'next-' + council.id;
      const what = el('span', 'muted next-what', (q.next.code ? q.next.code + ' – ' : '') + q.next.title);
      const p = el('p', 'next');
      p.append(a, ' ', what);
      card.append(p);
    } else if (q.total) {
      const p = el('p', 'status');
      say(p, t('council.all_done'), 'ok');
      card.append(p);
    }
  }

  if (q.total === 0) {
    card.append(el('p', 'muted', t('council.queue_empty')));
    return card;
  }
  const table = el('table', 'list');
  const thead = el('thead');
  const hr = el('tr');
  for (const k of ['page.col_code', 'page.col_title', 'page.col_unit', 'page.col_field', 'council.col_sheet', 'council.col_action']) {
    const th = el('th', '', t(k));
    th.scope = 'col';
    hr.append(th);
  }
  thead.append(hr);
  table.append(thead, el('tbody'));
  card.append(table);
  const pages = Math.max(1, Math.ceil(q.total / PAGE_SIZE));
  const show = async (page) => {
    try {
      const [res, units, fields] = await Promise.all([
        pb.collection('initiatives').getList(page, PAGE_SIZE, {
          filter: pb.filter(QUEUE, { c: council.id, me: me.id }), sort: 'code,created',
          fields: 'id,code,title,unit,field', skipTotal: true, requestKey: null,
        }),
        wardUnits(),
        wardFields(),
      ]);
      const sheets = await sheetsOf(me, res.items);
      const names = { units, fields };
      table.tBodies[0].replaceChildren(...res.items.map((i) => row(i, sheets[i.id], maxTotal, canScore, names)));
      pagerNav(table, { page, pages, count: q.total, param, go: show });
    } catch (err) {
      say($('page-status'), generalMessage(err), 'error');
    }
  };
  await show(askedPage(pages, param));
  return card;
}

const me = await start({ roles: ['council'] });
try {
  const seats = await pb.collection('council_members').getFullList({
    filter: pb.filter('user = {:me}', { me: me.id }), expand: 'council.round', requestKey: null,
  });
  const withRound = seats.filter((s) => s.expand && s.expand.council);
  withRound.sort((a, b) => ((b.expand.council.expand || {}).round || {}).year - ((a.expand.council.expand || {}).round || {}).year);
  if (withRound.length === 0) {
    say($('page-status'), t('council.no_seat'));
  } else {
    const cards = [];
    // the newest council's page is ?trang=, the others' ?trang-2=, ?trang-3=…
    for (const [i, seat] of withRound.entries()) cards.push(await councilCard(me, seat, i === 0 ? 'trang' : 'trang-' + (i + 1)));
    $('councils').replaceChildren(...cards);
    say($('page-status'), '');
  }
} catch (err) {
  say($('page-status'), generalMessage(err), 'error');
}
ready();
