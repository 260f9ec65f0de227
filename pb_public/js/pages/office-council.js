// office-council: /van-phong/hoi-dong.html — the evaluation council of
// the round: create it with the decision that set it up, seat members
// with position and vote (one chair), give accepted initiatives to it
// (automatic on create and on accept; by hand here), move the round to
// review after saying what it stops (a reason when a unit's extension
// still runs), take it back while no sheet is in, and, in review,
// the council's progress live: PocketBase realtime on scores, and a
// refetch on every (re)connect so a dropped network catches up. Members
// who author an initiative given to the council are listed as barred, with
// the effect on the 2/3 vote, as soon as the seat or the link exists.

import { ready, el, row } from '../layout.js';
import { pb } from '../pb.js';
import { say, handleSubmit } from '../messages.js';
import { t } from '../i18n.js';
import { officeStart, $, cell, headRow, badge, button, post, ask, loadError, firstLoad, noRound, isoDay, meter } from '../office.js';
import { progress } from '../office-progress.js';
import { parseDate, daysLeft, dueText } from '../format.js';
import { serverPages } from '../pager.js';
import { wardUnits, unitName } from '../ward-lists.js';

const POSITIONS = ['chair', 'vice_chair', 'secretary', 'member', 'expert', 'union_rep'];

const { round } = await officeStart();
const status = $('page-status');
let councils = [];
let council = null;

// fillCouncil shows the council's form: create, or edit its decision.
function fillCouncil() {
  const form = $('council-form');
  form.elements.name.value = council ? council.name : t('office.council_default_name', { year: round.year });
  form.elements.decision_number.value = council ? council.decision_number || '' : '';
  form.elements.decision_date.value = council ? isoDay(council.decision_date) : '';
  $('council-save').textContent = t(council ? 'office.council_save' : 'office.council_create');
  $('council-card').hidden = false;
}

// members fills the seats table and the add form.
async function members() {
  $('members-card').hidden = !council;
  if (!council) return;
  const seats = await pb.collection('council_members').getFullList({
    filter: pb.filter('council = {:c}', { c: council.id }), expand: 'user', requestKey: null,
  });
  seats.sort((a, b) => POSITIONS.indexOf(a.position) - POSITIONS.indexOf(b.position));
  const region = $('members-status');
  const table = $('members');
  headRow(table, ['office.col_member', 'office.member_position', 'office.member_votes', 'office.col_actions']);
  table.tBodies[0].replaceChildren(...seats.map((s) => {
    const u = s.expand && s.expand.user;
    const remove = button(t('office.remove_member'), async () => {
      try {
        await pb.collection('council_members').delete(s.id);
        await members();
        say(region, t('office.member_removed', { name: u ? u.name : '' }), 'ok');
      } catch (err) {
        loadError(region, err);
      }
    });
    remove.setAttribute('aria-label', t('office.remove_member_named', { name: u ? u.name : '' }));
    return row({ user: s.user },
      cell('office.col_member', u ? u.name + (u.position ? ' – ' + u.position : '') : s.user, 'list__title'),
      cell('office.member_position', t(`office.position.${s.position}`)),
      cell('office.member_votes', s.votes ? t('office.yes') : t('office.no')),
      cell('office.col_actions', remove),
    );
  }));
  const chairs = seats.filter((s) => s.position === 'chair').length;
  const voters = seats.filter((s) => s.votes).length;
  $('members-summary').textContent = t('office.members_summary', { count: seats.length, voters, chairs });
  await conflicts();
  const people = await pb.collection('users').getFullList({
    filter: 'roles:each ?= "council"', sort: 'name', fields: 'id,name,position', requestKey: null,
  });
  const seated = new Set(seats.map((s) => s.user));
  const select = $('member-user');
  select.replaceChildren(...people.filter((p) => !seated.has(p.id)).map((p) => {
    const o = el('option', '', p.name + (p.position ? ' – ' + p.position : ''));
    o.value = p.id;
    return o;
  }));
}

// conflicts lists the seat holders barred as authors of an initiative
// given to the council, and what it does to the approvals needed.
async function conflicts() {
  const res = await pb.send('/api/reform/councils/' + council.id + '/conflicts', { method: 'GET', requestKey: null });
  const list = $('conflicts');
  list.replaceChildren(...res.items.map((c) => {
    const li = el('li', '', t(c.votes ? 'office.conflict' : 'office.conflict_no_vote', {
      name: c.name, code: c.code || '', title: c.title, before: c.voters_before, after: c.voters_after,
      needed_before: c.needed_before, needed_after: c.needed_after,
    }));
    li.dataset.user = c.member;
    return li;
  }));
  $('conflicts-box').hidden = res.items.length === 0;
}

// unassignedOnly is whether the assignment table shows only the accepted
// initiatives given to no council yet (kept in the address: ?chua-giao=1).
let unassignedOnly = new URLSearchParams(location.search).get('chua-giao') === '1';

// assignFilter puts above the assignment table the box that shows only
// the initiatives not yet given to a council; ticking it shows its first
// page.
function assignFilter() {
  if ($('assign-unassigned')) return;
  const box = el('input');
  box.type = 'checkbox';
  box.id = 'assign-unassigned';
  box.checked = unassignedOnly;
  const label = el('label', 'check__label', t('office.unassigned_only'));
  label.htmlFor = box.id;
  const wrap = el('div', 'check');
  wrap.append(box, label);
  $('assign').before(wrap);
  box.addEventListener('change', async () => {
    unassignedOnly = box.checked;
    const q = new URLSearchParams(location.search);
    q.delete('trang');
    if (unassignedOnly) q.set('chua-giao', '1');
    else q.delete('chua-giao');
    history.replaceState(null, '', location.pathname + (q.toString() ? '?' + q : ''));
    try {
      await assignment();
    } catch (err) {
      loadError($('assign-status'), err);
    }
  });
}

// assignment lists the accepted initiatives and their council, a page at
// a time from the server (by code; only those given to no council when
// the box says so). The page is asked without its total, which the
// round's counts give (GET …/counts: the accepted, those with no council
// apart), kept by the server instead of counted on every page; the units
// that name its rows once for the page (ward-lists.js).
async function assignment() {
  const card = $('assign-card');
  card.hidden = councils.length === 0;
  if (card.hidden) return;
  assignFilter();
  const region = $('assign-status');
  const table = $('assign');
  headRow(table, ['page.col_code', 'page.col_title', 'page.col_unit', 'office.col_council', 'office.col_actions']);
  const filter = 'round = {:r} && status = "accepted"' + (unassignedOnly ? ' && council = ""' : '');
  let units = new Map();
  const res = await serverPages(table, async (page, size) => {
    const [list, counted, named] = await Promise.all([
      pb.collection('initiatives').getList(page, size, {
        filter: pb.filter(filter, { r: round.id }), sort: 'code',
        fields: 'id,code,title,council,unit', skipTotal: true, requestKey: null,
      }),
      pb.send('/api/reform/rounds/' + round.year + '/counts', { requestKey: null }),
      wardUnits(),
    ]);
    units = named;
    const totalItems = ((unassignedOnly ? counted.no_council : counted.by_status) || {}).accepted || 0;
    return { ...list, totalItems, totalPages: Math.ceil(totalItems / size) };
  }, (items) => items.map((i) => assignRow(i, region, units)), { onError: (err) => loadError(region, err) });
  say(region, res.totalItems === 0 ? t(unassignedOnly ? 'office.none_unassigned' : 'office.none_accepted') : '');
}

// assignRow is accepted initiative i's row: its unit (named from units),
// its council, and a choice of council with the button that gives it
// (then the table and the seats' conflicts are read again, on the same
// page).
function assignRow(i, region, units) {
  const select = el('select');
  select.setAttribute('aria-label', t('office.assign_to', { code: i.code }));
  const none = el('option', '', t('office.unassigned'));
  none.value = '';
  select.append(none, ...councils.map((c) => {
    const o = el('option', '', c.name);
    o.value = c.id;
    o.selected = i.council === c.id;
    return o;
  }));
  const go = button(t('office.assign'), async () => {
    try {
      await post('/api/reform/initiatives/' + i.id + '/assign', { council: select.value });
      await assignment();
      await members();
      say(region, t('office.assigned', { code: i.code }), 'ok');
    } catch (err) {
      loadError(region, err);
    }
  });
  const actions = el('div', 'row-actions');
  actions.append(select, go);
  return row({ id: i.id },
    cell('page.col_code', i.code, 'list__code'),
    cell('page.col_title', i.title, 'list__title'),
    cell('page.col_unit', unitName(units, i.unit)),
    cell('office.col_council', i.council ? (councils.find((c) => c.id === i.council) || {}).name || '' : badge(t('office.unassigned'), 'late')),
    cell('office.col_actions', actions),
  );
}

// reviewFacts gathers what moving to review stops: the days left before
// the round's deadline, the units whose extension still runs (the server
// then wants a reason), the returned initiatives not submitted again.
async function reviewFacts() {
  const [exts, returned] = await Promise.all([
    pb.collection('extensions').getFullList({ filter: pb.filter('round = {:r}', { r: round.id }), expand: 'unit', requestKey: null }),
    pb.collection('initiatives').getList(1, 1, { filter: pb.filter('round = {:r} && status = "returned"', { r: round.id }), fields: 'id', requestKey: null }),
  ]);
  const now = new Date();
  const running = exts.filter((x) => parseDate(x.until) > now && parseDate(x.until) > parseDate(round.submission_deadline));
  return { running, returned: returned.totalItems, left: daysLeft(round.submission_deadline) };
}

// moveToReview asks first, saying what it stops (staff can no longer submit;
// days left before the deadline; units under extension, with a reason
// then required, as the server would otherwise refuse), then sends the
// round to review. Cancelling leaves the round open.
async function moveToReview() {
  const region = $('review-status');
  const path = '/api/reform/rounds/' + round.year + '/review';
  const f = await reviewFacts();
  const lines = [t('office.review_stops')];
  if (f.left >= 0) lines.push(t('office.review_early', { deadline: dueText(round.submission_deadline) }));
  if (f.running.length) {
    lines.push(t('office.review_extensions', {
      units: f.running.map((x) => ((x.expand && x.expand.unit) || {}).name + ' (' + dueText(x.until) + ')').join('; '),
    }));
  }
  if (f.returned) lines.push(t('office.review_returned', { n: f.returned }));
  lines.push(t('office.review_undo'));
  const fields = f.running.length ? [{ name: 'reason', type: 'textarea', label: t('office.review_reason'), required: true, field: 'reason' }] : [];
  const done = await ask({
    title: t('office.review_title', { year: round.year }),
    intro: lines.join(' '),
    fields,
    submit: t('office.to_review_button'),
  }, (v) => post(path, f.running.length ? { reason: v.reason } : {}));
  if (!done) return;
  say(region, t('office.in_review'), 'ok');
  location.reload();
}

// reopenCard offers, in review, to take the move back while no sheet has
// been submitted; once one is, it says why the round cannot reopen instead
// of offering what the server would refuse.
async function reopenCard() {
  const card = el('section', 'card');
  card.id = 'reopen-card';
  const h = el('h2', '', t('office.reopen_title'));
  const region = el('p', 'status');
  region.setAttribute('role', 'status');
  card.append(h);
  const p = await progress(round);
  if (p.submitted > 0) {
    card.append(el('p', 'hint', t('error.sheets_submitted', { count: p.submitted })));
  } else {
    card.append(el('p', 'hint', t('office.reopen_hint')), region, button(t('office.reopen_button'), async () => {
      const done = await ask({
        title: t('office.reopen_confirm_title', { year: round.year }),
        intro: t('office.reopen_confirm', { deadline: dueText(round.submission_deadline) }),
        submit: t('office.reopen_button'),
      }, () => post('/api/reform/rounds/' + round.year + '/reopen', {}));
      if (!done) return;
      say(region, t('office.reopened'), 'ok');
      location.reload();
    }));
  }
  $('progress-card').after(card);
}

// live keeps the progress tables current: every sheet event and every
// (re)connect of the realtime channel refetches the counts.
async function live() {
  $('progress-card').hidden = false;
  const liveBadge = $('live');
  const show = (online) => liveBadge.replaceChildren(badge(t(online ? 'office.live_on' : 'office.live_off'), online ? 'live' : 'offline'));
  let timer = null;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      try {
        renderProgress(await progress(round));
      } catch (err) {
        if (!(err && err.status === 0)) loadError(status, err);
      }
    }, 150);
  };
  renderProgress(await progress(round));
  pb.realtime.onDisconnect = () => show(false);
  await pb.realtime.subscribe('PB_CONNECT', () => { show(true); refresh(); });
  await pb.collection('scores').subscribe('*', refresh);
  addEventListener('online', refresh);
  // a sheet reopened goes back to draft, which the secretariat may not see,
  // so no event tells of it: a slow refetch catches that too.
  setInterval(refresh, 60000);
  show(true);
}

// renderProgress fills the two progress tables.
function renderProgress(p) {
  $('progress-total').textContent = t('office.progress_total', { done: p.submitted, all: p.expected });
  $('progress-total').dataset.done = p.submitted;
  headRow($('progress-members'), ['office.col_member', 'office.col_sheets']);
  $('progress-members').tBodies[0].replaceChildren(...p.members.map((m) =>
    row({ user: m.user }, cell('office.col_member', m.name), cell('office.col_sheets', meter(m.submitted, m.expected)))));
  headRow($('progress-initiatives'), ['page.col_title', 'office.col_sheets']);
  $('progress-initiatives').tBodies[0].replaceChildren(...p.initiatives.map((x) =>
    row({ id: x.id }, cell('page.col_title', x.code + ' ' + x.title), cell('office.col_sheets', meter(x.submitted, x.voters)))));
}

// load reads the councils and fills the page as the round's status allows.
async function load() {
  councils = await pb.collection('councils').getFullList({
    filter: pb.filter('round = {:r}', { r: round.id }), requestKey: null,
  });
  councils.sort((a, b) => (a.created < b.created ? -1 : 1));
  council = councils[0] || null;
  const open = round.status === 'open';
  fillCouncil();
  for (const f of $('council-form').elements) f.disabled = !open && !council;
  await members();
  $('member-form').hidden = !open;
  $('add-member-title').hidden = !open;
  // once scoring started the seats are part of the record: no actions.
  if (!open) for (const c of $('members').querySelectorAll('th:last-child, td:last-child')) c.remove();
  if (open) await assignment();
  else $('assign-card').hidden = true;
  $('review-card').hidden = !open || !council;
  if (round.status === 'review') {
    // what matters in review comes first.
    $('page-status').after($('progress-card'));
    await live();
    await reopenCard();
  }
}

if (!round) {
  noRound(status);
} else {
  const posSelect = $('member-position');
  posSelect.replaceChildren(...POSITIONS.map((p) => {
    const o = el('option', '', t(`office.position.${p}`));
    o.value = p;
    o.selected = p === 'member';
    return o;
  }));
  handleSubmit($('council-form'), $('council-status'), async (v) => {
    const body = { name: v.name, decision_number: v.decision_number, decision_date: v.decision_date || '' };
    if (council) {
      await pb.collection('councils').update(council.id, body);
      await load();
      say($('council-status'), t('office.council_saved'), 'ok');
    } else {
      await pb.collection('councils').create({ ...body, round: round.id });
      await load();
      say($('council-status'), t('office.council_created'), 'ok');
    }
  });
  handleSubmit($('member-form'), $('member-status'), async (v) => {
    await pb.collection('council_members').create({
      council: council.id, user: v.user, position: v.position, votes: $('member-votes').checked,
    });
    await members();
    say($('member-status'), t('office.member_added'), 'ok');
  });
  $('review-button').addEventListener('click', async () => {
    const b = $('review-button');
    b.disabled = true;
    try {
      await moveToReview();
    } catch (err) {
      loadError($('review-status'), err);
    } finally {
      b.disabled = false;
    }
  });
  await firstLoad(status, load);
}
ready();
