// initiative/participants: the list of people who took part in the first
// (or trial) application (TT18 item 10): name, workplace, task.

import { el, removeButton } from '../layout.js';
import { t } from '../i18n.js';

const PARTS = ['name', 'workplace', 'task'];

// ParticipantsEditor manages the rows inside root (data-participants).
export class ParticipantsEditor {
  // constructor wires the add button; onChange runs after every edit.
  constructor(root, onChange) {
    this.root = root;
    this.rows = root.querySelector('[data-rows]');
    this.onChange = onChange;
    this.seq = 0;
    root.querySelector('[data-add]').addEventListener('click', () => {
      this.addRow({}).querySelector('input').focus();
      this.onChange();
    });
  }

  // addRow appends a row for participant p and returns it.
  addRow(p) {
    const n = ++this.seq;
    const row = el('div', 'participant');
    for (const part of PARTS) {
      const box = el('div', 'author__part');
      const input = el('input');
      Object.assign(input, { id: `participant-${n}-${part}`, type: 'text', value: p[part] || '', autocomplete: 'off' });
      input.dataset.part = part;
      const label = el('label', '', t('staff.participant.' + part));
      label.htmlFor = input.id;
      box.append(label, input);
      row.append(box);
    }
    row.addEventListener('input', () => this.onChange());
    const remove = removeButton(t('staff.participant.remove'), row, () => this.onChange(), () => this.root.querySelector('[data-add]'));
    row.append(remove);
    this.rows.append(row);
    return row;
  }

  // set replaces the rows with list.
  set(list) {
    this.rows.replaceChildren();
    for (const p of Array.isArray(list) ? list : []) this.addRow(p);
  }

  // value returns the filled rows.
  value() {
    return [...this.rows.children].map((row) => {
      const p = {};
      for (const input of row.querySelectorAll('[data-part]')) {
        if (input.value.trim()) p[input.dataset.part] = input.value.trim();
      }
      return p;
    }).filter((p) => Object.keys(p).length > 0);
  }
}
