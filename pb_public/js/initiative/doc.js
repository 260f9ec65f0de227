// initiative/doc: an initiative read as a clean document, in the order of
// the TT18 application form (đơn yêu cầu công nhận sáng kiến). Every value
// a person wrote goes in as text (textContent), never as HTML.

import { el } from '../layout.js';
import { t } from '../i18n.js';
import { formatDate } from '../format.js';
import { fileURL } from '../pb.js';

// TEXT_PARTS are the form's text parts, in the TT18 order, after the
// authors, title, field and first application date.
export const TEXT_PARTS = ['summary', 'current_state', 'solution', 'novelty', 'replicability', 'confidential',
  'conditions', 'benefits', 'benefit_value', 'applied_feedback'];

// section appends a heading and its content to doc (a dash when empty).
function section(doc, label, content) {
  doc.append(el('h3', 'doc__label', label));
  if (content instanceof Node) doc.append(content);
  else doc.append(el('p', content ? 'doc__text' : 'doc__text muted', content || t('staff.doc_empty')));
}

// authorsTable returns the authors as a table (name, birth date, workplace,
// position, qualification, share).
function authorsTable(authors) {
  const table = el('table', 'list doc__authors');
  const head = el('tr');
  for (const k of ['no', 'name', 'birth_date', 'workplace', 'position', 'qualification', 'share']) {
    const th = el('th', '', t('staff.author.' + k));
    th.scope = 'col';
    head.append(th);
  }
  table.createTHead().append(head);
  const body = table.createTBody();
  (authors || []).forEach((a, i) => {
    const tr = el('tr');
    const cells = [String(i + 1), a.name, a.birth_date ? formatDate(a.birth_date) : '', a.workplace, a.position,
      a.qualification, a.share !== undefined && a.share !== '' ? String(a.share).replace('.', ',') + '%' : ''];
    ['no', 'name', 'birth_date', 'workplace', 'position', 'qualification', 'share'].forEach((k, j) => {
      const td = el('td', '', cells[j] || '');
      td.dataset.label = t('staff.author.' + k);
      tr.append(td);
    });
    body.append(tr);
  });
  return table;
}

// participantsList returns the trial participants as a list.
function participantsList(list) {
  if (!Array.isArray(list) || list.length === 0) return null;
  const ul = el('ul', 'doc__list');
  for (const p of list) {
    ul.append(el('li', '', [p.name, p.workplace, p.task].filter(Boolean).join(' – ')));
  }
  return ul;
}

// attachmentsList returns the attached files, each a button that fetches
// a fresh file token and opens the file.
export function attachmentsList(record) {
  const names = record.attachments || [];
  if (names.length === 0) return null;
  const ul = el('ul', 'doc__list');
  for (const name of names) {
    const b = el('button', 'linklike', displayName(name));
    b.type = 'button';
    b.addEventListener('click', async () => {
      const url = await fileURL(record, name);
      window.open(url, '_blank', 'noopener');
    });
    const li = el('li');
    li.append(b);
    ul.append(li);
  }
  return ul;
}

// displayName drops the random suffix PocketBase adds to a stored file name.
export function displayName(name) {
  return String(name).replace(/_[a-z0-9]{10}(\.[a-z0-9]+)$/i, '$1');
}

// renderDocument fills container with record as a document; fieldsById
// maps field ids to the fields' records.
export function renderDocument(container, record, fieldsById = {}) {
  const doc = el('article', 'doc');
  doc.setAttribute('aria-labelledby', 'doc-title');
  doc.append(el('p', 'doc__kicker', t('staff.doc_kicker')));
  const h = el('h2', 'doc__title', record.title || t('staff.untitled'));
  h.id = 'doc-title';
  doc.append(h);
  section(doc, t('staff.part.authors'), authorsTable(record.authors));
  const field = fieldsById[record.field];
  section(doc, t('staff.part.field'), field ? field.code + ') ' + field.name : '');
  section(doc, t('staff.part.first_applied'), formatDate(record.first_applied));
  for (const part of TEXT_PARTS) {
    let v = record[part];
    if (part === 'benefit_value') v = v ? Number(v).toLocaleString('vi-VN') + ' ' + t('staff.currency') : '';
    section(doc, t('staff.part.' + part), v);
  }
  section(doc, t('staff.part.trial_participants'), participantsList(record.trial_participants) || '');
  section(doc, t('staff.part.attachments'), attachmentsList(record) || '');
  container.replaceChildren(doc);
}
