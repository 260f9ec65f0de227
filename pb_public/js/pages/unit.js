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
import { serverPages } from '../pager.js';

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

// failure is the sentence for a request that failed.
function failure(err) {
  return err.status === 0 ? t('page.network_error') : (err.response && err.response.message) || messageFor('internal');
}

// showList fills a table with the unit's initiatives of the round that
// filter picks, a page at a time from the server in sort's order, and its
// empty sentence; it resolves to the first page's answer (totalItems: the
// count).
async function showList(table, status, filter, sort, empty) {
  const res = await serverPages(table, (page, size) => pb.collection('initiatives').getList(page, size, {
    filter, sort, fields: 'id,code,title,authors,submitted_at,status,late', requestKey: null,
  }), (items) => items.map(row), {
    param: table.id === 'waiting' ? 'trang-cho' : 'trang',
    onError: (err) => say(status, failure(err), 'error'),
  });
  table.hidden = res.totalItems === 0;
  say(status, res.totalItems === 0 ? empty : '');
  return res;
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
  const mine = 'unit = {:u} && round = {:r} && ';
  const at = { u: me.unit, r: round.id };
  const [waiting, , quota] = await Promise.all([
    showList($('waiting'), $('waiting-status'), pb.filter(mine + 'status = "submitted"', at), 'submitted_at', t('head.waiting_empty')),
    showList($('others'), $('others-status'), pb.filter(mine + 'status != "draft" && status != "submitted"', at), '-submitted_at', t('head.others_empty')),
    pb.send('/api/reform/rounds/' + round.year + '/quota', { requestKey: null }).catch(() => null),
  ]);
  $('waiting-count').textContent = t('page.initiatives_count', { count: waiting.totalItems });
  const q = quota && (quota.units || []).find((u) => u.unit === me.unit);
  const d = q && q.deadline ? { until: parseDate(q.deadline), extended: q.extended } : await unitDeadline(round, me.unit);
  $('deadline-text').textContent = t('head.deadline_line', { year: round.year, deadline: deadlineSentence(d) });
  if (q) showQuota(q, round.year);
  say($('page-status'), '');
} catch (err) {
  say($('page-status'), err.noRound ? t('staff.no_round') : failure(err), 'error');
}
ready();
