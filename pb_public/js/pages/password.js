// password: /tai-khoan/mat-khau.html, change my password. PocketBase ends
// every session of the account on a new password, so the page signs in
// again with it.

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
say(document.getElementById('page-status'), '');
ready();
