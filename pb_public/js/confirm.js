// confirm: a question asked before an act that cannot be undone (submit a
// score sheet, record the signed decision), in a modal <dialog> that the
// keyboard drives (Tab between the two buttons, Enter or Space, Escape to
// go back). No window.confirm: its look and words are the browser's.

import { el } from './layout.js';
import { t } from './i18n.js';
import { showDay } from './format.js';

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
    const finish = dialogEnd(dialog, resolve);
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

// dialogEnd returns the function that ends dialog with an answer: closes
// and removes it, and resolves its promise (resolve) with the answer.
export function dialogEnd(dialog, resolve) {
  return (answer) => {
    dialog.close();
    dialog.remove();
    resolve(answer);
  };
}

// confirmDecision asks, on the results page and the Chairman's page,
// before the signed recognition decision v (number, signed_on, signer) is
// recorded, which cannot be undone; it resolves true when confirmed.
export function confirmDecision(v) {
  return confirmDialog({
    title: t('chair.confirm_title'),
    lines: [t('chair.confirm_text', { number: v.number, date: showDay(v.signed_on), signer: v.signer }), t('chair.confirm_final')],
    ok: t('chair.confirm_ok'),
    cancel: t('council.confirm_cancel'),
  });
}
