// initiative-view: /sang-kien/xem.html?id=, one initiative read as a clean
// document by anyone allowed to see it. Its author also sees where it
// stands and what comes next, the reason it was returned, the outcome once
// decided (recognised, tier; never the score sheets), and may edit,
// withdraw or delete it as its status allows. A co-author linked to it
// by someone else is told so, and may remove the link to their account.

import { start, ready, el } from '../layout.js';
import { pb, hasRole } from '../pb.js';
import { say } from '../messages.js';
import { t } from '../i18n.js';
import { formatDate } from '../format.js';
import { renderDocument } from '../initiative/doc.js';
import { changesCard } from '../initiative/changes.js';
import { nextStep, statusBadge, confirmDialog, downloadApplication, query, printButton, topMessage, sayDone, sayNotShown } from '../initiative/common.js';
import * as local from '../initiative/draft.js';
import { showSimilar } from '../similar.js';
import { warnUnnamedWard } from '../ward-names.js';

const $ = (id) => document.getElementById(id);
const me = await start();
const status = $('action-status');

// fact appends a term and its value to the facts list.
function fact(term, value) {
  if (!value) return;
  $('facts').append(el('dt', '', term), el('dd', '', value));
}

// act runs an action on the initiative and reloads the page after it.
async function act(path, done) {
  try {
    await pb.send('/api/reform/initiatives/' + encodeURIComponent(rec.id) + path, { method: 'POST', requestKey: null });
    location.replace('/sang-kien/xem.html?id=' + encodeURIComponent(rec.id) + '&' + done + '=1');
  } catch (err) {
    say(status, topMessage(err), 'error');
  }
}

let rec = null;
try {
  rec = await pb.collection('initiatives').getOne(query('id'), { expand: 'unit,field,round', requestKey: null });
  const fieldsById = rec.expand && rec.expand.field ? { [rec.field]: rec.expand.field } : {};
  renderDocument($('document'), rec, fieldsById);
  const mine = rec.owner === me.id;
  const author = mine || (rec.author_users || []).includes(me.id);
  // who acts on a resubmission sees what changed since it was sent back.
  if (!author) {
    const changes = await changesCard(rec);
    if (changes) $('document').before(changes);
  }
  $('code').textContent = rec.code || t('page.no_code');
  $('status').replaceChildren(statusBadge(rec));
  fact(t('page.col_unit'), rec.expand && rec.expand.unit ? rec.expand.unit.name : '');
  fact(t('staff.round'), rec.expand && rec.expand.round ? String(rec.expand.round.year) : '');
  fact(t('staff.created'), formatDate(rec.created));
  fact(t('page.col_submitted'), formatDate(rec.submitted_at) || t('page.not_submitted'));
  const decidedNow = rec.status === 'recognized' || rec.status === 'not_recognized';
  if (author && !decidedNow) $('next').textContent = nextStep(rec);
  if (rec.status === 'returned' && rec.return_reason) {
    $('returned').hidden = false;
    $('returned-reason').textContent = rec.return_reason;
  }
  if (rec.status === 'recognized' || rec.status === 'not_recognized') {
    const box = $('outcome');
    box.hidden = false;
    box.dataset.kind = rec.status;
    box.append(el('h2', '', t('staff.outcome_title')));
    box.append(el('p', 'sk-outcome__value', rec.status === 'recognized'
      ? t('staff.outcome_recognized', { tier: rec.result_tier ? t('report.tier.' + rec.result_tier) : '' })
      : t('staff.outcome_not_recognized')));
  }
  if (mine && ['draft', 'returned'].includes(rec.status)) {
    const edit = $('edit');
    edit.hidden = false;
    edit.href = '/sang-kien/sua.html?id=' + encodeURIComponent(rec.id);
    edit.textContent = rec.status === 'returned' ? t('staff.edit_returned') : t('staff.edit');
  }
  $('withdraw').hidden = !(mine && ['submitted', 'endorsed', 'returned'].includes(rec.status));
  $('delete').hidden = !(mine && rec.status === 'draft');
  // linked by someone else: say so, and offer to refuse the link.
  const linked = !mine && (rec.author_users || []).includes(me.id);
  $('unlink').hidden = !linked;
  if (linked) fact(t('staff.linked'), t('staff.linked_text'));
  $('summary').hidden = false;
  // the similar list: for its authors, the secretariat, the chairman and its council.
  if (rec.status !== 'draft' && (author || ['secretariat', 'chairman', 'council'].some(hasRole))) showSimilar($('similar'), rec.id);
  sayDone($('page-status'), ['da-nop', 'da-rut'], 'staff.done.');
} catch (err) {
  sayNotShown($('page-status'), $('document'), err);
}

$('download').addEventListener('click', async () => {
  say(status, '');
  try {
    await downloadApplication(rec);
  } catch (err) {
    say(status, err.status === 0 ? t('page.network_error') : topMessage(err), 'error');
  }
});

$('withdraw').addEventListener('click', async () => {
  const yes = await confirmDialog({ title: t('staff.withdraw_title'), lines: [t('staff.withdraw_text')], yes: t('staff.withdraw_yes') });
  if (yes) act('/withdraw', 'da-rut');
});

$('unlink').addEventListener('click', async () => {
  const yes = await confirmDialog({ title: t('staff.unlink_title'), lines: [t('staff.unlink_text')], yes: t('staff.unlink_yes') });
  if (!yes) return;
  try {
    await pb.send('/api/reform/initiatives/' + encodeURIComponent(rec.id) + '/unlink-me', { method: 'POST', requestKey: null });
    location.assign('/?da-bo-lien-ket=1');
  } catch (err) {
    say(status, topMessage(err), 'error');
  }
});

$('delete').addEventListener('click', async () => {
  const yes = await confirmDialog({ title: t('staff.delete_title'), lines: [t('staff.delete_text')], yes: t('staff.delete_yes') });
  if (!yes) return;
  try {
    await pb.collection('initiatives').delete(rec.id, { requestKey: null });
    local.drop(me.id, rec.id);
    location.assign('/?da-xoa=1');
  } catch (err) {
    say(status, topMessage(err), 'error');
  }
});

printButton($('download'));
warnUnnamedWard($('download')); // the ward's names unset: the document would show placeholders
ready();
