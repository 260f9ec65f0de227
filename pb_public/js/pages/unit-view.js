// unit-view: /don-vi/xem.html?id=, a unit head reads one of the unit's
// initiatives and endorses it (the unit sends it to the ward; from the
// unit's deadline on it is marked late, and the confirmation says so) or
// sends it back to the author with a reason.

import { start, ready, el } from '../layout.js';
import { pb } from '../pb.js';
import { say } from '../messages.js';
import { t } from '../i18n.js';
import { formatDate } from '../format.js';
import { renderDocument } from '../initiative/doc.js';
import { changesCard } from '../initiative/changes.js';
import { statusBadge, confirmDialog, downloadApplication, query, unitDeadline, deadlineSentence, daysLeft, printButton, topMessage, sayDone, sayNotShown } from '../initiative/common.js';
import { warnUnnamedWard } from '../ward-names.js';

const $ = (id) => document.getElementById(id);
const me = await start({ roles: ['unit_head'] });
const status = $('action-status');

// fact appends a term and its value to the facts list.
function fact(term, value) {
  if (value) $('facts').append(el('dt', '', term), el('dd', '', value));
}

// act sends an action, then shows the initiative as it now stands.
async function act(path, body, done) {
  try {
    await pb.send('/api/reform/initiatives/' + encodeURIComponent(rec.id) + path, { method: 'POST', body, requestKey: null });
    location.replace('/don-vi/xem.html?id=' + encodeURIComponent(rec.id) + '&' + done + '=1');
    return '';
  } catch (err) {
    return topMessage(err);
  }
}

let rec = null;
let deadline = null;
try {
  rec = await pb.collection('initiatives').getOne(query('id'), { expand: 'unit,field,round', requestKey: null });
  renderDocument($('document'), rec, rec.expand && rec.expand.field ? { [rec.field]: rec.expand.field } : {});
  const changes = await changesCard(rec);
  if (changes) $('document').before(changes);
  $('code').textContent = rec.code || t('page.no_code');
  $('status').replaceChildren(statusBadge(rec));
  fact(t('page.col_unit'), rec.expand && rec.expand.unit ? rec.expand.unit.name : '');
  fact(t('page.col_submitted'), formatDate(rec.submitted_at));
  fact(t('head.endorsed_at'), formatDate(rec.endorsed_at));
  if (rec.return_reason && rec.status === 'returned') fact(t('head.returned_reason'), rec.return_reason);
  deadline = await unitDeadline(rec.expand.round, rec.unit);
  $('deadline-text').textContent = t('head.deadline_line', { year: rec.expand.round.year, deadline: deadlineSentence(deadline) });
  $('actions').hidden = rec.status !== 'submitted';
  $('summary').hidden = false;
  sayDone($('page-status'), ['da-de-xuat', 'da-tra-lai'], 'head.done.');
} catch (err) {
  sayNotShown($('page-status'), $('document'), err);
}

$('endorse').addEventListener('click', async () => {
  say(status, '');
  const late = deadline && deadline.until && daysLeft(deadline.until) < 0;
  const yes = await confirmDialog({
    title: t('head.endorse_title', { code: rec.code || '' }),
    lines: [t('head.endorse_text'), late ? t('head.endorse_late', { deadline: deadlineSentence(deadline) }) : t('head.endorse_on_time', { deadline: deadlineSentence(deadline) })],
    yes: t('head.endorse_yes'),
  });
  if (!yes) return;
  const problem = await act('/endorse', {}, 'da-de-xuat');
  if (problem) say(status, problem, 'error');
});

$('send-back').addEventListener('click', async () => {
  say(status, '');
  const reason = await confirmDialog({
    title: t('head.send_back_title'),
    lines: [t('head.send_back_text')],
    yes: t('head.send_back_yes'),
    reasonLabel: t('head.reason'),
    validate: (text) => (text ? '' : t('error.reason_required')),
  });
  if (reason === null) return;
  const problem = await act('/send-back', { reason }, 'da-tra-lai');
  if (problem) say(status, problem, 'error');
});

$('download').addEventListener('click', async () => {
  say(status, '');
  try {
    await downloadApplication(rec);
  } catch (err) {
    say(status, topMessage(err), 'error');
  }
});

printButton($('download'));
warnUnnamedWard($('download')); // the ward's names unset: the document would show placeholders
ready();
