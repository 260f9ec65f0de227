// initiative/changes: after a returned initiative is submitted again, its
// unit head and the secretariat see what the author changed since it was
// sent back (GET /api/reform/initiatives/{id}/changes): each part of the
// form as it was and as it is now, under the reason it was returned for.

import { pb } from '../pb.js';
import { el } from '../layout.js';
import { t } from '../i18n.js';
import { formatDate, formatDateTime, formatMoney } from '../format.js';
import { wardFields, fieldLabel } from '../ward-lists.js';

// show turns a part's stored value into text a person reads.
function show(field, value, fields) {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length)) return t('staff.doc_empty');
  switch (field) {
    case 'authors':
      return value.map((a) => [a.name, a.position, a.workplace, a.share !== undefined ? a.share + '%' : ''].filter(Boolean).join(', ')).join('\n');
    case 'trial_participants':
      return value.map((p) => [p.name, p.workplace, p.task].filter(Boolean).join(' – ')).join('\n');
    case 'attachments':
      return value.join('\n');
    case 'first_applied':
      return formatDate(value);
    case 'benefit_value':
      return formatMoney(value) + ' ' + t('staff.currency');
    case 'field':
      return fieldLabel(fields, value) || t('changes.unknown_field');
    default:
      return String(value);
  }
}

// changesCard returns the card of what changed since item was last sent
// back, or null when it never was or nothing changed.
export async function changesCard(item) {
  let ans;
  try {
    ans = await pb.send('/api/reform/initiatives/' + encodeURIComponent(item.id) + '/changes', { requestKey: null });
  } catch {
    return null;
  }
  if (!ans.returned_at || ['draft', 'returned'].includes(item.status)) return null;
  const card = el('section', 'card changes');
  card.id = 'changes';
  card.append(el('h2', '', t('changes.title')));
  card.append(el('p', 'hint', t('changes.since', {
    when: formatDateTime(ans.returned_at), who: t('changes.by.' + (ans.action || 'return')), reason: ans.reason || '–',
  })));
  if (!ans.changes.length) {
    card.append(el('p', '', t('changes.none')));
    return card;
  }
  const fields = await wardFields();
  const dl = el('dl', 'changes__list');
  for (const c of ans.changes) {
    const dd = el('dd');
    const before = el('del', 'changes__before', show(c.field, c.before, fields));
    const after = el('ins', 'changes__after', show(c.field, c.after, fields));
    before.setAttribute('aria-label', t('changes.before'));
    after.setAttribute('aria-label', t('changes.after'));
    dd.append(el('span', 'changes__tag', t('changes.before')), before, el('span', 'changes__tag', t('changes.after')), after);
    dl.append(el('dt', '', t('staff.part.' + c.field)), dd);
  }
  card.append(dl);
  return card;
}
