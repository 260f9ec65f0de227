// documents: the Word documents and the dossier the ward signs, for the
// pages to offer where they belong. documentsFor says which ones a person
// may download (the server decides again: 403 for anyone else), and
// documentButton makes a button that downloads one with the person's token.

import { pb } from './pb.js';
import { t } from './i18n.js';
import { warnUnnamedWard } from './ward-names.js';

// DownloadError is a failed download: the HTTP status (0 when the server
// could not be reached) and the server's JSON answer, if any.
export class DownloadError extends Error {
  constructor(status, body) {
    super(body && body.message || 'download failed');
    this.status = status;
    this.body = body;
  }
}

// has reports whether the signed-in person me holds role.
const has = (me, role) => (me && me.roles || []).includes(role);

// oversees: the secretariat and the chairman read every document.
const oversees = (me) => has(me, 'secretariat') || has(me, 'chairman');

// roundDocuments are a round's documents for the secretariat and the chairman.
export function roundDocuments(me, year) {
  if (!oversees(me)) return [];
  const base = `/api/reform/rounds/${encodeURIComponent(year)}/documents/`;
  return [
    { label: 'doc.decision', path: base + 'decision.docx' },
    { label: 'doc.minutes', path: base + 'minutes.docx' },
    { label: 'doc.city_dossier', path: base + 'city-dossier.zip' },
  ];
}

// memberSheets is a council member's own sheets of a round (or, for the
// secretariat and the chairman, those of member).
export function memberSheets(me, year, member) {
  const own = !member || member === me.id;
  if (own ? !has(me, 'council') : !oversees(me)) return [];
  const q = own ? '' : '?member=' + encodeURIComponent(member);
  return [{ label: own ? 'doc.my_sheets' : 'doc.member_sheets',
    path: `/api/reform/rounds/${encodeURIComponent(year)}/documents/sheets.docx${q}` }];
}

// initiativeDocuments is an initiative's application form: for its
// authors, and once submitted for its unit's head, the secretariat and
// the chairman.
export function initiativeDocuments(me, item) {
  const author = item.owner === me.id || (item.author_users || []).includes(me.id);
  const submitted = item.status !== 'draft';
  const head = has(me, 'unit_head') && me.unit === item.unit;
  if (!author && !(submitted && (head || oversees(me)))) return [];
  return [{ label: 'doc.application', path: `/api/reform/initiatives/${encodeURIComponent(item.id)}/application.docx` }];
}

// sheetDocuments is one score sheet, for its member, and once submitted
// for the secretariat and the chairman.
export function sheetDocuments(me, sheet) {
  if (sheet.member !== me.id && !(oversees(me) && sheet.status === 'submitted')) return [];
  return [{ label: 'doc.sheet', path: `/api/reform/scores/${encodeURIComponent(sheet.id)}/sheet.docx` }];
}

// councilDocuments is the decision establishing a council.
export function councilDocuments(me, council) {
  if (!oversees(me)) return [];
  return [{ label: 'doc.establishment', path: `/api/reform/councils/${encodeURIComponent(council.id)}/establishment.docx` }];
}

// fileName reads the download's name from a Content-Disposition header
// (its RFC 5987 filename* first).
export function fileName(header, fallback) {
  const ext = /filename\*=UTF-8''([^;]+)/i.exec(header || '');
  if (ext) {
    try {
      return decodeURIComponent(ext[1]);
    } catch {
      // a broken name: the plain one below
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header || '');
  return plain ? plain[1] : fallback;
}

// download fetches path with the stored token and saves it under the
// server's file name, which it returns. It throws DownloadError on failure.
export async function download(path) {
  const token = pb.authStore.isValid ? pb.authStore.token : '';
  let res;
  try {
    res = await fetch(path, { headers: token ? { Authorization: token } : {} });
  } catch {
    throw new DownloadError(0, null);
  }
  if (!res.ok) {
    let body = null;
    try {
      body = await res.json();
    } catch {
      // not JSON
    }
    throw new DownloadError(res.status, body);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName(res.headers.get('Content-Disposition'), path.split('/').pop());
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return a.download;
}

// documentButton is a button that downloads doc ({label, path}); a
// failure is said in status (an element), in Vietnamese.
export function documentButton(doc, status) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary';
  button.dataset.document = doc.path;
  button.textContent = t(doc.label);
  // once placed on the page: the warning while the ward's names are unset.
  setTimeout(() => warnUnnamedWard(button));
  button.addEventListener('click', async () => {
    button.disabled = true;
    if (status) status.textContent = t('doc.downloading');
    try {
      await download(doc.path);
      if (status) status.textContent = '';
    } catch (err) {
      const msg = err instanceof DownloadError && err.body && err.body.message;
      if (status) status.textContent = msg || t(err instanceof DownloadError && err.status === 0 ? 'page.network_error' : 'doc.failed');
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
