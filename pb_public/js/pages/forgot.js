// forgot: /quen-mat-khau.html. Asks PocketBase to mail a reset link; when
// the server sends no mail (GET /api/reform/info says mail: false) the page
// says whom to ask instead and the form is hidden.

import { start, ready } from '../layout.js';
import { pb } from '../pb.js';
import { handleSubmit, say } from '../messages.js';
import { t } from '../i18n.js';

await start({ public: true });
const form = document.getElementById('form');
const status = document.getElementById('form-status');
let mail = true;
try {
  mail = !!(await pb.send('/api/reform/info', {})).mail;
} catch {
  // unknown: let the person try
}
document.getElementById('no-mail').hidden = mail;
form.hidden = !mail;
handleSubmit(form, status, async ({ email }) => {
  await pb.collection('users').requestPasswordReset(email.trim());
  // the same answer whether the account exists or not
  say(status, t('page.forgot_sent'), 'ok');
});
say(document.getElementById('page-status'), '');
ready();
