// unit: /don-vi/ for a unit head. The unit's initiatives waiting for the
// endorsement come first, with the unit's deadline and the days left
// (Hà Nội, extension included); then the unit's quota (required, sent on
// time, late, accepted, recognised: met, not met, or under extension) and
// the unit's other initiatives of the round.

import { start, ready, el, cell } from '../layout.js';
import { pb } from '../pb.js';
import { say, messageFor } from '../messages.js';
import { formatDate, parseDate } from '../format.js';
import { t } from '../i18n.js';
import { unitDeadline, deadlineSentence, statusBadge } from '../initiative/common.js';
import { roundFor, roundLabel } from '../round.js';
import { pageRows } from '../pager.js';

const $ = (id) => document.getElementById(id);

// row builds the table row of one of the unit's initiatives.
function row(item) {
  const a = el('a', '', item.title || t('staff.untitled'));
  a.href = '/don-vi/xem.html?id=' + encodeURIComponent(item.id);
  const tr = el('tr');
  tr.append(
    cell('page.col_code', item.code || t('page.no_code'), 'list__code'),
    cell('page.col_title', a, 'list__title'),
    cell('head.col_authors', (item.authors || []).map((x) => x.name).filter(Boolean).join(', ')),
    cell('page.col_submitted', formatDate(item.submitted_at) || t('page.not_submitted'), 'list__date'),
    cell('page.col_status', statusBadge(item)),
  );
  return tr;
}

// showList fills a table, its count and its empty sentence.
function showList(table, status, items, empty) {
  pageRows(table, items.map(row), { param: table.id === 'waiting' ? 'trang-cho' : 'trang' });
  table.hidden = items.length === 0;
  say(status, items.length === 0 ? empty : '');
}

// showQuota fills the quota card from the unit's row of the quota report.
function showQuota(q, year) {
  $('quota').hidden = false;
  $('quota-title').textContent = t('head.quota_title', { year });
  const result = q.result || (q.met ? 'met' : 'not_met');
  const badge = el('span', 'badge badge--quota-' + result, t('head.quota.' + result));
  badge.id = 'quota-badge';
  $('quota-result').replaceChildren(badge);
  const facts = [['required', q.required], ['counted', q.counted], ['submitted_on_time', q.submitted_on_time],
    ['late', q.late], ['endorsed', q.endorsed], ['accepted', q.accepted], ['recognized', q.recognized]];
  $('quota-facts').replaceChildren(...facts.map(([k, v]) => {
    const box = el('div', 'quota__fact' + (k === 'counted' ? ' quota__fact--main' : ''));
    const dd = el('dd', '', String(v ?? 0));
    dd.dataset.quota = k;
    box.append(el('dt', '', t('head.quota.' + k)), dd);
    return box;
  }));
}

// roundPicker lets the head look at another round (?year=, bookmarkable).
function roundPicker(rounds, round, todo) {
  const select = $('round-year');
  select.replaceChildren(...rounds.map((r) => new Option(roundLabel(r, ['unit_head'], todo), String(r.year))));
  select.value = String(round.year);
  $('round-picker').hidden = rounds.length < 2;
  select.addEventListener('change', () => location.assign('/don-vi/?year=' + encodeURIComponent(select.value)));
}

const me = await start({ roles: ['unit_head'] });
const unitName = me.expand && me.expand.unit ? me.expand.unit.name : '';
$('unit-title').textContent = t('head.title', { unit: unitName });
try {
  const { rounds, round, todo } = await roundFor(['unit_head'], { unit: me.unit });
  if (!round) throw Object.assign(new Error('no round'), { noRound: true });
  roundPicker(rounds, round, todo);
  const [list, quota] = await Promise.all([
    pb.collection('initiatives').getFullList({
      filter: pb.filter('unit = {:u} && round = {:r} && status != "draft"', { u: me.unit, r: round.id }),
      sort: 'submitted_at', fields: 'id,code,title,authors,submitted_at,status,late', requestKey: null,
    }),
    pb.send('/api/reform/rounds/' + round.year + '/quota', { requestKey: null }).catch(() => null),
  ]);
  const q = quota && (quota.units || []).find((u) => u.unit === me.unit);
  const d = q && q.deadline ? { until: parseDate(q.deadline), extended: q.extended } : await unitDeadline(round, me.unit);
  $('deadline-text').textContent = t('head.deadline_line', { year: round.year, deadline: deadlineSentence(d) });
  if (q) showQuota(q, round.year);
  const waiting = list.filter((i) => i.status === 'submitted');
  const others = list.filter((i) => i.status !== 'submitted').reverse();
  $('waiting-count').textContent = t('page.initiatives_count', { count: waiting.length });
  showList($('waiting'), $('waiting-status'), waiting, t('head.waiting_empty'));
  showList($('others'), $('others-status'), others, t('head.others_empty'));
  say($('page-status'), '');
} catch (err) {
  say($('page-status'), err.noRound ? t('staff.no_round') : err.status === 0 ? t('page.network_error') : (err.response && err.response.message) || messageFor('internal'), 'error');
}
ready();
