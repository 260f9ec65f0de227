// pb: the one PocketBase client of the pages (the official JS SDK, vendored
// under /vendor/pocketbase/). The sign-in lives in localStorage (the SDK's
// LocalAuthStore, key "pocketbase_auth"). Every call that finds the session
// expired (token past its time, or a 401) waits for reauth (the sign-in
// dialog of layout.js) and is sent again, so nothing typed on the page is lost.

import PocketBase, { ClientResponseError } from '/vendor/pocketbase/pocketbase.es.mjs';

export { ClientResponseError };

// pb is the client; use pb.collection(...), pb.send(...), pb.filter(...)
// (always pb.filter for values a person typed).
export const pb = new PocketBase('/');

// calls that sign in themselves, so never wait for a sign-in.
const SIGN_IN_PATHS = ['/auth-with-password', '/auth-with-oauth2', '/auth-methods', '/auth-refresh', '/request-password-reset', '/confirm-password-reset', '/api/reform/info'];

// deviceId is this browser's own random id, sent with every password
// sign-in (header X-Sangkien-Device): the server remembers the browsers
// that signed in to an account, and others' wrong passwords never hold
// them back (hooks/guard_sign_in.go).
function deviceId() {
  try {
    let id = localStorage.getItem('sangkien_device');
    if (!id) {
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      localStorage.setItem('sangkien_device', id);
    }
    return id;
  } catch {
    return '';
  }
}

pb.beforeSend = function addDevice(url, options) {
  if (url.includes('/auth-with-password')) {
    const id = deviceId();
    if (id) options.headers = { ...(options.headers || {}), 'X-Sangkien-Device': id };
  }
  return { url, options };
};

let reauth = null; // () => Promise, set by the layout
let pending = null; // the one sign-in in progress

// onExpired sets the function that signs the same person in again (it
// resolves once signed in).
export function onExpired(fn) {
  reauth = fn;
}

// signInAgain runs reauth once for every call waiting on it.
function signInAgain() {
  if (!pending) pending = reauth().finally(() => { pending = null; });
  return pending;
}

const send = pb.send.bind(pb);
pb.send = async function sendSignedIn(path, options = {}) {
  const guarded = reauth && !SIGN_IN_PATHS.some((p) => path.includes(p));
  const copy = () => ({ ...options, headers: { ...(options.headers || {}) } });
  if (guarded && pb.authStore.token && !pb.authStore.isValid) await signInAgain();
  try {
    return await send(path, copy());
  } catch (err) {
    if (guarded && err && err.status === 401) {
      await signInAgain();
      return send(path, copy());
    }
    throw err;
  }
};

// me returns the signed-in ward account (users record) or null.
export function me() {
  return pb.authStore.isValid ? pb.authStore.record : null;
}

// hasRole reports whether the signed-in person has role.
export function hasRole(role) {
  const r = me();
  return !!r && (r.roles || []).includes(role);
}

// signIn signs in with e-mail and password (the unit expanded).
export function signIn(email, password) {
  return pb.collection('users').authWithPassword(email, password, { expand: 'unit' });
}

// signOut forgets the session.
export function signOut() {
  pb.authStore.clear();
}

// refresh renews a stored session on page load: the record comes back
// fresh (roles, unit). It returns the record, or null when there is no
// valid session; a network failure keeps the stored one.
export async function refresh() {
  if (!pb.authStore.isValid) {
    pb.authStore.clear();
    return null;
  }
  try {
    const res = await pb.collection('users').authRefresh({ expand: 'unit' });
    return res.record;
  } catch (err) {
    if (err && err.status === 0) return pb.authStore.record;
    pb.authStore.clear();
    return null;
  }
}

// fileURL returns the address of a record's file; protected files get a
// short-lived file token (pb.files.getToken).
export async function fileURL(record, filename, { protectedFile = true } = {}) {
  const query = protectedFile ? { token: await pb.files.getToken() } : {};
  return pb.files.getURL(record, filename, query);
}

// isNetworkError reports whether err means the server was not reached
// (not a request the SDK cancelled itself).
export function isNetworkError(err) {
  return err instanceof ClientResponseError && err.status === 0 && !err.isAbort;
}
