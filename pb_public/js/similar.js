// similar: the near-duplicate warning of an initiative, where decisions
// are made (the acceptance view, the council's scoring page beside the
// novelty criterion, the secretariat's waiting list). The server compares
// the initiative with every other non-draft initiative of the ward, all
// years, when it is submitted; ≥ 70% is a likely duplicate, 40–70% similar.
// An author's own earlier initiative that was not recognised is shown as a
// resubmission, not as copying. Another unit's text shows only to who may
// read it.

import { pb } from './pb.js';
import { t } from './i18n.js';

// el makes an element with a class and text.
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

// fetchSimilar reads the similar list of initiative id (null when the
// caller may not see it).
export async function fetchSimilar(id) {
  try {
    const res = await pb.send('/api/reform/initiatives/' + encodeURIComponent(id) + '/similar', { requestKey: null });
    return res.items || [];
  } catch (err) {
    if (err && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
}

// label is the badge text of an item: resubmission, likely duplicate or similar.
function label(item) {
  if (item.resubmission) return t('similar.resubmission', { year: item.initiative.year });
  return t('similar.level.' + (item.level || 'low'), { percent: item.similarity });
}

// kind is the badge's colour class.
function kind(item) {
  if (item.resubmission) return 'resubmission';
  return item.level || 'low';
}

// badge is the percentage and label of an item.
export function similarBadge(item) {
  const b = el('span', 'badge similar__badge similar__badge--' + kind(item), item.similarity + '% · ' + label(item));
  return b;
}

// showSimilar fills box with the similar list of initiative id; the box
// stays hidden when the caller may not see it.
export async function showSimilar(box, id) {
  box.hidden = true;
  let items;
  try {
    items = await fetchSimilar(id);
  } catch {
    box.replaceChildren(el('p', 'status', t('similar.error')));
    box.hidden = false;
    return;
  }
  if (items === null) return;
  const title = el('h2', 'similar__title', t('similar.title'));
  if (box.id) title.id = box.id + '-title';
  const shown = items.filter((i) => i.level);
  box.replaceChildren(title);
  if (!shown.length) {
    box.append(el('p', 'muted similar__none', t('similar.none')));
    box.hidden = false;
    return;
  }
  const list = el('ul', 'similar__list');
  for (const item of shown) {
    const li = el('li', 'similar__item');
    const ref = item.initiative;
    const head = el('p', 'similar__head');
    head.append(similarBadge(item), ' ');
    if (ref.id) {
      const a = el('a', '', ref.code + (ref.title ? ' – ' + ref.title : ''));
      a.href = '/sang-kien/xem.html?id=' + encodeURIComponent(ref.id);
      head.append(a);
    } else {
      head.append(el('strong', '', ref.code + (ref.title ? ' – ' + ref.title : '')));
    }
    li.append(head);
    li.append(el('p', 'muted similar__meta', [ref.unit, t('search.year', { year: ref.year }), t('status.' + ref.status)]
      .filter(Boolean).join(' · ')));
    if ((item.passages || []).length) {
      const details = el('details', 'similar__passages');
      details.append(el('summary', '', t('similar.passages', { count: item.passages.length })));
      for (const [ours, theirs] of item.passages) {
        const pair = el('div', 'similar__pair');
        pair.append(el('p', 'similar__ours'), el('p', 'similar__theirs'));
        pair.firstChild.append(el('strong', '', t('similar.ours') + ' '), ours);
        if (theirs) pair.lastChild.append(el('strong', '', t('similar.theirs') + ' '), theirs);
        else pair.lastChild.append(el('em', 'muted', t('similar.theirs_hidden')));
        details.append(pair);
      }
      li.append(details);
    }
    list.append(li);
  }
  box.append(list);
  box.hidden = false;
}

// duplicateText is a table cell's content for a stored top match d
// ({code, year, similarity, level, resubmission} of the round's answers):
// its badge and code, or "—" when none is similar.
export function duplicateText(d) {
  if (!d || !d.level) return '—';
  // one element: a table card's grid puts each child in a column.
  const value = document.createElement('span');
  value.append(similarBadge({ similarity: d.similarity, level: d.level, resubmission: d.resubmission, initiative: { year: d.year } }), ' ', d.code);
  return value;
}
