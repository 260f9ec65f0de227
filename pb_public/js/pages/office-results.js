// office-results: /van-phong/ket-qua.html — the results of the round
// (GET …/results: rank, mean, per-criterion means, min, max, votes /
// voters, barred members and why, tier), the recognised list before the
// decision (GET …/decision-preview, a draft until it is recorded),
// recording the signed decision (POST …/decide; a reason while sheets are
// missing) and, once decided, nominating recognised ones to the city.

import { ready, el, row } from '../layout.js';
import { pb } from '../pb.js';
import { say, handleSubmit } from '../messages.js';
import { formatDate } from '../format.js';
import { t } from '../i18n.js';
import { confirmDecision } from '../confirm.js';
import { signatureText, signerFor } from '../ward-names.js';
import { ruleText, tierText, whyText } from '../outcome.js';
import { officeStart, $, cell, headRow, badge, button, post, ask, firstLoad, noRound, number, isoDay } from '../office.js';

const { round } = await officeStart({ roles: ['secretariat'] });
const status = $('page-status');

// duplicateText is the cell "Trùng lặp": the most similar other initiative
// (≥ 40%), marked when it is the author's own earlier one sent again.
function duplicateText(d) {
  if (!d) return '–';
  const what = d.resubmission ? t('similar.resubmission', { year: d.year }) : t('similar.level.' + d.level);
  return d.similarity + '% ' + d.code + ' (' + what + ')';
}

// minMax is the lowest and highest total, and under them the spread
// (standard deviation) of the members' totals.
function minMax(r) {
  const box = el('span');
  box.append(number(r.min) + ' – ' + number(r.max), el('br'), el('small', 'muted spread', t('office.spread_short', { spread: number(r.spread) })));
  return box;
}

// authorsText lists an initiative's authors with their shares.
function authorsText(authors) {
  return (Array.isArray(authors) ? authors : []).map((a) => a.name + (a.share ? ' (' + a.share + '%)' : '')).join('; ');
}

// barredText says who was not counted and why.
function barredText(barred) {
  return barred.map((b) => b.name + ' – ' + t(`office.barred.${b.reason}`)).join('; ');
}

// resultsTable fills the ranking.
function resultsTable(res) {
  const table = $('results');
  const crit = res.criteria;
  $('results-rule').textContent = ruleText(res.round);
  headRow(table, ['office.col_rank', 'page.col_title', 'office.col_mean', ...crit.map(() => 'office.col_criterion'),
    'office.col_minmax', 'office.col_votes', 'office.col_sheets', 'office.col_barred', 'office.col_tier', 'office.col_why', 'similar.col']);
  // the criterion headers carry the criterion's name and maximum.
  crit.forEach((c, i) => { table.tHead.rows[0].cells[3 + i].textContent = c.name + ' (' + number(c.max) + ')'; });
  const items = [...res.items].sort((a, b) => (a.rank || 1e9) - (b.rank || 1e9) || b.mean - a.mean);
  table.tBodies[0].replaceChildren(...items.map((r) => {
    const outcome = el('span');
    outcome.append(badge(r.approvals === null ? t('office.sealed') : tierText(r.tier, res.round.tiers), r.recognized ? 'recognized' : 'not_recognized'));
    const title = el('span');
    title.append(el('strong', '', r.code), ' ', r.title);
    const tr = row({ id: r.id },
      cell('office.col_rank', r.rank || '', 'num'),
      cell('page.col_title', title, 'list__title'),
      cell('office.col_mean', number(r.mean), 'num mean'),
      ...crit.map((c) => {
        const td = cell('office.col_criterion', number(r.criterion_means[c.code]), 'num');
        td.dataset.label = c.name;
        return td;
      }),
      cell('office.col_minmax', r.sheets ? minMax(r) : '', 'num minmax'),
      cell('office.col_votes', r.approvals === null ? t('office.votes_sealed', { voters: r.voters, needed: r.needed_approvals })
        : t('office.votes_of', { approvals: r.approvals, voters: r.voters, needed: r.needed_approvals }), 'votes'),
      cell('office.col_sheets', r.sheets + '/' + r.voters + (r.missing ? ' ' + t('office.missing_n', { n: r.missing }) : ''), 'num'),
      cell('office.col_barred', barredText(r.barred) || '–', 'barred'),
      cell('office.col_tier', outcome, 'tier'),
      cell('office.col_why', whyText(r, crit), 'why'),
      cell('similar.col', duplicateText(r.duplicate), 'duplicate'),
    );
    if (r.split) tr.classList.add('row--split');
    if (r.recognized) tr.classList.add('row--recognized');
    return tr;
  }));
  table.hidden = items.length === 0;
  $('results-empty').hidden = items.length > 0;
  $('results-card').hidden = false;
}

// previewTable fills the recognised list (draft or decided).
function previewTable(pre) {
  $('preview-state').replaceChildren(badge(t(pre.draft ? 'office.preview_draft' : 'office.preview_final'), pre.draft ? 'late' : 'recognized'));
  $('preview-hint').textContent = t(pre.draft ? 'office.preview_draft_hint' : 'office.preview_final_hint', { count: pre.initiatives.length });
  $('preview-signature').textContent = signatureText(pre.signature);
  const table = $('preview');
  headRow(table, ['office.col_rank', 'page.col_code', 'page.col_title', 'office.col_authors', 'page.col_unit', 'office.col_mean', 'office.col_tier']);
  table.tBodies[0].replaceChildren(...pre.initiatives.map((i) => {
    return row({ id: i.id },
      cell('office.col_rank', i.rank, 'num'),
      cell('page.col_code', i.code, 'list__code'),
      cell('page.col_title', i.title, 'list__title'),
      cell('office.col_authors', authorsText(i.authors)),
      cell('page.col_unit', i.unit_name),
      cell('office.col_mean', number(i.mean), 'num'),
      cell('office.col_tier', tierText(i.tier, pre.round && pre.round.tiers)),
    );
  }));
  $('preview-card').hidden = false;
}

// decided shows the recorded decision and the nominations.
async function decided(pre) {
  const d = pre.decision;
  const dl = $('decided');
  dl.replaceChildren();
  for (const [k, v] of [['office.decision_no', d.number], ['office.signed_on', formatDate(d.signed_on)], ['office.signer', d.signer]]) {
    dl.append(el('dt', '', t(k)), el('dd', '', v));
  }
  const recognized = await pb.collection('initiatives').getFullList({
    filter: pb.filter('round = {:r} && status = "recognized"', { r: round.id }), sort: 'result_rank',
    fields: 'id,code,title,result_rank,result_tier,nominated', requestKey: null,
  });
  const city = await pb.collection('decisions').getFullList({
    filter: pb.filter('round = {:r} && kind = "city_nomination"', { r: round.id }), requestKey: null,
  });
  const region = $('nominate-status');
  const table = $('nominate');
  headRow(table, ['office.col_rank', 'page.col_code', 'page.col_title', 'office.col_tier', 'office.col_actions']);
  table.tBodies[0].replaceChildren(...recognized.map((i) => {
    const action = i.nominated ? badge(t('office.nominated'), 'recognized') : button(t('office.nominate_button'), async () => {
      const prev = city[0];
      const done = await ask({
        title: t('office.nominate'),
        intro: t('office.nominate_intro', { code: i.code, title: i.title }),
        fields: [
          { name: 'number', label: t('office.city_number'), required: true, value: prev ? prev.number : '' },
          { name: 'signed_on', label: t('office.signed_on'), type: 'date', required: true, value: prev ? isoDay(prev.signed_on) : '' },
          { name: 'signer', label: t('office.signer'), required: true, value: prev ? prev.signer : d.signer },
        ],
        submit: t('office.nominate_button'),
      }, (v) => post('/api/reform/initiatives/' + i.id + '/nominate', v));
      if (done) {
        await decided(pre);
        say(region, t('office.nominated_one', { code: i.code }), 'ok');
      }
    });
    return row({ id: i.id },
      cell('office.col_rank', i.result_rank, 'num'),
      cell('page.col_code', i.code, 'list__code'),
      cell('page.col_title', i.title, 'list__title'),
      cell('office.col_tier', tierText(i.result_tier, round.tiers)),
      cell('office.col_actions', action),
    );
  }));
  $('decided-card').hidden = false;
}

// load fills the page from the results and the preview.
async function load() {
  const base = '/api/reform/rounds/' + round.year;
  const [res, pre] = await Promise.all([
    pb.send(base + '/results', { requestKey: null }),
    pb.send(base + '/decision-preview', { requestKey: null }),
  ]);
  resultsTable(res);
  previewTable(pre);
  // the chairman authors an initiative: his vice-chairman signs for him.
  const signer = signerFor(pre.signature);
  if (signer !== null && pre.draft) $('decide-form').elements.signer.value = signer;
  $('decide-card').hidden = round.status !== 'review';
  if (pre.decision) await decided(pre);
}

if (!round) {
  noRound(status);
} else {
  let org = null;
  try {
    org = await pb.collection('organization').getFirstListItem('', { requestKey: null });
  } catch {
    // the signer is typed then
  }
  const form = $('decide-form');
  if (org && org.chairman_name) form.elements.signer.value = org.chairman_name;
  handleSubmit(form, $('decide-status'), async (v) => {
    if (!(await confirmDecision(v))) return;
    const answer = await post('/api/reform/rounds/' + round.year + '/decide', v);
    round.status = 'decided';
    await load();
    const warn = (answer.warnings || []).map((w) => w.message).join(' ');
    say(status, t('office.decision_recorded') + (warn ? ' ' + warn : ''), 'ok');
    status.scrollIntoView();
  });
  await firstLoad(status, load);
}
ready();
