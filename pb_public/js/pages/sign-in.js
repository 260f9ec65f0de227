// sign-in: /dang-nhap.html?next=PATH. Signs a ward account in and goes
// back to next (a same-site path), or home.

import { start, ready, safeNext } from '../layout.js';
import { signIn, me } from '../pb.js';
import { handleSubmit, say, showFieldError, generalMessage, fieldErrors } from '../messages.js';
import { t } from '../i18n.js';

const next = safeNext(new URLSearchParams(location.search).get('next'));
await start({ public: true });
if (me()) location.replace(next);

const form = document.getElementById('form');
const status = document.getElementById('form-status');
handleSubmit(form, status, async ({ identity, password }) => {
  if (!identity.trim()) showFieldError(form.elements.identity, t('error.required', { field: t('page.email') }));
  if (!password) showFieldError(form.elements.password, t('error.required', { field: t('page.password') }));
  if (!identity.trim() || !password) {
    say(status, t('page.login_missing'), 'error');
    return;
  }
  try {
    await signIn(identity.trim(), password);
  } catch (err) {
    // PocketBase answers 400 without saying which of the two is wrong; a
    // deactivated account (the right password) is told so, and a browser
    // that must wait after wrong passwords how many seconds.
    const known = fieldErrors(err).find((e) => e.code === 'account_inactive' || e.code === 'too_many_attempts');
    say(status, known ? known.text : err && err.status === 400 ? t('page.login_failed') : generalMessage(err), 'error');
    form.elements.password.select();
    return;
  }
  location.assign(next);
});
say(document.getElementById('page-status'), '');
ready();
