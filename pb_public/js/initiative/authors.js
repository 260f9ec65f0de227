// initiative/authors: the authors' rows of the form (TT18: name, birth
// date, workplace, position, qualification, contribution %), each either a
// ward account picked from the list or an outside co-author typed in, and
// the live sum of the shares, which must reach 100.

import { el, removeButton } from '../layout.js';
import { t } from '../i18n.js';

const PARTS = ['name', 'birth_date', 'position', 'workplace', 'qualification', 'share'];

// parseShare reads "33,5" or "33.5" as a number; NaN when it is not one.
export function parseShare(text) {
  const s = String(text ?? '').trim().replace(',', '.');
  return s === '' || !/^\d+(\.\d+)?$/.test(s) ? NaN : Number(s);
}

// AuthorsEditor manages the rows inside root (a fieldset with data-authors).
export class AuthorsEditor {
  // constructor builds the editor; accounts are the ward's users
  // ({id, name, position, unit name}), onChange runs after every edit.
  constructor(root, accounts, onChange) {
    this.root = root;
    this.accounts = accounts;
    this.onChange = onChange;
    this.rows = root.querySelector('[data-rows]');
    this.sum = root.querySelector('[data-sum]');
    this.seq = 0;
    root.querySelector('[data-add]').addEventListener('click', () => {
      const row = this.addRow({});
      row.querySelector('select').focus();
      this.changed();
    });
  }

  // changed updates the sum and tells the form.
  changed() {
    this.renumber();
    this.updateSum();
    this.onChange();
  }

  // renumber shows each row's number in its legend.
  renumber() {
    [...this.rows.children].forEach((row, i) => {
      row.querySelector('legend').textContent = t('staff.author.row', { n: i + 1 });
      row.dataset.n = String(i + 1);
    });
  }

  // updateSum shows the shares' sum and whether it reaches 100.
  updateSum() {
    const shares = this.value().map((a) => parseShare(a.share));
    const sum = shares.reduce((s, x) => s + (Number.isNaN(x) ? 0 : x), 0);
    const rounded = Math.round(sum * 100) / 100;
    const ok = Math.abs(sum - 100) < 0.001;
    this.sum.textContent = t(ok ? 'staff.author.sum_ok' : 'staff.author.sum_off', { sum: String(rounded).replace('.', ',') });
    this.sum.dataset.kind = ok ? 'ok' : 'warn';
  }

  // addRow appends a row holding author a and returns it.
  addRow(a) {
    const n = ++this.seq;
    const row = el('fieldset', 'author');
    row.append(el('legend', ''));
    const pick = el('select');
    pick.id = `author-${n}-user`;
    pick.dataset.part = 'user';
    pick.append(new Option(t('staff.author.outside'), ''));
    for (const u of this.accounts) {
      pick.append(new Option([u.name, u.position, u.unitName].filter(Boolean).join(' – '), u.id));
    }
    if (a.user && !this.accounts.some((u) => u.id === a.user)) pick.append(new Option(a.name || a.user, a.user));
    pick.value = a.user || '';
    const grid = el('div', 'author__grid');
    grid.append(this.control(n, 'user', pick, 'wide'));
    for (const part of PARTS) {
      const input = el('input');
      input.id = `author-${n}-${part}`;
      input.dataset.part = part;
      input.type = part === 'birth_date' ? 'date' : 'text';
      if (part === 'share') {
        input.inputMode = 'decimal';
        input.autocomplete = 'off';
      }
      if (part === 'name') input.autocomplete = 'off';
      input.value = part === 'share' && a.share !== undefined && a.share !== null ? String(a.share).replace('.', ',') : (a[part] || '');
      if (part === 'birth_date') input.value = String(a.birth_date || '').slice(0, 10);
      grid.append(this.control(n, part, input, part === 'name' ? 'wide' : ''));
    }
    pick.addEventListener('change', () => {
      const u = this.accounts.find((x) => x.id === pick.value);
      if (u) {
        row.querySelector('[data-part=name]').value = u.name;
        row.querySelector('[data-part=position]').value = u.position || '';
        row.querySelector('[data-part=workplace]').value = u.unitName || '';
      }
      this.changed();
    });
    grid.addEventListener('input', () => this.changed());
    const remove = removeButton(t('staff.author.remove'), row, () => this.changed(), () => this.root.querySelector('[data-add]'));
    row.append(grid, remove);
    this.rows.append(row);
    return row;
  }

  // control wraps one input of row n with its label.
  control(n, part, input, className) {
    const box = el('div', 'author__part' + (className ? ' author__part--' + className : ''));
    const label = el('label', '', t('staff.author.' + part));
    label.htmlFor = input.id;
    box.append(label, input);
    return box;
  }

  // set replaces the rows with authors (one empty row when none).
  set(authors) {
    this.rows.replaceChildren();
    const list = Array.isArray(authors) && authors.length ? authors : [{}];
    for (const a of list) this.addRow(a);
    this.renumber();
    this.updateSum();
  }

  // value returns the authors as the server stores them; a share that is
  // not a number is sent as typed, so the server can say why.
  value() {
    return [...this.rows.children].map((row) => {
      const a = {};
      for (const input of row.querySelectorAll('[data-part]')) {
        const v = input.value.trim();
        if (input.dataset.part === 'share') {
          const n = parseShare(v);
          a.share = v === '' ? null : Number.isNaN(n) ? v : n;
        } else if (v) {
          a[input.dataset.part] = v;
        }
      }
      return a;
    }).filter((a) => Object.keys(a).some((k) => k !== 'share' || a.share !== null));
  }

  // rowControl returns row n's first input (for a message at that row).
  rowControl(n) {
    const row = this.rows.children[n - 1];
    return row ? row.querySelector('[data-part=user]') : null;
  }
}
