// confirm: a question asked before an act that cannot be undone (submit a
// score sheet, record the signed decision), in a modal <dialog> that the
// keyboard drives (Tab between the two buttons, Enter or Space, Escape to
// go back). No window.confirm: its look and words are the browser's.

import { el } from './layout.js';

// confirmDialog shows title, the lines of text and two buttons; it
// resolves true when the person confirms, false otherwise.
export function confirmDialog({ title, lines = [], ok, cancel }) {
  return new Promise((resolve) => {
    const dialog = el('dialog', 'dialog');
    dialog.id = 'confirm';
    dialog.setAttribute('aria-labelledby', 'confirm-title');
    const h = el('h2', '', title);
    h.id = 'confirm-title';
    dialog.append(h, ...lines.map((line) => el('p', '', line)));
    const buttons = el('div', 'dialog__buttons');
    const yes = el('button', '', ok);
    yes.type = 'button';
    yes.id = 'confirm-ok';
    const no = el('button', 'secondary', cancel);
    no.type = 'button';
    no.id = 'confirm-cancel';
    buttons.append(yes, no);
    dialog.append(buttons);
    const finish = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => finish(true));
    no.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', (ev) => {
      ev.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus(); // the safe choice first: Enter by mistake does not submit
  });
}
