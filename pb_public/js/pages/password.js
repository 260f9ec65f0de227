// password: /tai-khoan/mat-khau.html, my account: change my password
// (PocketBase ends every session of the account on a new password, so the
// page signs in again with it), and turn the notice mails (whose turn it
// is to act, the movement's launch) off or on again (users.mail_off, which
// only the account's owner may set).

import { start, ready } from '../layout.js';
import { pb, signIn } from '../pb.js';
import { handleSubmit, say } from '../messages.js';
import { t } from '../i18n.js';

const me = await start();
const form = document.getElementById('form');
const status = document.getElementById('form-status');
handleSubmit(form, status, async ({ oldPassword, password, passwordConfirm }) => {
  const id = pb.authStore.record.id;
  await pb.collection('users').update(id, { oldPassword, password, passwordConfirm });
  await signIn(pb.authStore.record ? pb.authStore.record.email : me.email, password);
  form.reset();
  say(status, t('page.password_done'), 'ok');
});
const mailForm = document.getElementById('mail-form');
const mailStatus = document.getElementById('mail-status');
mailForm.elements.mail_on.checked = !me.mail_off;
handleSubmit(mailForm, mailStatus, async () => {
  const on = mailForm.elements.mail_on.checked;
  await pb.collection('users').update(pb.authStore.record.id, { mail_off: !on });
  say(mailStatus, t(on ? 'page.mail_on_done' : 'page.mail_off_done'), 'ok');
});
say(document.getElementById('page-status'), '');
ready();
