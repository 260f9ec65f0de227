// initiative/common: what the staff and unit-head pages share about an
// initiative: the open round, a unit's deadline (extension included) and
// the days left in Asia/Ho_Chi_Minh, the next step by status, a
// confirmation dialog, the application form's download, and what a page
// showing one initiative says after an act or when it cannot show it.

import { pb, isNetworkError } from '../pb.js';
import { say, messageFor } from '../messages.js';
import { el } from '../layout.js';
import { t } from '../i18n.js';
import { parseDate, daysLeft, dueText } from '../format.js';

export { daysLeft };
import { download } from '../documents.js';
import { confirmDialog as askYesNo, dialogEnd } from '../confirm.js';
import { roundFor } from '../round.js';

// currentRound returns the round a staff page of a person of unitId works
// on (round.js: ?year=, else where their work waits, else the open one).
export async function currentRound(unitId) {
  return (await roundFor(['staff'], { unit: unitId })).round;
}

// unitDeadline returns {until, extended} for unit in round: the round's
// submission deadline, or the unit's extension when it is later.
export async function unitDeadline(round, unitId) {
  const base = parseDate(round.submission_deadline);
  let until = base;
  let extended = false;
  if (unitId) {
    const ext = await pb.collection('extensions').getList(1, 5, {
      filter: pb.filter('round = {:r} && unit = {:u}', { r: round.id, u: unitId }), sort: '-until', requestKey: null,
    });
    const later = ext.items.map((x) => parseDate(x.until)).find((d) => d && (!until || d > until));
    if (later) {
      until = later;
      extended = true;
    }
  }
  return { until, extended };
}

// deadlineSentence says a deadline to a person: "hết ngày 24/09/2027 (còn 5 ngày)"
// (format.js dueText), and that it is the unit's extension.
export function deadlineSentence({ until, extended }) {
  if (!until) return t('staff.deadline_none');
  const text = dueText(until);
  return extended ? text + ' ' + t('staff.deadline_extended') : text;
}

// nextStep says what happens next to an initiative of the given status,
// for its author.
export function nextStep(item) {
  if (item.status === 'recognized') {
    return t('staff.next.recognized', { tier: item.result_tier ? t('report.tier.' + item.result_tier) : '' });
  }
  return t('staff.next.' + item.status);
}

// statusBadge returns the status as a badge (and "late" beside it).
export function statusBadge(item) {
  const span = el('span', 'badges');
  span.append(el('span', 'badge badge--' + item.status, t('status.' + item.status)));
  if (item.late) span.append(' ', el('span', 'badge badge--late', t('page.late')));
  return span;
}

// confirmDialog asks a yes/no question (confirm.js, the pages' one
// confirmation); lines are paragraphs of plain text. It resolves true when
// confirmed. With a reason label, it asks for a reason in its own dialog
// and resolves to the reason (or null when cancelled).
export function confirmDialog({ title, lines = [], yes, no = t('staff.cancel'), reasonLabel = '', validate = null }) {
  if (!reasonLabel) return askYesNo({ title, lines: lines.filter(Boolean), ok: yes, cancel: no });
  return new Promise((resolve) => {
    const dialog = el('dialog', 'dialog');
    dialog.id = 'reason-dialog';
    dialog.setAttribute('aria-labelledby', 'reason-title');
    const form = el('form', 'form');
    form.method = 'dialog';
    form.noValidate = true;
    const h = el('h2', '', title);
    h.id = 'reason-title';
    form.append(h, ...lines.filter(Boolean).map((l) => el('p', '', l)));
    let reason = null;
    if (reasonLabel) {
      const label = el('label', '', reasonLabel);
      label.htmlFor = 'reason-text';
      reason = el('textarea');
      Object.assign(reason, { id: 'reason-text', name: 'reason', rows: 4, required: true, maxLength: 2000 });
      reason.addEventListener('input', () => {
        status.textContent = '';
        reason.removeAttribute('aria-invalid');
      });
      form.append(label, reason);
    }
    const status = el('p', 'status');
    status.id = 'reason-status';
    status.setAttribute('role', 'alert');
    const ok = el('button', '', yes);
    ok.type = 'submit';
    const cancel = el('button', 'secondary', no);
    cancel.type = 'button';
    const row = el('div', 'sk-actions');
    row.append(ok, cancel);
    form.append(status, row);
    dialog.append(form);
    const done = dialogEnd(dialog, resolve);
    cancel.addEventListener('click', () => done(null));
    dialog.addEventListener('cancel', (ev) => { ev.preventDefault(); done(null); });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (reason) {
        const text = reason.value.trim();
        const problem = validate ? validate(text) : '';
        if (problem) {
          status.textContent = problem;
          status.dataset.kind = 'error';
          reason.setAttribute('aria-invalid', 'true');
          reason.setAttribute('aria-describedby', 'reason-status');
          reason.focus();
          return;
        }
        done(text);
      } else {
        done(true);
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    (reason || ok).focus();
  });
}

// downloadApplication saves the application form (.docx) through
// documents.js (the session's token, the server's file name); a failure
// carries the server's answer as err.response, like the SDK's errors.
export async function downloadApplication(item) {
  try {
    await download('/api/reform/initiatives/' + encodeURIComponent(item.id) + '/application.docx');
  } catch (err) {
    throw Object.assign(err, { response: err.body || {} });
  }
}

// printButton puts "In sáng kiến" after the element next: the browser prints
// the initiative as its document (print CSS: A4, the form without the
// page's frame).
export function printButton(next) {
  const b = el('button', 'secondary', t('staff.print'));
  b.type = 'button';
  b.id = 'print';
  b.addEventListener('click', () => print());
  next.after(b);
  return b;
}

// query returns the page's query parameter name ('' when absent).
export function query(name) {
  return new URLSearchParams(location.search).get(name) || '';
}

// topMessage is the one sentence that sums up a failed call.
export function topMessage(err) {
  if (isNetworkError(err)) return t('page.network_error');
  return (err && err.response && err.response.message) || messageFor('internal');
}

// sayDone says in region what the act that brought the person to the page
// did: the act is the one of names the address carries (set by the page
// after it, such as da-nop), its sentence the catalog's prefix + name;
// nothing when the address names none.
export function sayDone(region, names, prefix) {
  const done = names.find((k) => query(k));
  say(region, done ? t(prefix + done) : '', done ? 'ok' : '');
}

// sayNotShown hides doc, the initiative that could not be read, and says
// why in region: not found (or not the person's to see), or the failure.
export function sayNotShown(region, doc, err) {
  doc.hidden = true;
  say(region, err.status === 404 ? t('error.not_found') : topMessage(err), 'error');
}
