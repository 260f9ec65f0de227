// council-queue: /hoi-dong/, a council member's queue: for each council
// they sit on (newest round first), the initiatives given to it except
// their own, each with the state of their sheet, how many are done
// ("7/12 chấm xong") and a button to the next one to score.

import { start, ready, el, cell } from '../layout.js';
import { pb } from '../pb.js';
import { say, generalMessage } from '../messages.js';
import { t } from '../i18n.js';
import { isAuthor, sheetState, formatPoints } from '../council.js';

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

// row builds the table row of one initiative with my sheet's state.
function row(item, sheet, maxTotal, canScore) {
  const unit = item.expand && item.expand.unit;
  const field = item.expand && item.expand.field;
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
    cell('page.col_unit', unit ? unit.name : ''),
    cell('page.col_field', field ? field.code + ') ' + field.name : ''),
    cell('council.col_sheet', stateCell),
    cell('council.col_action', link),
  );
  return tr;
}

// councilCard builds the card of one seat: the round, the progress, the
// next button and the table.
async function councilCard(me, seat) {
  const council = seat.expand.council;
  const round = council.expand && council.expand.round;
  const [items, criteria] = await Promise.all([
    pb.collection('initiatives').getFullList({
      filter: pb.filter('council = {:c}', { c: council.id }), sort: 'code,created', expand: 'unit,field',
      fields: 'id,code,title,owner,author_users,expand', requestKey: null,
    }),
    round ? pb.collection('criteria').getFullList({ filter: pb.filter('round = {:r}', { r: round.id }), requestKey: null }) : [],
  ]);
  const sheets = await pb.collection('scores').getFullList({
    filter: pb.filter('member = {:me}', { me: me.id }), fields: 'id,initiative,status,total', requestKey: null,
  });
  const byInitiative = Object.fromEntries(sheets.map((s) => [s.initiative, s]));
  const maxTotal = criteria.reduce((sum, c) => sum + (c.max_points || 0), 0);
  const mine = items.filter((i) => isAuthor(i, me.id));
  const queue = items.filter((i) => !isAuthor(i, me.id));
  const inReview = round && round.status === 'review';
  const canScore = inReview && seat.votes;
  const done = queue.filter((i) => sheetState(byInitiative[i.id]) === 'submitted').length;

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
  const count = el('p', 'progress__count', t('council.done_count', { done, total: queue.length }));
  count.id = 'done-' + council.id;
  count.dataset.done = String(done);
  count.dataset.total = String(queue.length);
  const bar = el('progress');
  bar.max = Math.max(queue.length, 1);
  bar.value = done;
  bar.setAttribute('aria-labelledby', count.id);
  progress.append(count, bar);
  card.append(progress);

  if (!seat.votes) card.append(el('p', 'notice', t('council.no_vote')));
  else if (!inReview && round) card.append(el('p', 'notice', t('council.not_in_review', { status: t('round_status.' + round.status) })));
  if (mine.length) card.append(el('p', 'notice', t('council.own_hidden', { count: mine.length })));

  if (canScore) {
    const next = queue.find((i) => sheetState(byInitiative[i.id]) === 'draft') ||
      queue.find((i) => sheetState(byInitiative[i.id]) === 'none');
    if (next) {
      const a = el('a', 'button next-button', t('council.next'));
      a.href = scoreURL(next.id);
      a.id = 'next-' + council.id;
      const what = el('span', 'muted next-what', (next.code ? next.code + ' – ' : '') + next.title);
      const p = el('p', 'next');
      p.append(a, ' ', what);
      card.append(p);
    } else if (queue.length) {
      const p = el('p', 'status');
      say(p, t('council.all_done'), 'ok');
      card.append(p);
    }
  }

  if (queue.length === 0) {
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
  const tbody = el('tbody');
  tbody.append(...queue.map((i) => row(i, byInitiative[i.id], maxTotal, canScore)));
  table.append(thead, tbody);
  card.append(table);
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
    for (const seat of withRound) cards.push(await councilCard(me, seat));
    $('councils').replaceChildren(...cards);
    say($('page-status'), '');
  }
} catch (err) {
  say($('page-status'), generalMessage(err), 'error');
}
ready();
