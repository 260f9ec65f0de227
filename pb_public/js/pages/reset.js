// reset: /dat-lai-mat-khau.html?token=T, the link of the reset mail
// (migration 1764100500 points the users' reset template here).

import { start, ready } from '../layout.js';
import { pb } from '../pb.js';
import { handleSubmit, say } from '../messages.js';
import { t } from '../i18n.js';

await start({ public: true });
const token = new URLSearchParams(location.search).get('token') || '';
const form = document.getElementById('form');
const status = document.getElementById('form-status');
if (!token) {
  form.hidden = true;
  say(status, t('page.reset_no_token'), 'error');
}
handleSubmit(form, status, async ({ password, passwordConfirm }) => {
  await pb.collection('users').confirmPasswordReset(token, password, passwordConfirm);
  form.reset();
  say(status, t('page.reset_done'), 'ok');
});
say(document.getElementById('page-status'), '');
ready();
