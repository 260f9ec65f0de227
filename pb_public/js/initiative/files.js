// initiative/files: the attachments of the form. The limits are shown
// before upload and checked here first (PDF, DOCX, XLSX, JPG, PNG; 10 MB a
// file; 10 files); each file goes up by itself with a direct XHR PATCH
// (the SDK's FormData update reports no progress) so a progress bar
// shows; a file can be removed.

import { pb } from '../pb.js';
import { el } from '../layout.js';
import { t } from '../i18n.js';
import { messageFor, showFieldError, clearErrors } from '../messages.js';
import { displayName } from './doc.js';

export const MAX_FILES = 10;
export const MAX_BYTES = 10 * 1024 * 1024;
const TYPES = ['pdf', 'docx', 'xlsx', 'jpg', 'jpeg', 'png'];

// sizeText shows a byte count as "2,4 MB".
function sizeText(bytes) {
  return (bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 }) + ' MB';
}

// uploadOne sends file as one more attachment of record id, reporting
// progress(0..100); it resolves to the updated record.
function uploadOne(id, file, progress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PATCH', '/api/collections/initiatives/records/' + encodeURIComponent(id));
    xhr.setRequestHeader('Authorization', pb.authStore.token);
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (ev) => {
      if (ev.lengthComputable) progress(Math.round((ev.loaded / ev.total) * 100));
    });
    xhr.addEventListener('load', () => {
      const body = xhr.response || {};
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(Object.assign(new Error(body.message || String(xhr.status)), { status: xhr.status, response: body }));
    });
    xhr.addEventListener('error', () => reject(Object.assign(new Error('network'), { status: 0, response: {} })));
    const data = new FormData();
    data.append('attachments+', file);
    xhr.send(data);
  });
}

// Attachments manages the file part of the form inside root.
export class Attachments {
  // constructor wires the input; ensure() resolves to the saved record
  // (creating the draft when needed), onRecord(record) takes the server's
  // updated record.
  constructor(root, ensure, onRecord) {
    this.root = root;
    this.input = root.querySelector('input[type=file]');
    this.list = root.querySelector('[data-files]');
    this.status = root.querySelector('[data-files-status]');
    this.ensure = ensure;
    this.onRecord = onRecord;
    this.record = null;
    this.busy = 0;
    this.input.addEventListener('change', () => this.add([...this.input.files]));
  }

  // problem says why file may not be attached ('' when it may).
  problem(file, count) {
    const ext = (file.name.split('.').pop() || '').toLowerCase();
    if (!TYPES.includes(ext)) return t('staff.files.bad_type', { name: file.name });
    if (file.size > MAX_BYTES) return t('staff.files.too_big', { name: file.name, size: sizeText(file.size) });
    if (count >= MAX_FILES) return t('staff.files.too_many', { max: MAX_FILES });
    return '';
  }

  // add uploads the chosen files, one after the other.
  async add(files) {
    clearErrors(this.root);
    this.status.textContent = '';
    const problems = [];
    let count = (this.record && this.record.attachments ? this.record.attachments.length : 0);
    const ok = [];
    for (const f of files) {
      const p = this.problem(f, count);
      if (p) problems.push(p);
      else { ok.push(f); count++; }
    }
    this.input.value = '';
    if (problems.length) showFieldError(this.input, problems.join(' '));
    if (ok.length === 0) return;
    let record;
    try {
      record = await this.ensure();
    } catch {
      record = null;
    }
    if (!record) {
      showFieldError(this.input, t('staff.files.need_title'));
      return;
    }
    for (const f of ok) await this.uploadFile(record.id, f);
  }

  // uploadFile uploads one file with a progress bar in the list.
  async uploadFile(id, file) {
    const li = el('li', 'file file--uploading');
    const name = el('span', 'file__name', file.name);
    const bar = el('progress');
    bar.max = 100;
    bar.value = 0;
    bar.id = 'upload-' + Math.random().toString(36).slice(2);
    const label = el('label', 'file__progress', t('staff.files.uploading', { name: file.name, pct: 0 }));
    label.htmlFor = bar.id;
    li.append(name, label, bar);
    this.list.append(li);
    this.busy++;
    const progress = (pct) => {
      bar.value = pct;
      label.textContent = t('staff.files.uploading', { name: file.name, pct });
    };
    try {
      // an expired session: a call through the SDK asks to sign in again
      // (the sign-in dialog) before the XHR, which the SDK does not see
      if (!pb.authStore.isValid) await pb.collection('initiatives').getOne(id, { fields: 'id', requestKey: null });
      let rec;
      try {
        rec = await uploadOne(id, file, progress);
      } catch (err) {
        if (err.status !== 401) throw err;
        await pb.collection('initiatives').getOne(id, { fields: 'id', requestKey: null });
        rec = await uploadOne(id, file, progress);
      }
      li.remove();
      this.status.textContent = t('staff.files.uploaded', { name: file.name });
      this.onRecord(rec);
    } catch (err) {
      li.remove();
      const data = (err.response && err.response.data) || {};
      const fe = data.attachments || Object.values(data).find((v) => v && v.code);
      const text = err.status === 0 ? t('staff.files.network', { name: file.name })
        : fe ? (fe.message || messageFor(fe.code)) : (err.response && err.response.message) || messageFor('internal');
      showFieldError(this.input, text);
    } finally {
      this.busy--;
    }
  }

  // remove detaches the stored file name.
  async remove(name) {
    clearErrors(this.root);
    try {
      const rec = await pb.collection('initiatives').update(this.record.id, { 'attachments-': [name] });
      this.status.textContent = t('staff.files.removed', { name: displayName(name) });
      this.onRecord(rec);
      this.input.focus();
    } catch (err) {
      showFieldError(this.input, err.status === 0 ? t('page.network_error') : (err.response && err.response.message) || messageFor('internal'));
    }
  }

  // show lists record's stored files, each with a remove button.
  show(record, editable = true) {
    this.record = record;
    const items = (record && record.attachments ? record.attachments : []).map((name) => {
      const li = el('li', 'file');
      li.append(el('span', 'file__name', displayName(name)));
      if (editable) {
        const b = el('button', 'secondary small', t('staff.files.remove'));
        b.type = 'button';
        b.setAttribute('aria-label', t('staff.files.remove_named', { name: displayName(name) }));
        b.addEventListener('click', () => this.remove(name));
        li.append(b);
      }
      return li;
    });
    for (const li of this.list.querySelectorAll('.file--uploading')) items.push(li);
    this.list.replaceChildren(...items);
    this.input.disabled = !editable;
  }
}
