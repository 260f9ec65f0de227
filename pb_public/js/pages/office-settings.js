// office-settings: /van-phong/cai-dat.html — the round's settings while it
// is open: the two deadlines ("trước ngày" D is stored as D 00:00 in Hà
// Nội), threshold, approval ratio, aggregation, the emulation points, the
// rubric with its guidance, extensions per unit with a reason, and
// opening next year's round (POST …/next).

import { ready, el } from '../layout.js';
import { pb } from '../pb.js';
import { say, handleSubmit } from '../messages.js';
import { lastDay } from '../format.js';
import { t } from '../i18n.js';
import { officeStart, $, cell, headRow, button, post, ask, loadError, noRound, isoDay, number, withYear } from '../office.js';

// RATIOS are the approval ratios offered (TT 18: at least 2/3).
const RATIOS = [[1 / 2, '1/2'], [3 / 5, '3/5'], [2 / 3, '2/3'], [3 / 4, '3/4'], [1, '100%']];

// toInstant turns a day (yyyy-mm-dd) into its 00:00 in Hà Nội, as stored.
function toInstant(day) {
  return day ? new Date(day + 'T00:00:00+07:00').toISOString() : '';
}

// lastDayHint shows under a deadline input what it means: "hết ngày …".
function lastDayHint(input, hint) {
  const show = () => { hint.textContent = input.value ? t('format.last_day', { date: lastDay(toInstant(input.value)) }) : ''; };
  input.addEventListener('input', show);
  input.addEventListener('change', show);
  show();
}

const { round } = await officeStart();
const status = $('page-status');

// roundForm fills the settings form from round.
function roundForm() {
  const f = $('round-form');
  const open = round.status === 'open';
  f.elements.submission_deadline.value = isoDay(round.submission_deadline);
  f.elements.decision_deadline.value = isoDay(round.decision_deadline);
  f.elements.threshold.value = round.threshold;
  const ratio = $('set-ratio');
  const options = RATIOS.some(([v]) => Math.abs(v - round.approval_ratio) < 1e-9) ? RATIOS : [...RATIOS, [round.approval_ratio, number(round.approval_ratio * 100) + '%']];
  ratio.replaceChildren(...options.map(([v, text]) => {
    const o = el('option', '', text);
    o.value = String(v);
    o.selected = Math.abs(v - round.approval_ratio) < 1e-9;
    return o;
  }));
  $('set-aggregation').replaceChildren(...['mean', 'trimmed_mean'].map((a) => {
    const o = el('option', '', t(`office.aggregation.${a}`));
    o.value = a;
    o.selected = round.aggregation === a;
    return o;
  }));
  for (const n of ['emulation_quota_met', 'emulation_per_recognized', 'emulation_per_nominated', 'emulation_quota_missed']) {
    f.elements[n].value = round[n] ?? 0;
  }
  for (const c of f.elements) c.disabled = !open;
  $('round-hint').textContent = t(open ? 'office.round_settings_hint' : 'office.round_settings_locked', { status: t('round_status.' + round.status) });
  lastDayHint(f.elements.submission_deadline, $('set-submission-hint'));
  lastDayHint(f.elements.decision_deadline, $('set-decision-hint'));
  $('round-card').hidden = false;
}

// criteria lists the rubric, each criterion a small form of its own.
async function criteria() {
  const open = round.status === 'open';
  const items = await pb.collection('criteria').getFullList({ filter: pb.filter('round = {:r}', { r: round.id }), sort: 'sort', requestKey: null });
  $('criteria-total').textContent = t('office.criteria_total', { total: number(items.reduce((n, c) => n + c.max_points, 0), 1) });
  $('criteria').replaceChildren(...items.map((c) => {
    const form = el('form', 'form criterion form-grid');
    form.noValidate = true;
    form.dataset.code = c.code;
    const field = (name, key, type, value) => {
      const id = 'c-' + c.id + '-' + name;
      const wrap = el('div');
      const label = el('label', '', t(key));
      label.htmlFor = id;
      const input = el(type === 'textarea' ? 'textarea' : 'input');
      if (type !== 'textarea') input.type = type;
      if (type === 'number') input.step = '0.5';
      input.id = id;
      input.name = name;
      input.value = value;
      input.disabled = !open;
      wrap.append(label, input);
      return wrap;
    };
    const head = el('h3', '', c.code + ' – ' + c.name);
    head.className = 'criterion__title';
    const region = el('p', 'status');
    region.setAttribute('role', 'status');
    const save = el('button', 'secondary', t('office.criterion_save'));
    save.type = 'submit';
    save.hidden = !open;
    const end = el('div', 'wide');
    end.append(region, save);
    const guidance = field('guidance', 'office.criterion_guidance', 'textarea', c.guidance || '');
    guidance.className = 'wide';
    form.append(head, field('name', 'office.criterion_name', 'text', c.name), field('max_points', 'office.criterion_max', 'number', c.max_points),
      field('sort', 'office.criterion_sort', 'number', c.sort), guidance, end);
    handleSubmit(form, region, async (v) => {
      await pb.collection('criteria').update(c.id, { name: v.name, max_points: Number(v.max_points), sort: Number(v.sort), guidance: v.guidance });
      await criteria();
      say($('criteria-status'), t('office.criterion_saved', { code: c.code }), 'ok');
    });
    return form;
  }));
  $('criterion-add').hidden = !open;
  $('criteria-card').hidden = false;
}

// extensions lists the units' extensions and offers a new one.
async function extensions() {
  const items = await pb.collection('extensions').getFullList({ filter: pb.filter('round = {:r}', { r: round.id }), expand: 'unit', requestKey: null });
  const table = $('extensions');
  const region = $('ext-status');
  headRow(table, ['page.unit', 'office.extension_until', 'office.reason', 'office.col_actions']);
  table.tBodies[0].replaceChildren(...items.map((x) => {
    const tr = el('tr');
    tr.dataset.unit = x.expand && x.expand.unit ? x.expand.unit.code : x.unit;
    const remove = button(t('office.extension_remove'), async () => {
      try {
        await pb.collection('extensions').delete(x.id);
        await extensions();
        say(region, t('office.extension_removed'), 'ok');
      } catch (err) {
        loadError(region, err);
      }
    });
    tr.append(
      cell('page.unit', x.expand && x.expand.unit ? x.expand.unit.name : '', 'list__title'),
      cell('office.extension_until', t('format.last_day', { date: lastDay(x.until) })),
      cell('office.reason', x.reason),
      cell('office.col_actions', remove),
    );
    return tr;
  }));
  table.hidden = items.length === 0;
  if (!items.length) say(region, t('office.extensions_none'));
  const units = await pb.collection('units').getFullList({ filter: 'active = true', sort: 'name', requestKey: null });
  const have = new Set(items.map((x) => x.unit));
  $('ext-unit').replaceChildren(...units.filter((u) => !have.has(u.id)).map((u) => {
    const o = el('option', '', u.name);
    o.value = u.id;
    return o;
  }));
  $('ext-card').hidden = false;
}

// nextRound offers to open year+1 when it does not exist yet.
function nextRound(rounds) {
  const next = round.year + 1;
  const exists = rounds.find((r) => r.year === next);
  const b = $('next-button');
  $('next-hint').textContent = t(exists ? 'office.next_exists' : 'office.next_hint', { year: next });
  b.textContent = t('office.next_button', { year: next });
  b.hidden = !!exists;
  if (exists) {
    const a = el('a', '', t('office.next_open', { year: next }));
    a.href = withYear('/van-phong/cai-dat.html', exists);
    $('next-status').replaceChildren(a);
  }
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      const opened = await ask({
        title: t('office.next_confirm_title', { year: next }),
        intro: t('office.next_confirm', { year: next, from: round.year }),
        submit: t('office.next_button', { year: next }),
      }, () => post('/api/reform/rounds/' + round.year + '/next', {}));
      if (!opened) return;
      const a = el('a', '', t('office.next_open', { year: next }));
      a.href = '/van-phong/cai-dat.html?year=' + next;
      $('next-status').replaceChildren(t('office.next_done', { year: next }) + ' ', a);
      $('next-status').dataset.kind = 'ok';
      b.hidden = true;
    } catch (err) {
      loadError($('next-status'), err);
    } finally {
      b.disabled = false;
    }
  });
  $('next-card').hidden = false;
}

// removeCard offers to remove an open round with nothing in it (opened by
// mistake): no initiative the office can see, no council. Drafts only their
// writers see still hold it: the server then says so in the dialog.
async function removeCard() {
  if (round.status !== 'open') return;
  const [items, councils] = await Promise.all([
    pb.collection('initiatives').getList(1, 1, { filter: pb.filter('round = {:r}', { r: round.id }), fields: 'id', requestKey: null }),
    pb.collection('councils').getList(1, 1, { filter: pb.filter('round = {:r}', { r: round.id }), fields: 'id', requestKey: null }),
  ]);
  if (items.totalItems || councils.totalItems) return;
  const card = el('section', 'card');
  card.id = 'remove-card';
  const region = el('p', 'status');
  region.setAttribute('role', 'status');
  card.append(el('h2', '', t('office.remove_title', { year: round.year })), el('p', 'hint', t('office.remove_hint')), region,
    button(t('office.remove_button', { year: round.year }), async () => {
      const done = await ask({
        title: t('office.remove_confirm_title', { year: round.year }),
        intro: t('office.remove_confirm', { year: round.year }),
        submit: t('office.remove_button', { year: round.year }),
      }, () => pb.send('/api/reform/rounds/' + round.year, { method: 'DELETE' }));
      if (!done) return;
      location.assign('/van-phong/cai-dat.html?removed=' + round.year);
    }, 'secondary danger'));
  $('next-card').after(card);
}

if (new URLSearchParams(location.search).get('removed')) {
  say(status, t('office.removed', { year: new URLSearchParams(location.search).get('removed') }), 'ok');
}
if (!round) {
  noRound(status);
} else {
  handleSubmit($('round-form'), $('round-status'), async (v) => {
    const body = {
      submission_deadline: toInstant(v.submission_deadline), decision_deadline: toInstant(v.decision_deadline),
      threshold: Number(v.threshold), approval_ratio: Number(v.approval_ratio), aggregation: v.aggregation,
    };
    for (const n of ['emulation_quota_met', 'emulation_per_recognized', 'emulation_per_nominated', 'emulation_quota_missed']) body[n] = Number(v[n]);
    Object.assign(round, await pb.collection('rounds').update(round.id, body));
    say($('round-status'), t('office.round_saved'), 'ok');
  });
  handleSubmit($('criterion-form'), $('criterion-status'), async (v) => {
    await pb.collection('criteria').create({ round: round.id, code: v.code, name: v.name, max_points: Number(v.max_points), guidance: v.guidance, sort: 100 });
    $('criterion-form').reset();
    await criteria();
    say($('criterion-status'), t('office.criterion_added'), 'ok');
  });
  handleSubmit($('ext-form'), $('ext-form-status'), async (v) => {
    await pb.collection('extensions').create({ round: round.id, unit: v.unit, until: toInstant(v.until), reason: v.reason });
    $('ext-form').reset();
    await extensions();
    say($('ext-form-status'), t('office.extension_added'), 'ok');
  });
  lastDayHint($('ext-until'), $('ext-until').parentElement.appendChild(el('p', 'hint')));
  try {
    const rounds = await pb.collection('rounds').getFullList({ sort: '-year', requestKey: null });
    roundForm();
    await Promise.all([criteria(), extensions()]);
    nextRound(rounds);
    await removeCard();
    if (!new URLSearchParams(location.search).get('removed')) say(status, '');
  } catch (err) {
    loadError(status, err);
  }
}
ready();
