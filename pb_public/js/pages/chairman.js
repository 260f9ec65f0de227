// chairman: /chu-tich/?year=YYYY, the Chairman's page: the round at a
// glance (read only), the council's results as they stand, the list he
// will sign (GET …/decision-preview) with the draft decision to download,
// and recording the signed decision (POST …/decide). Without year: the
// round round.js picks (a round in review waits for his decision).

import { start, ready, el, row } from '../layout.js';
import { pb, me, hasRole } from '../pb.js';
import { say, generalMessage, handleSubmit } from '../messages.js';
import { formatDate, lastDay } from '../format.js';
import { t } from '../i18n.js';
import { confirmDecision } from '../confirm.js';
import { download, DownloadError } from '../documents.js';
import { formatPoints } from '../council.js';
import { warnUnnamedWard, signatureText, signerFor } from '../ward-names.js';
import { ruleText, tierText, whyText } from '../outcome.js';
import { roundFor, pendingIn } from '../round.js';

const $ = (id) => document.getElementById(id);

// STATUS names the initiative statuses counted.
const STATUSES = ['submitted', 'endorsed', 'accepted', 'recognized', 'not_recognized', 'returned', 'withdrawn'];
const STATUS = Object.fromEntries(STATUSES.map((s) => [s, 'status.' + s]));

let year = 0;
let round = null;

// api calls a /api/reform route of the round.
function api(path, options = {}) {
  return pb.send('/api/reform/rounds/' + year + path, { requestKey: null, ...options });
}

// td returns a cell labelled for the narrow layout.
function td(label, value, className) {
  const c = el('td', className);
  c.dataset.label = label;
  if (value instanceof Node) c.append(value);
  else c.textContent = value;
  return c;
}

// head fills table's header row.
function head(table, labels, numeric = []) {
  const tr = el('tr');
  labels.forEach((l, i) => {
    const th = el('th', numeric.includes(i) ? 'num' : '', l);
    th.scope = 'col';
    tr.append(th);
  });
  const thead = el('thead');
  thead.append(tr);
  return thead;
}

// todayInWard is today's date in Hà Nội as yyyy-mm-dd (the date input's value).
function todayInWard() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

// showYears lists the rounds as links, the shown one marked.
function showYears(rounds, todo) {
  const ul = $('years').querySelector('ul');
  ul.replaceChildren(...rounds.map((r) => {
    const n = pendingIn(todo, r.year, ['chairman']);
    const a = el('a', '', n > 0 ? String(r.year) + ' · ' + t('todo.pending_mark', { n }) : String(r.year));
    a.href = '?year=' + r.year;
    if (r.year === year) a.setAttribute('aria-current', 'page');
    const li = el('li');
    li.append(a);
    return li;
  }));
  $('years').hidden = rounds.length < 2;
}

// showOverview shows the round's dates, the initiatives by status (the
// server counts them: GET …/counts) and the quota.
async function showOverview() {
  const [counted, quota] = await Promise.all([api('/counts'), api('/quota')]);
  const dl = $('overview-facts');
  dl.replaceChildren();
  const fact = (key, value) => dl.append(el('dt', '', t(key)), el('dd', '', value));
  fact('chair.status', t('round_status.' + round.status));
  fact('chair.submission_deadline', t('format.last_day', { date: lastDay(round.submission_deadline) }));
  fact('chair.decision_deadline', t('format.last_day', { date: lastDay(round.decision_deadline) }));
  const counts = counted.by_status;
  const late = counted.late;
  $('counts').replaceChildren(...STATUSES.filter((s) => counts[s]).map((s) => {
    const li = el('li');
    li.append(el('strong', '', String(counts[s])), t(STATUS[s]));
    return li;
  }));
  if (late) {
    const li = el('li');
    li.append(el('strong', '', String(late)), t('page.late'));
    $('counts').append(li);
  }
  const units = quota.units || [];
  const short = units.filter((u) => !u.met);
  $('quota').textContent = t('chair.quota', { met: units.length - short.length, total: units.length }) +
    (short.length ? ' ' + t('chair.quota_short', { units: short.map((u) => u.name).join(', ') }) : '');
  $('overview').hidden = false;
}

// showResults shows every initiative's outcome as it stands, ranked.
async function showResults() {
  const res = await api('/results');
  const table = $('results-table');
  const labels = [t('chair.col_rank'), t('page.col_code'), t('page.col_title'), t('chair.col_sheets'), t('chair.col_mean'),
    t('chair.col_min'), t('chair.col_max'), t('chair.col_approvals'), t('chair.col_result'), t('office.col_why')];
  const tbody = el('tbody');
  for (const it of res.items) {
    const title = el('span');
    title.append(el('span', '', it.title));
    if ((it.barred || []).length) {
      title.append(el('span', 'muted barred', ' ' + t('chair.barred', { names: it.barred.map((b) => b.name).join(', ') })));
    }
    // a secret ballot's count not yet shown: neither outcome is known.
    const sealed = it.approvals === null;
    const result = sealed ? el('span', 'badge badge--late', t('office.sealed'))
      : it.recognized ? el('span', 'badge badge--tier-' + it.tier, tierText(it.tier, res.round.tiers))
        : el('span', 'badge badge--not_recognized', t('chair.not_recognized'));
    const tr = row({ id: it.id },
      td(labels[0], it.rank ? String(it.rank) : '', 'num'),
      td(labels[1], it.code || '', 'list__code'),
      td(labels[2], title, 'list__title'),
      td(labels[3], it.sheets + '/' + it.voters + (it.missing ? ' ' + t('chair.missing', { count: it.missing }) : ''), 'num'),
      td(labels[4], formatPoints(it.mean), 'num'),
      td(labels[5], formatPoints(it.min), 'num'),
      td(labels[6], formatPoints(it.max), 'num'),
      td(labels[7], sealed ? t('office.votes_sealed', { voters: it.voters, needed: it.needed_approvals })
        : it.approvals + '/' + it.voters + ' (' + t('chair.needed', { count: it.needed_approvals }) + ')', 'num votes'),
      td(labels[8], result, 'outcome'),
      td(labels[9], whyText(it, res.criteria), 'why'),
    );
    tbody.append(tr);
  }
  table.replaceChildren(head(table, labels, [0, 3, 4, 5, 6, 7]), tbody);
  const missing = res.items.reduce((n, it) => n + (it.missing || 0), 0);
  $('results-status').textContent = res.items.length === 0 ? t('chair.no_results')
    : ruleText(res.round) +
      (missing ? ' ' + t('chair.missing_total', { count: missing }) : '');
  $('results').hidden = false;
}

// showPreview shows the list of the recognition decision: a draft before
// it is recorded, the decision's own list after.
async function showPreview() {
  const pv = await api('/decision-preview');
  $('preview-title').textContent = t(pv.draft ? 'chair.preview_draft' : 'chair.preview_final', { year });
  $('draft-mark').hidden = !pv.draft;
  $('docx').textContent = t(pv.draft ? 'chair.docx_draft' : 'chair.docx_final');
  const labels = [t('chair.col_no'), t('page.col_code'), t('page.col_title'), t('chair.col_authors'), t('page.col_unit'), t('chair.col_mean'), t('chair.col_tier')];
  const tbody = el('tbody');
  pv.initiatives.forEach((it, i) => {
    const authors = (it.authors || []).map((a) => a.name + (typeof a.share === 'number' ? ' (' + formatPoints(a.share) + '%)' : '')).join('; ');
    const tr = row({ id: it.id }, td(labels[0], String(i + 1), 'num'), td(labels[1], it.code, 'list__code'), td(labels[2], it.title, 'list__title'),
      td(labels[3], authors), td(labels[4], it.unit_name), td(labels[5], formatPoints(it.mean), 'num'),
      td(labels[6], tierText(it.tier, pv.round && pv.round.tiers)));
    tbody.append(tr);
  });
  $('preview-table').replaceChildren(head($('preview-table'), labels, [0, 5]), tbody);
  $('preview-table').hidden = pv.initiatives.length === 0;
  $('preview-status').textContent = pv.initiatives.length === 0 ? t('chair.preview_empty')
    : t(pv.draft ? 'chair.preview_draft_hint' : 'chair.preview_final_hint', { count: pv.initiatives.length });
  $('preview-signature').textContent = signatureText(pv.signature);
  $('preview').hidden = false;
  if (pv.decision) {
    $('decided-text').textContent = t('chair.decided_text', {
      number: pv.decision.number, date: formatDate(pv.decision.signed_on), signer: pv.decision.signer,
    });
    $('decided').hidden = false;
  }
  return pv;
}

// showDecideForm offers recording the decision while the round is in review.
async function showDecideForm(pv) {
  const open = round.status === 'review';
  $('decide').hidden = !open;
  if (!open) return;
  const form = $('decide-form');
  if (!form.signed_on.value) form.signed_on.value = todayInWard();
  // the chairman authors an initiative: his vice-chairman signs for him.
  const vice = signerFor(pv && pv.signature);
  if (vice !== null && !form.signer.value) {
    form.signer.value = vice;
    return;
  }
  // the signer: the Chairman (or vice-chairman) signed in, else the
  // ward's chairman unless the record still holds its placeholder.
  if (!form.signer.value && hasRole('chairman')) form.signer.value = me().name || '';
  if (!form.signer.value) {
    try {
      const org = await pb.collection('organization').getFirstListItem('', { requestKey: null });
      if (org.chairman_name && !org.chairman_name.startsWith('(')) form.signer.value = org.chairman_name;
    } catch {
      // no organization record: the signer's name is typed
    }
  }
}

// render shows everything of the round year.
async function render() {
  say($('docx-status'), '');
  const [, , pv] = await Promise.all([showOverview(), showResults(), showPreview()]);
  await showDecideForm(pv);
}

await start({ roles: ['chairman', 'secretariat'] });
try {
  const asked = Number(new URLSearchParams(location.search).get('year'));
  const chosen = await roundFor(['chairman']);
  const { rounds, todo } = chosen;
  round = chosen.round;
  if (!round) {
    say($('page-status'), asked ? t('error.round_not_found', { year: asked }) : t('chair.no_round'), 'error');
  } else {
    year = round.year;
    $('title').textContent = t('chair.title_year', { year });
    document.title = $('title').textContent;
    showYears(rounds, todo);
    await render();
    say($('page-status'), '');
  }
} catch (err) {
  say($('page-status'), generalMessage(err), 'error');
}

$('docx').addEventListener('click', async () => {
  say($('docx-status'), t('chair.downloading'));
  try {
    const name = await download('/api/reform/rounds/' + year + '/documents/decision.docx');
    say($('docx-status'), t('chair.downloaded', { name }), 'ok');
  } catch (err) {
    const body = err instanceof DownloadError ? err.body : null;
    say($('docx-status'), (body && body.message) || generalMessage({ status: err.status, response: body || {} }), 'error');
  }
});

handleSubmit($('decide-form'), $('decide-status'), async (values) => {
  if (!(await confirmDecision(values))) return;
  const out = await api('/decide', { method: 'POST', body: values });
  round = out.round;
  await render();
  const warnings = (out.warnings || []).map((w) => w.message);
  $('decided-warnings').textContent = warnings.join(' ');
  $('decided-warnings').hidden = warnings.length === 0;
  $('decided').tabIndex = -1;
  $('decided').focus();
});
warnUnnamedWard($('docx')); // the ward's names unset: the document would show placeholders
ready();
