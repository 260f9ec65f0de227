// sign-in: /dang-nhap.html?next=PATH. Signs a ward account in and goes
// back to next (a same-site path), or home.

import { start, ready, safeNext } from '../layout.js';
import { pb, signIn, me } from '../pb.js';
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
// the city's account (OpenID Connect), offered only when a superuser has
// configured PocketBase's oidc provider on users. It opens an existing ward
// account only; anyone else is told why (oidc_no_account, …).
try {
  const methods = await pb.collection('users').listAuthMethods({ requestKey: null });
  const providers = methods.oauth2 && methods.oauth2.enabled ? methods.oauth2.providers || [] : [];
  if (providers.some((p) => p.name === 'oidc')) {
    const city = document.getElementById('city');
    const cityStatus = document.getElementById('city-status');
    document.getElementById('city-sign-in').hidden = false;
    city.addEventListener('click', async () => {
      say(cityStatus, '');
      city.disabled = true;
      try {
        await pb.collection('users').authWithOAuth2({ provider: 'oidc', query: { expand: 'unit' } });
        location.assign(next);
      } catch (err) {
        const known = fieldErrors(err).find((e) => ['oidc_no_account', 'oidc_email_unverified', 'account_inactive'].includes(e.code));
        say(cityStatus, known ? known.text : generalMessage(err), 'error');
      } finally {
        city.disabled = false;
      }
    });
  }
} catch {
  // no sign-in methods listed: the e-mail and password form stays alone
}
say(document.getElementById('page-status'), '');
ready();
