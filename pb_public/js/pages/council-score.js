// council-score: /hoi-dong/cham.html?id=ID, a council member scores one
// initiative: the form as its authors wrote it, beside the rubric (stacked
// on a phone); each criterion with its guidance and maximum, points in
// steps of 0.5 and the live total, the vote, a comment. The sheet (a
// `scores` record) is created on the first change and saved as a draft
// after each change (PATCH); submitting asks first, then locks it and
// shows the others' submitted sheets on the initiative. Refusals (points
// out of range, an incomplete sheet, one's own initiative) show at their
// place with the catalog's sentence.

import { start, ready, el } from '../layout.js';
import { pb, fileURL, isNetworkError } from '../pb.js';
import { say, generalMessage, fieldErrors, showFieldError, clearErrors } from '../messages.js';
import { formatDate, formatDateTime, formatTime } from '../format.js';
import { t } from '../i18n.js';
import { confirmDialog } from '../confirm.js';
import { refusal } from '../fields.js';
import { isAuthor, sheetState, formatPoints } from '../council.js';
import { sheetDocuments, documentButton } from '../documents.js';
import { showSimilar } from '../similar.js';

const $ = (id) => document.getElementById(id);
const id = new URLSearchParams(location.search).get('id') || '';
const form = $('form');
const formStatus = $('form-status');
const saveStatus = $('save-status');

let me = null;
let item = null; // the initiative
let criteria = []; // its round's rubric
let sheet = null; // my sheet, once it exists
let locked = false; // submitted, or not mine to score

// the parts of the form, in the order of the official form (TT 18/2013).
const PARTS = [
  ['summary', 'council.part_summary'], ['current_state', 'council.part_current_state'],
  ['solution', 'council.part_solution'], ['novelty', 'council.part_novelty'],
  ['conditions', 'council.part_conditions'], ['benefits', 'council.part_benefits'],
  ['applied_feedback', 'council.part_applied_feedback'], ['replicability', 'council.part_replicability'],
  ['confidential', 'council.part_confidential'],
];

// fact adds a term and its description to the dl.
function fact(dl, key, value) {
  if (value === '' || value === null || value === undefined) return;
  const dd = el('dd');
  if (value instanceof Node) dd.append(value);
  else dd.textContent = value;
  dl.append(el('dt', '', t(key)), dd);
}

// showInitiative fills the left column with the initiative.
async function showInitiative() {
  const unit = item.expand && item.expand.unit;
  const field = item.expand && item.expand.field;
  $('doc-code').textContent = [item.code, item.late ? t('page.late') : ''].filter(Boolean).join(' · ');
  $('doc-title').textContent = item.title;
  const dl = $('doc-facts');
  fact(dl, 'page.col_unit', unit ? unit.name : '');
  fact(dl, 'page.col_field', field ? field.code + ') ' + field.name : '');
  const authors = el('ul', 'authors');
  for (const a of item.authors || []) {
    const parts = [a.name, a.position, a.workplace].filter(Boolean).join(', ');
    authors.append(el('li', '', typeof a.share === 'number' ? parts + ' (' + formatPoints(a.share) + '%)' : parts));
  }
  fact(dl, 'council.authors', authors.childElementCount ? authors : '');
  fact(dl, 'council.first_applied', formatDate(item.first_applied));
  fact(dl, 'page.col_submitted', formatDate(item.submitted_at));
  if (typeof item.benefit_value === 'number' && item.benefit_value > 0) {
    fact(dl, 'council.benefit_value', new Intl.NumberFormat('vi-VN').format(item.benefit_value) + ' đồng');
  }
  const body = $('doc-body');
  for (const [name, key] of PARTS) {
    if (!item[name]) continue;
    const sec = el('section', 'doc-part' + (name === 'confidential' ? ' doc-part--confidential' : ''));
    sec.append(el('h2', '', t(key)));
    for (const para of String(item[name]).split(/\n+/)) sec.append(el('p', '', para));
    body.append(sec);
  }
  const people = item.trial_participants || [];
  if (people.length) {
    const sec = el('section', 'doc-part');
    sec.append(el('h2', '', t('council.part_trial')));
    const ul = el('ul');
    for (const p of people) ul.append(el('li', '', [p.name, p.workplace, p.task].filter(Boolean).join(' – ')));
    sec.append(ul);
    body.append(sec);
  }
  if ((item.attachments || []).length) {
    const sec = el('section', 'doc-part');
    sec.append(el('h2', '', t('council.part_attachments')));
    const ul = el('ul');
    for (const name of item.attachments) {
      const a = el('a', '', name.replace(/_[a-z0-9]{10}(\.[^.]+)$/i, '$1'));
      a.href = '#';
      a.addEventListener('click', async (ev) => {
        ev.preventDefault();
        window.open(await fileURL(item, name), '_blank', 'noopener');
      });
      const li = el('li');
      li.append(a);
      ul.append(li);
    }
    sec.append(ul);
    body.append(sec);
  }
}

// inputOf returns the points input of criterion code.
function inputOf(code) {
  return $('pt-' + code);
}

// buildCriteria puts one block per criterion into the sheet.
function buildCriteria() {
  const box = $('criteria');
  for (const c of criteria) {
    const block = el('div', 'crit');
    const label = el('label', 'crit__name', c.name);
    label.htmlFor = 'pt-' + c.code;
    const max = el('span', 'crit__max', t('council.max_points', { max: formatPoints(c.max_points) }));
    max.id = 'pt-' + c.code + '-max';
    const input = el('input', 'crit__input');
    Object.assign(input, { id: 'pt-' + c.code, name: 'pt-' + c.code, type: 'number', min: '0', max: String(c.max_points), step: '0.5', inputMode: 'decimal' });
    input.dataset.field = 'pt-' + c.code;
    input.dataset.code = c.code;
    const described = [max.id];
    const row = el('div', 'crit__row');
    row.append(input, max);
    block.append(label);
    if (c.guidance) {
      const hint = el('p', 'hint crit__guidance', c.guidance);
      hint.id = 'pt-' + c.code + '-hint';
      described.push(hint.id);
      block.append(hint);
    }
    input.setAttribute('aria-describedby', described.join(' '));
    block.append(row);
    if (c.code === 'novelty') {
      const similar = el('div', 'similar similar--crit');
      block.append(similar);
      showSimilar(similar, item.id);
    }
    box.append(block);
  }
}

// points reads the inputs: {code: number} for every criterion given.
function points() {
  const out = {};
  for (const c of criteria) {
    const v = inputOf(c.code).value.trim().replace(',', '.');
    if (v !== '') out[c.code] = Number(v);
  }
  return out;
}

// vote returns true, false or null (no vote yet).
function vote() {
  const v = form.querySelector('input[name="approve"]:checked');
  return v ? v.value === 'yes' : null;
}

// showTotal writes the live total: the points given out of the maximum.
function showTotal() {
  // only points the rubric allows count (a refused value is marked at its field).
  const pts = points();
  const given = criteria.map((c) => pts[c.code])
    .filter((v, i) => Number.isFinite(v) && v >= 0 && v <= criteria[i].max_points && v * 2 === Math.trunc(v * 2));
  const sum = given.reduce((a, b) => a + b, 0);
  const max = criteria.reduce((a, c) => a + (c.max_points || 0), 0);
  $('total').textContent = t('council.total_value', { total: formatPoints(sum), max: formatPoints(max), given: given.length, count: criteria.length });
}

// fill puts a sheet's values into the form.
function fill(s) {
  for (const c of criteria) {
    const v = s.points && s.points[c.code];
    inputOf(c.code).value = typeof v === 'number' ? String(v) : '';
  }
  if (s.voted || s.status === 'submitted') {
    $('approve-yes').checked = !!s.approve;
    $('approve-no').checked = !s.approve;
  }
  $('comment').value = s.comment || '';
  showTotal();
}

// lock makes the sheet read only, with why.
function lock(text, kind = '') {
  locked = true;
  for (const c of form.elements) c.disabled = true;
  $('submit').hidden = true;
  say($('sheet-state'), text, kind);
}

// showStateLine says where the sheet is.
function showStateLine() {
  if (sheet && sheet.status === 'submitted') {
    lock(t('council.submitted_at', { at: formatDateTime(sheet.submitted_at) }), 'ok');
    // the signed paper form of the sheet (phiếu đánh giá), one click away.
    const docs = sheetDocuments(me, sheet);
    const box = $('sheet-docs');
    const status = el('span', 'muted');
    box.replaceChildren(...docs.map((d) => documentButton(d, status)), status);
    box.hidden = docs.length === 0;
  } else if (sheet && sheet.reopen_reason) {
    say($('sheet-state'), t('council.reopened', { reason: sheet.reopen_reason }));
  } else {
    say($('sheet-state'), sheet ? t('council.sheet_draft_hint') : t('council.sheet_new_hint'));
  }
}

// showAt shows text under a criterion's block (or the vote), linked to its input.
function showAt(control, text) {
  showFieldError(control, text);
  const block = control.closest('.crit');
  if (block) block.append($(control.id + '-error'));
}

// placeError shows a failed save or submit at its place: points out of
// range under the criterion, the missing parts of an incomplete sheet
// under each one, the rest in the form's status line.
function placeError(err) {
  clearErrors(form);
  const errs = fieldErrors(err);
  let general = generalMessage(err);
  for (const e of errs) {
    if (e.field !== 'points') continue;
    const data = err.response.data.points;
    if (e.code === 'score_incomplete') {
      const missing = (data.params && data.params.missing) || [];
      for (const code of missing) {
        if (code === 'approve') showAt($('vote'), t('council.missing_vote'));
        else if (inputOf(code)) showAt(inputOf(code), t('council.missing_points'));
      }
      general = data.message || general;
    } else if (e.code === 'score_out_of_range' || e.code === 'invalid_number') {
      // the server names the criterion; the input is the one whose value is off.
      const bad = criteria.find((c) => {
        const v = points()[c.code];
        return v !== undefined && (!Number.isFinite(v) || v < 0 || v > c.max_points || v * 2 !== Math.trunc(v * 2));
      });
      if (bad) showAt(inputOf(bad.code), data.message || e.text);
      general = t('council.not_saved');
    }
  }
  if (errs.some((e) => e.field === 'initiative' || e.field === 'round')) {
    const e = errs.find((x) => x.field === 'initiative' || x.field === 'round');
    lock(e.text, 'error');
    general = '';
  }
  say(formStatus, general, general ? 'error' : '');
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) (first.matches('fieldset') ? first.querySelector('input') : first).focus();
}

// the draft's autosave: one save at a time; a change while saving saves again after.
let saving = null;
let unsaved = false; // a change the server has not got yet
let retry = 0; // the timer of the next try after a network failure
let again = false;
let timer = 0;

// body is what a save sends: the points given, the vote once cast, the comment.
function body() {
  const b = { points: points(), comment: $('comment').value };
  const v = vote();
  if (v !== null) b.approve = v;
  return b;
}

// findSheet reads my sheet on the initiative from the server (null when none).
async function findSheet() {
  const list = await pb.collection('scores').getList(1, 1, {
    filter: pb.filter('initiative = {:i} && member = {:me}', { i: id, me: me.id }), requestKey: null,
  });
  return list.items[0] || null;
}

// saveOnce creates the sheet (first change) or updates it.
async function saveOnce() {
  const b = body();
  if (!sheet) {
    try {
      sheet = await pb.collection('scores').create({ initiative: id, ...b }, { requestKey: null });
      return;
    } catch (err) {
      // another tab made it meanwhile: update that one.
      if (!(fieldErrors(err).some((e) => e.code === 'duplicate_sheet'))) throw err;
      sheet = await findSheet();
      if (!sheet) throw err;
    }
  }
  sheet = await pb.collection('scores').update(sheet.id, b, { requestKey: null });
}

// save runs the autosave now; it resolves true once everything typed is saved.
function save() {
  clearTimeout(timer);
  timer = 0;
  if (locked) return Promise.resolve(false);
  if (saving) {
    again = true;
    return saving;
  }
  say(saveStatus, t('council.saving'));
  clearTimeout(retry);
  saving = (async () => {
    try {
      do {
        again = false;
        await saveOnce();
      } while (again);
      unsaved = false;
      clearErrors(form);
      say(formStatus, '');
      say(saveStatus, t('council.saved_at', { time: formatTime(new Date()) }));
      showStateLine();
      return true;
    } catch (err) {
      say(saveStatus, '');
      if (isNetworkError(err)) {
        // nothing typed is lost: it is sent again when the network is back.
        say(formStatus, t('council.offline_unsaved'), 'error');
        retry = setTimeout(() => unsaved && save(), 3000);
      } else {
        placeError(err);
      }
      return false;
    } finally {
      saving = null;
    }
  })();
  return saving;
}

// later saves a moment after the last keystroke.
function later() {
  clearTimeout(timer);
  timer = setTimeout(save, 600);
}

// submit asks, saves what is typed, and hands the sheet in.
async function submit() {
  clearErrors(form);
  say(formStatus, '');
  const v = vote();
  // what the server would refuse (a criterion without points, no vote,
  // text that is not a number) is said at its place instead of asking.
  const pts = points();
  const missing = criteria.filter((c) => pts[c.code] === undefined);
  const unread = refusal(form);
  for (const c of missing) if (!inputOf(c.code)._shown || !inputOf(c.code)._shown.dataset.invalid) showAt(inputOf(c.code), t('council.missing_points'));
  if (v === null) showAt($('vote'), t('council.missing_vote'));
  if (missing.length || v === null || unread) {
    const names = [...missing.map((c) => c.name), ...(v === null ? [t('score.approve')] : [])];
    say(formStatus, names.length ? t('council.fix_first', { missing: names.join(', ') }) : t('msg.check_fields'), 'error');
    const first = form.querySelector('[aria-invalid="true"]');
    if (first) (first.matches('fieldset') ? first.querySelector('input') : first).focus();
    return;
  }
  const ok = await confirmDialog({
    title: t('council.confirm_title'),
    lines: [
      t('council.confirm_total', { total: $('total').textContent }),
      t(v ? 'council.confirm_yes' : 'council.confirm_no'),
      t('council.confirm_final'),
    ],
    ok: t('council.confirm_ok'),
    cancel: t('council.confirm_cancel'),
  });
  if (!ok) {
    $('submit').focus();
    return;
  }
  $('submit').disabled = true;
  try {
    if (!(await save())) return;
    sheet = await pb.send('/api/reform/scores/' + encodeURIComponent(sheet.id) + '/submit', {
      method: 'POST', body: v === null ? {} : { approve: v }, requestKey: null,
    });
    fill(sheet);
    showStateLine();
    say(saveStatus, '');
    await showOthers();
    // the focus goes to what changed: the sheet's line saying it is submitted.
    $('sheet-state').tabIndex = -1;
    $('sheet-state').focus();
  } catch (err) {
    placeError(err);
  } finally {
    $('submit').disabled = false;
  }
}

// showOthers lists every submitted sheet on the initiative (mine marked),
// which the server shows only once mine is submitted.
async function showOthers() {
  const list = await pb.collection('scores').getFullList({
    filter: pb.filter('initiative = {:i} && status = "submitted"', { i: id }), expand: 'member', requestKey: null,
  });
  list.sort((a, b) => String(a.submitted_at).localeCompare(String(b.submitted_at)));
  const table = $('others-table');
  const thead = el('thead');
  const hr = el('tr');
  const heads = [t('council.col_member'), ...criteria.map((c) => c.name), t('council.col_total'), t('council.col_vote'), t('council.comment')];
  for (const h of heads) {
    const th = el('th', '', h);
    th.scope = 'col';
    hr.append(th);
  }
  thead.append(hr);
  const tbody = el('tbody');
  for (const s of list) {
    const tr = el('tr');
    const who = s.expand && s.expand.member ? s.expand.member.name : '';
    const td = (label, value, cls) => {
      const c = el('td', cls, value);
      c.dataset.label = label;
      return c;
    };
    tr.append(td(heads[0], s.member === me.id ? t('council.me', { name: who }) : who, 'list__title'));
    criteria.forEach((c, i) => tr.append(td(heads[1 + i], formatPoints((s.points || {})[c.code]), 'num')));
    tr.append(td(heads[criteria.length + 1], formatPoints(s.total), 'num'),
      // a secret ballot: the server sends no one else's vote.
      td(heads[criteria.length + 2], 'approve' in s ? t(s.approve ? 'council.vote_yes_short' : 'council.vote_no_short') : t('council.vote_secret'), 'nowrap'),
      td(heads[criteria.length + 3], s.comment || ''));
    tbody.append(tr);
  }
  table.replaceChildren(thead, tbody);
  $('others-status').textContent = t('council.others_count', { count: list.length });
  $('others').hidden = false;
}

// main loads the initiative, its rubric, my seat and my sheet, and shows
// what the server would refuse before anyone types.
async function main() {
  me = await start({ roles: ['council'] });
  try {
    item = await pb.collection('initiatives').getOne(id, { expand: 'unit,field,round', requestKey: null });
  } catch (err) {
    say($('page-status'), err && err.status === 404 ? t('council.not_found') : generalMessage(err), 'error');
    return;
  }
  try {
    const round = item.expand && item.expand.round;
    // approval by score: the total is the vote, the sheet holds none.
    if (round && round.approval_basis === 'score') {
      $('vote').hidden = true;
      $('vote').after(el('p', 'hint', t('council.vote_by_score', { threshold: round.threshold })));
    } else if (round && round.voting === 'secret') {
      $('vote').after(el('p', 'hint', t('council.vote_secret_hint')));
    }
    const [crit, seats, mine] = await Promise.all([
      pb.collection('criteria').getFullList({ filter: pb.filter('round = {:r}', { r: item.round }), sort: 'sort,code', requestKey: null }),
      item.council ? pb.collection('council_members').getFullList({
        filter: pb.filter('council = {:c} && user = {:me}', { c: item.council, me: me.id }), requestKey: null,
      }) : [],
      findSheet(),
    ]);
    criteria = crit;
    sheet = mine;
    document.title = t('council.score_title') + ': ' + item.title;
    await showInitiative();
    buildCriteria();
    if (sheet) fill(sheet);
    else showTotal();
    $('layout').hidden = false;
    say($('page-status'), '');
    showStateLine();
    if (isAuthor(item, me.id)) lock(t('error.conflict_of_interest'), 'error');
    else if (!seats.some((s) => s.votes)) lock(t('error.not_council_member'), 'error');
    else if (round && round.status !== 'review' && sheetState(sheet) !== 'submitted') {
      lock(t('error.round_not_in_review', { year: round.year }), 'error');
    }
    if (sheetState(sheet) === 'submitted') await showOthers();
  } catch (err) {
    say($('page-status'), generalMessage(err), 'error');
  }
}

form.addEventListener('input', (ev) => {
  unsaved = true;
  if (ev.target.matches('.crit__input')) {
    showTotal();
    clearErrors(form);
  }
  if (ev.target.matches('.crit__input, textarea')) later();
});
form.addEventListener('change', (ev) => {
  if (ev.target.name === 'approve') {
    unsaved = true;
    clearErrors(form);
    save();
  }
});
form.addEventListener('focusout', (ev) => {
  if (ev.target.matches('.crit__input, textarea') && timer) save();
});
addEventListener('online', () => {
  if (unsaved) save();
});
await main();
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (!locked) submit();
});
ready();
