// initiative-form: /sang-kien/moi.html and /sang-kien/sua.html?id=, the
// official application (TT18 order) written by its author. Both addresses
// serve moi.html; with an id the page is the edit page. Drafts save
// themselves a few seconds after typing stops; until the server has the
// text, a local copy is kept (initiative/draft.js) and offered back on
// return. Submit asks for confirmation; the server's problems are listed
// with links to their fields.

import { start, ready, el } from '../layout.js';
import { pb, isNetworkError } from '../pb.js';
import { say, clearErrors, showFieldError, messageFor } from '../messages.js';
import { t } from '../i18n.js';
import { formatTime, formatDateTime, formatDate } from '../format.js';
import { currentRound, unitDeadline, deadlineSentence, confirmDialog, query } from '../initiative/common.js';
import { refusal } from '../fields.js';
import { daysLeft } from '../format.js';
import { AuthorsEditor } from '../initiative/authors.js';
import { ParticipantsEditor } from '../initiative/participants.js';
import { Attachments } from '../initiative/files.js';
import * as local from '../initiative/draft.js';

const $ = (id) => document.getElementById(id);
const AUTOSAVE_MS = 2500;
const RETRY_MS = 10000;
const TEXTS = ['title', 'summary', 'current_state', 'solution', 'novelty', 'replicability', 'confidential',
  'conditions', 'benefits', 'applied_feedback'];
const EDITABLE = ['draft', 'returned'];

const me = await start({ roles: ['staff'] });
const form = $('form');
const saveStatus = $('save-status');
const submitStatus = $('submit-status');
const pageStatus = $('page-status');
let record = null;
let round = null;
let deadline = null;

// showEditing names the page as the edit page (heading and title).
function showEditing() {
  $('form-heading').textContent = document.title = t('staff.form_edit_title');
}
if (query('id')) showEditing();

// serverText is the Vietnamese sentence of one field error.
const serverText = (v) => v.message || messageFor(v.code);

// ---- values of the form ----

// wardDate turns a stored date into the yyyy-mm-dd of a date input.
function wardDate(value) {
  const d = formatDate(value);
  return d ? d.split('/').reverse().join('-') : '';
}

// values returns what the form holds, in the order of the fields.
function values() {
  const v = {};
  for (const k of TEXTS) v[k] = form.elements[k].value;
  v.field = form.elements.field.value;
  v.first_applied = form.elements.first_applied.value;
  v.benefit_value = form.elements.benefit_value.value.trim();
  v.authors = authors.value();
  v.trial_participants = participants.value();
  return v;
}

// money reads "12.000.000" or "12 000 000" as a number; the text as typed
// when it is not one (the server then says why).
function money(text) {
  if (text === '') return null;
  const s = text.replace(/[\s.]/g, '').replace(',', '.');
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : text;
}

// body is the CRUD body for values v.
function body(v) {
  const b = {};
  for (const k of TEXTS) b[k] = v[k];
  b.field = v.field;
  // noon in Hà Nội: the day is the same in every zone that reads it
  b.first_applied = v.first_applied ? v.first_applied + ' 05:00:00.000Z' : '';
  b.benefit_value = money(v.benefit_value);
  b.authors = v.authors;
  b.trial_participants = v.trial_participants;
  return b;
}

// fill puts values v into the form.
function fill(v) {
  for (const k of TEXTS) form.elements[k].value = v[k] || '';
  form.elements.field.value = v.field || '';
  form.elements.first_applied.value = v.first_applied || '';
  form.elements.benefit_value.value = v.benefit_value || '';
  authors.set(v.authors);
  participants.set(v.trial_participants);
  describeField();
}

// fromRecord returns a record's values in the form's terms.
function fromRecord(r) {
  const v = {};
  for (const k of TEXTS) v[k] = r[k] || '';
  v.field = r.field || '';
  v.first_applied = wardDate(r.first_applied);
  v.benefit_value = r.benefit_value ? String(r.benefit_value) : '';
  v.authors = r.authors || [];
  v.trial_participants = r.trial_participants || [];
  return v;
}

// ---- messages at their fields ----

// controlFor returns the element a server field error belongs at.
function controlFor(field, text) {
  if (field === 'authors') {
    const n = /thứ (\d+)/.exec(text || '');
    return (n && authors.rowControl(Number(n[1]))) || $('authors-sum');
  }
  if (field === 'trial_participants') return $('participants').querySelector('legend');
  return form.elements[field] instanceof Element ? form.elements[field] : null;
}

// placeErrors shows err's field errors at their fields (no focus move)
// and returns [{control, text}] of those placed and the texts unplaced.
function placeErrors(err) {
  const data = (err && err.response && err.response.data) || {};
  const placed = [];
  const unplaced = [];
  for (const [field, v] of Object.entries(data)) {
    if (!v || !v.code) continue;
    const text = serverText(v);
    const control = controlFor(field, text);
    if (control) {
      showFieldError(control, text);
      placed.push({ control, text });
    } else {
      unplaced.push(text);
    }
  }
  return { placed, unplaced };
}

// topMessage is the one sentence that sums up a failed call.
function topMessage(err) {
  if (isNetworkError(err)) return t('page.network_error');
  const body = (err && err.response) || {};
  return body.message || messageFor('internal');
}

// showProblems lists the placed problems with links to their fields.
function showProblems(placed) {
  const box = $('problems');
  const items = placed.map(({ control, text }) => {
    const a = el('a', '', text);
    a.href = '#' + control.id;
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      control.scrollIntoView({ block: 'center' });
      control.focus();
    });
    const li = el('li');
    li.append(a);
    return li;
  });
  $('problems-list').replaceChildren(...items);
  box.hidden = items.length === 0;
  if (items.length) box.focus();
}

// clearAt removes the message at control and its entry in the problems list.
function clearAt(control) {
  if (!control) return;
  const id = control.id + '-error';
  const p = document.getElementById(id);
  if (p) p.remove();
  control.removeAttribute('aria-invalid');
  const rest = (control.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== id);
  if (rest.length) control.setAttribute('aria-describedby', rest.join(' '));
  else control.removeAttribute('aria-describedby');
  for (const a of $('problems-list').querySelectorAll('a')) {
    if (a.getAttribute('href') === '#' + control.id) a.parentElement.remove();
  }
  if (!$('problems-list').children.length) $('problems').hidden = true;
}

// clearEdited removes the messages an edit of target may have answered:
// its own, and for an author's part the sum's and that row's.
function clearEdited(target) {
  clearAt(target);
  const row = target.closest && target.closest('.author');
  if (row) {
    clearAt($('authors-sum'));
    clearAt(row.querySelector('[data-part=user]'));
  }
}

let autosavePlaced = []; // the controls showing the last autosave's refusal

// ---- autosave ----

let dirty = false;
let saving = null;
let again = false;
let timer = 0;
let retry = 0;

// edited marks the form changed: the local copy now, the server soon.
function edited() {
  dirty = true;
  local.keep(me.id, record && record.id, values());
  clearTimeout(timer);
  timer = setTimeout(save, AUTOSAVE_MS);
  say(saveStatus, t('staff.save.pending'));
}

// saved is what happens once the server has record.
function saved(rec, v) {
  const created = !record;
  record = rec;
  if (created) {
    local.drop(me.id, null);
    history.replaceState(null, '', '/sang-kien/sua.html?id=' + encodeURIComponent(rec.id));
    showEditing();
    showButtons();
  }
  files.show(rec, true);
  if (local.same(values(), v)) {
    dirty = false;
    local.drop(me.id, rec.id);
  } else {
    local.keep(me.id, rec.id, values());
  }
}

// save sends the form to the server (creating the draft the first time;
// that needs a title). It resolves to the record, or null when not saved.
async function save() {
  clearTimeout(timer);
  if (saving) {
    again = true;
    return saving;
  }
  const v = values();
  if (!record && !v.title.trim()) {
    say(saveStatus, t('staff.save.need_title'));
    return null;
  }
  saving = (async () => {
    say(saveStatus, t('staff.save.saving'));
    try {
      const b = body(v);
      const rec = record
        ? await pb.collection('initiatives').update(record.id, b, { requestKey: null })
        : await pb.collection('initiatives').create({ ...b, round: round.id }, { requestKey: null });
      saved(rec, v);
      for (const c of autosavePlaced) clearAt(c);
      autosavePlaced = [];
      clearInterval(retry);
      retry = 0;
      say(saveStatus, t('staff.save.saved', { time: formatTime(new Date()) }), 'ok');
      if (pageStatus.textContent === t('staff.restored')) say(pageStatus, '');
      return rec;
    } catch (err) {
      if (isNetworkError(err)) {
        say(saveStatus, t('staff.save.offline'), 'error');
        if (!retry) retry = setInterval(() => { if (dirty) save(); }, RETRY_MS);
      } else {
        for (const c of autosavePlaced) clearAt(c);
        const { placed, unplaced } = placeErrors(err);
        autosavePlaced = placed.map((x) => x.control);
        say(saveStatus, [t('staff.save.failed'), ...new Set([topMessage(err), ...unplaced])].join(' '), 'error');
      }
      return null;
    } finally {
      saving = null;
      if (again) {
        again = false;
        if (dirty) timer = setTimeout(save, 0);
      }
    }
  })();
  return saving;
}

// flush saves now what is not yet on the server.
async function flush() {
  clearTimeout(timer);
  if (saving) await saving;
  if (dirty || !record) await save();
  return record;
}

addEventListener('online', () => { if (dirty) save(); });
addEventListener('pagehide', () => { if (dirty) local.keep(me.id, record && record.id, values()); });

// ---- the page ----

// showButtons shows what the author may do with the saved record.
function showButtons() {
  const del = $('delete');
  del.hidden = !record || record.status !== 'draft';
  const preview = $('preview');
  preview.hidden = !record;
  if (record) preview.href = '/sang-kien/xem.html?id=' + encodeURIComponent(record.id);
  if (record && record.status === 'returned') $('submit').textContent = t('staff.submit_again');
}

// describeField shows the directive's description of the chosen field.
function describeField() {
  const f = fieldsById[form.elements.field.value];
  $('field-description').textContent = f ? f.description || '' : '';
}

// offerLocalCopy offers a local copy that the server does not have.
function offerLocalCopy(serverValues) {
  const copy = local.read(me.id, record && record.id);
  if (!copy || local.same(copy.values, serverValues)) {
    if (copy) local.drop(me.id, record && record.id);
    return;
  }
  $('restore-text').textContent = t('staff.restore_text', { time: formatDateTime(copy.at) });
  $('restore').hidden = false;
  $('restore-yes').addEventListener('click', () => {
    fill(copy.values);
    $('restore').hidden = true;
    edited();
    say(pageStatus, t('staff.restored'), 'ok');
    form.elements.title.focus();
  }, { once: true });
  $('restore-no').addEventListener('click', () => {
    local.drop(me.id, record && record.id);
    $('restore').hidden = true;
    say(pageStatus, t('staff.restore_dropped'));
  }, { once: true });
}

const authors = new AuthorsEditor($('authors'), [], edited);
const participants = new ParticipantsEditor($('participants'), edited);
const files = new Attachments($('files'), flush, (rec) => {
  record = { ...record, attachments: rec.attachments, updated: rec.updated };
  files.show(record, true);
});
let fieldsById = {};

try {
  const id = query('id');
  const [fieldList, users, rec] = await Promise.all([
    pb.collection('fields').getFullList({ sort: 'sort', requestKey: null }),
    pb.collection('users').getFullList({ sort: 'name', expand: 'unit', requestKey: null, batch: 500 }),
    id ? pb.collection('initiatives').getOne(id, { expand: 'round', requestKey: null }) : null,
  ]);
  fieldsById = Object.fromEntries(fieldList.map((f) => [f.id, f]));
  const select = form.elements.field;
  select.append(new Option(t('staff.field_choose'), ''), ...fieldList.map((f) => new Option(f.code + ') ' + f.name, f.id)));
  select.addEventListener('change', describeField);
  authors.accounts = users.map((u) => ({ id: u.id, name: u.name, position: u.position, unitName: u.expand && u.expand.unit ? u.expand.unit.name : '' }));
  if (rec && (rec.owner !== me.id || !EDITABLE.includes(rec.status))) {
    location.replace('/sang-kien/xem.html?id=' + encodeURIComponent(rec.id));
    await new Promise(() => {});
  }
  record = rec;
  round = rec ? rec.expand.round : await currentRound(me.unit);
  if (!round || (!rec && round.status !== 'open')) throw Object.assign(new Error('no round'), { noRound: true });
  deadline = await unitDeadline(round, rec ? rec.unit : me.unit);
  $('deadline-line').textContent = t('staff.form_deadline', { year: round.year, deadline: deadlineSentence(deadline) });
  if (rec) {
    fill(fromRecord(rec));
    files.show(rec, true);
    if (rec.status === 'returned') {
      $('returned').hidden = false;
      $('returned-reason').textContent = rec.return_reason || '';
    }
  } else {
    const unit = me.expand && me.expand.unit ? me.expand.unit.name : '';
    fill({ authors: [{ name: me.name, position: me.position, workplace: unit, share: 100, user: me.id }] });
    files.show(null, true);
  }
  offerLocalCopy(values());
  showButtons();
  form.addEventListener('input', (ev) => { if (ev.target.type !== 'file') { clearEdited(ev.target); edited(); } });
  form.addEventListener('change', (ev) => { if (ev.target.tagName === 'SELECT' || ev.target.type === 'date') { clearEdited(ev.target); edited(); } });
  say(pageStatus, '');
} catch (err) {
  form.hidden = true;
  say(pageStatus, err.noRound ? t('staff.no_round') : err.status === 404 ? t('error.not_found') : topMessage(err), 'error');
}

// Enter in a one-line field must not submit the whole application.
for (const type of ['keydown', 'keypress']) {
  form.addEventListener(type, (ev) => {
    if (ev.key === 'Enter' && ev.target.tagName === 'INPUT' && ev.target.type !== 'file') ev.preventDefault();
  });
}

// submit: save, confirm what gets locked and until when, then submit.
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  $('problems').hidden = true;
  clearErrors(form);
  say(submitStatus, '');
  const button = $('submit');
  button.disabled = true;
  try {
    await flush();
    if (!record) {
      showFieldError(form.elements.title, t('error.incomplete.title'));
      form.elements.title.focus();
      return;
    }
    if (dirty) {
      say(submitStatus, t('staff.submit_unsaved'), 'error');
      return;
    }
    // what the server would refuse is said instead of asking.
    const unread = refusal(form);
    if (unread) {
      say(submitStatus, t('msg.check_fields'), 'error');
      return;
    }
    if (round && round.status !== 'open') {
      say(submitStatus, t('error.round_closed', { status: t('round_status.' + round.status) }), 'error');
      return;
    }
    if (deadline && deadline.until && daysLeft(deadline.until) < 0) {
      say(submitStatus, t('error.deadline_passed', { deadline: deadlineSentence(deadline) }) + ' ' + t('staff.submit_too_late'), 'error');
      return;
    }
    const yes = await confirmDialog({
      title: t('staff.submit_confirm_title'),
      lines: [t('staff.submit_confirm_lock'), t('staff.submit_confirm_until', { deadline: deadlineSentence(deadline) })],
      yes: t('staff.submit_yes'),
    });
    if (!yes) return;
    await pb.send('/api/reform/initiatives/' + encodeURIComponent(record.id) + '/submit', { method: 'POST', requestKey: null });
    local.drop(me.id, record.id);
    location.assign('/sang-kien/xem.html?id=' + encodeURIComponent(record.id) + '&da-nop=1');
  } catch (err) {
    const { placed, unplaced } = placeErrors(err);
    say(submitStatus, [...new Set([topMessage(err), ...unplaced])].join(' '), 'error');
    showProblems(placed);
    if (!placed.length) submitStatus.focus();
  } finally {
    button.disabled = false;
  }
});

// delete: a draft goes away, after confirmation.
$('delete').addEventListener('click', async () => {
  const yes = await confirmDialog({ title: t('staff.delete_title'), lines: [t('staff.delete_text')], yes: t('staff.delete_yes') });
  if (!yes) return;
  try {
    clearTimeout(timer);
    await pb.collection('initiatives').delete(record.id, { requestKey: null });
    local.drop(me.id, record.id);
    dirty = false;
    location.assign('/?da-xoa=1');
  } catch (err) {
    say(submitStatus, topMessage(err), 'error');
  }
});

ready();
