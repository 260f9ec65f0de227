// office-overview: /van-phong/ — the round at a glance for the secretariat:
// counts by status, unit and field, the days left, the quota table (units
// short of it stand out, units under extension are marked) and what needs
// doing now: initiatives waiting for acceptance (accept, or return with a
// reason) and members with missing sheets.

import { ready, el, row } from '../layout.js';
import { pb } from '../pb.js';
import { say } from '../messages.js';
import { formatDate, lastDay, parseDate } from '../format.js';
import { t } from '../i18n.js';
import { officeStart, $, cell, headRow, badge, button, post, ask, loadError, firstLoad, noRound } from '../office.js';
import { duplicateText } from '../similar.js';
import { organization, unnamed, namesNotice } from '../ward-names.js';
import { launchCard } from '../office-launch.js';

const STATUSES = ['submitted', 'endorsed', 'accepted', 'returned', 'withdrawn', 'recognized', 'not_recognized'];

// daysLeft returns whole days from now to the deadline instant (0 when past).
function daysLeft(deadline) {
  const d = parseDate(deadline);
  if (!d) return 0;
  return Math.max(0, Math.ceil((d.getTime() - Date.now()) / 86400000));
}

// deadlineText is "hết ngày 24/09/2026 (còn 12 ngày)" or "… (đã hết hạn)".
function deadlineText(value) {
  const left = daysLeft(value);
  const when = t('format.last_day', { date: lastDay(value) });
  return when + ' (' + (left > 0 ? t('office.days_left', { days: left }) : t('office.deadline_over')) + ')';
}

// fact appends a dt/dd pair to a dl.
function fact(dl, key, value) {
  dl.append(el('dt', '', t(key)), el('dd', '', value));
}

// countRows fills the tbody of table with [{name, count}] lines.
function countRows(table, label, lines) {
  headRow(table, [label, 'office.col_count']);
  table.tBodies[0].replaceChildren(...lines.map((l) => {
    const tr = el('tr');
    tr.append(cell(label, l.name), cell('office.col_count', l.count, 'num'));
    return tr;
  }));
}

// glance fills the counts and deadlines from the overview answer ov.
function glance(round, ov) {
  $('round-state').replaceChildren(badge(t('round_status.' + round.status), 'round-' + round.status));
  const dl = $('deadlines');
  dl.replaceChildren();
  fact(dl, 'office.submission_deadline', deadlineText(round.submission_deadline));
  fact(dl, 'office.decision_deadline', deadlineText(round.decision_deadline));
  fact(dl, 'office.total', t('page.initiatives_count', { count: ov.total }));
  fact(dl, 'office.late_count', String(ov.late));
  $('by-status').replaceChildren(...STATUSES.map((s) => {
    const li = el('li', 'counts__item');
    li.append(el('strong', 'counts__n', String(ov.by_status[s] || 0)), ' ', badge(t('status.' + s), s));
    li.dataset.status = s;
    return li;
  }));
  countRows($('by-unit'), 'page.col_unit', ov.by_unit);
  countRows($('by-field'), 'page.col_field', ov.by_field);
  $('glance').hidden = false;
}

// quotaTable fills the quota table from GET …/quota.
async function quotaTable(round) {
  const q = await pb.send('/api/reform/rounds/' + round.year + '/quota', { requestKey: null });
  const table = $('quota');
  headRow(table, ['page.col_unit', 'office.col_required', 'office.col_counted', 'office.col_late', 'office.col_accepted', 'office.col_deadline', 'office.col_result']);
  table.tBodies[0].replaceChildren(...q.units.map((u) => {
    const result = el('span');
    result.append(badge(t(`office.quota_result.${u.result}`), 'quota-' + u.result));
    if (u.under_extension && u.result !== 'under_extension') result.append(' ', badge(t('office.under_extension'), 'extension'));
    const tr = row({ unit: u.code },
      cell('page.col_unit', u.name, 'list__title'),
      cell('office.col_required', u.required, 'num'),
      cell('office.col_counted', u.counted, 'num'),
      cell('office.col_late', u.late, 'num'),
      cell('office.col_accepted', u.accepted, 'num'),
      cell('office.col_deadline', t('format.last_day', { date: lastDay(u.deadline) }) + (u.extended ? ' ' + t('office.extended') : '')),
      cell('office.col_result', result),
    );
    if (!u.met) tr.classList.add('row--short');
    if (u.under_extension) tr.classList.add('row--extension');
    return tr;
  }));
  $('quota-card').hidden = false;
}

// acceptOne accepts item; a late one (or a refusal deadline_passed) asks
// for the explicit consent first and sends late_ok only when it is given.
async function acceptOne(item, region, reload) {
  const withConsent = (message) => ask({
    title: t('office.accept_late_title'),
    intro: t('office.accept_late_intro', { code: item.code, title: item.title }),
    message,
    fields: [{ name: 'late_ok', type: 'checkbox', label: t('office.late_ok'), field: 'deadline' }],
    submit: t('office.accept'),
  }, (v) => post('/api/reform/initiatives/' + item.id + '/accept', v.late_ok ? { late_ok: true } : {}));
  let done;
  if (item.late) {
    done = await withConsent('');
  } else {
    try {
      await post('/api/reform/initiatives/' + item.id + '/accept', {});
      done = true;
    } catch (err) {
      const late = err && err.response && err.response.data && err.response.data.deadline;
      if (!late) throw err;
      done = await withConsent(late.message || '');
    }
  }
  if (done) {
    await reload();
    say(region, t('office.accepted', { code: item.code }), 'ok');
  }
}

// returnOne asks for the reason and returns item to its author.
async function returnOne(item, region, reload) {
  const done = await ask({
    title: t('office.return_title'),
    intro: t('office.return_intro', { code: item.code, title: item.title }),
    fields: [{ name: 'reason', type: 'textarea', label: t('office.reason'), required: true }],
    submit: t('office.return'),
  }, (v) => post('/api/reform/initiatives/' + item.id + '/return', { reason: v.reason }));
  if (done) {
    await reload();
    say(region, t('office.returned', { code: item.code }), 'ok');
  }
}

// waitingTable lists the initiatives the units sent (endorsed) with their
// near-duplicate and their two actions.
function waitingTable(waiting, reload) {
  const region = $('todo-status');
  const table = $('waiting');
  headRow(table, ['page.col_code', 'page.col_title', 'page.col_unit', 'office.col_endorsed', 'similar.col', 'office.col_actions']);
  table.tBodies[0].replaceChildren(...waiting.map((i) => {
    const title = el('span');
    const a = el('a', '', i.title);
    a.href = '/sang-kien/xem.html?id=' + encodeURIComponent(i.id);
    title.append(a);
    if (i.late) title.append(' ', badge(t('page.late'), 'late'));
    const actions = el('div', 'row-actions');
    const run = (fn) => async () => {
      try {
        await fn(i, region, reload);
      } catch (err) {
        loadError(region, err);
      }
    };
    actions.append(button(t('office.accept'), run(acceptOne), ''), button(t('office.return'), run(returnOne)));
    return row({ id: i.id },
      cell('page.col_code', i.code, 'list__code'),
      cell('page.col_title', title, 'list__title'),
      cell('page.col_unit', i.unit),
      cell('office.col_endorsed', formatDate(i.endorsed_at), 'list__date'),
      cell('similar.col', duplicateText(i.duplicate), 'duplicate'),
      cell('office.col_actions', actions),
    );
  }));
  table.hidden = waiting.length === 0;
  $('waiting-empty').hidden = waiting.length > 0;
}

// missingTable lists the voting members with sheets still to submit.
function missingTable(round, short) {
  const table = $('missing');
  if (round.status !== 'review') {
    $('missing-empty').textContent = t('office.missing_not_review');
    table.hidden = true;
    return;
  }
  headRow(table, ['office.col_member', 'office.col_sheets']);
  table.tBodies[0].replaceChildren(...short.map((m) => {
    const tr = el('tr');
    tr.append(cell('office.col_member', m.name), cell('office.col_sheets', t('office.sheets_of', { done: m.submitted, all: m.expected })));
    return tr;
  }));
  table.hidden = short.length === 0;
  $('missing-empty').textContent = short.length ? '' : t('office.missing_none');
}

const { round } = await officeStart();
const status = $('page-status');
// the ward's names not set yet: every document would print placeholders.
if (unnamed(await organization())) $('ward-names').replaceChildren(namesNotice('ward.unnamed_home'));
if (!round) {
  noRound(status);
} else {
  // load reads the round's overview (one request) and fills every part of
  // the page; the quota and the launch card have routes of their own.
  const load = async () => {
    const ov = await pb.send('/api/reform/rounds/' + round.year + '/overview', { requestKey: null });
    glance(round, ov);
    waitingTable(ov.waiting, load);
    missingTable(round, ov.missing);
    $('todo').hidden = false;
    await Promise.all([quotaTable(round), launchCard(round)]);
  };
  await firstLoad(status, load);
}
ready();
