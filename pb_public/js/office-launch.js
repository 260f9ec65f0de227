// office-launch: the overview's card to launch the movement (phát động
// phong trào thi đua) of an open round: the mail every active account
// will receive, read before it goes, then sent once after a question. The
// server refuses a second launch (already_launched) and keeps the act in
// the audit log.

import { el } from './layout.js';
import { pb } from './pb.js';
import { t } from './i18n.js';
import { say } from './messages.js';
import { $, button, post, ask, loadError } from './office.js';

// launchCard fills <section id="launch"> for round: hidden unless the
// round is open or already launched.
export async function launchCard(round) {
  const card = $('launch');
  if (!card) return;
  const url = '/api/reform/rounds/' + round.year + '/launch';
  const p = await pb.send(url, { requestKey: null });
  const state = $('launch-state');
  const actions = $('launch-actions');
  const preview = $('launch-preview');
  actions.replaceChildren();
  preview.hidden = true;
  card.hidden = !p.open && !p.launched;
  if (p.launched) {
    say(state, t('office.launch.done', { date: p.launched }), 'ok');
    return;
  }
  if (!p.mail) {
    say(state, t('office.launch.no_mail'), 'error');
    return;
  }
  say(state, t('office.launch.intro', { count: p.recipients }));
  $('launch-subject').textContent = p.subject;
  $('launch-body').textContent = p.body;
  $('launch-count').textContent = t('office.launch.count', { count: p.recipients });
  const send = button(t('office.launch.send'), async () => {
    try {
      const done = await ask({
        title: t('office.launch.confirm_title'),
        intro: t('office.launch.confirm', { count: p.recipients }),
        submit: t('office.launch.send'),
      }, () => post(url, {}));
      if (done) await launchCard(round);
    } catch (err) {
      loadError(state, err);
    }
  }, '');
  send.id = 'launch-send';
  const show = button(t('office.launch.preview'), () => {
    preview.hidden = !preview.hidden;
    show.setAttribute('aria-expanded', String(!preview.hidden));
    if (!preview.hidden && !actions.contains(send)) actions.append(send);
  });
  show.id = 'launch-preview-button';
  show.setAttribute('aria-controls', 'launch-preview');
  show.setAttribute('aria-expanded', 'false');
  actions.append(show);
}
