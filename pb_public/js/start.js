// start: the start page. It shows the ward's name, signs a person in with
// their ward account, and lists the initiatives they may see. Every string
// comes from i18n/vi.json; data goes into the page with textContent only.

import { load, t, apply } from './i18n.js';
import { request, session, ApiError } from './api.js';
import { formatDate } from './format.js';

const $ = (id) => document.getElementById(id);

// the roles of DOMAIN.md section 4, in the order they are shown.
const ROLES = ['staff', 'unit_head', 'secretariat', 'council', 'chairman'];

// text sets el's text, or hides el when text is empty.
function text(el, value) {
  el.textContent = value || '';
  el.hidden = !value;
}

// showOrganization puts the ward's name (public record) in the masthead.
async function showOrganization() {
  try {
    const res = await request('GET', '/api/collections/organization/records?perPage=1', { auth: false });
    const org = res.items && res.items[0];
    if (!org) return;
    for (const el of document.querySelectorAll('[data-org]')) {
      el.textContent = org[el.dataset.org] || '';
    }
    document.title = t('app.name') + ' – ' + org.ward_name;
  } catch {
    // the page still works without the ward's name
  }
}

// showLogin shows the sign-in form, with message (a catalog key) if any.
function showLogin(message) {
  $('session').hidden = true;
  $('login').hidden = false;
  text($('login-error'), message ? t(message) : '');
  $('login-email').focus();
}

// loginError turns a failed sign-in into a catalog key.
function loginError(err) {
  if (!(err instanceof ApiError) || err.status === 0) return 'page.network_error';
  if (err.status === 429) return 'page.too_many';
  if (err.status >= 500) return 'error.internal';
  return 'page.login_failed';
}

// onLogin signs in with the form's e-mail and password.
async function onLogin(ev) {
  ev.preventDefault();
  const identity = $('login-email').value.trim();
  const password = $('login-password').value;
  if (!identity || !password) {
    text($('login-error'), t('page.login_missing'));
    return;
  }
  const button = $('login-submit');
  button.disabled = true;
  button.textContent = t('page.logging_in');
  try {
    const res = await request('POST', '/api/collections/users/auth-with-password?expand=unit', {
      body: { identity, password }, auth: false,
    });
    session.save(res.token, res.record);
    $('login-password').value = '';
    text($('login-error'), '');
    await showSession(res.record);
  } catch (err) {
    text($('login-error'), t(loginError(err)));
    $('login-password').select();
  } finally {
    button.disabled = false;
    button.textContent = t('page.login');
  }
}

// onLogout forgets the token and shows the sign-in form again.
function onLogout() {
  session.clear();
  $('initiatives').tBodies[0].replaceChildren();
  showLogin();
}

// showSession shows who is signed in and loads their initiatives.
async function showSession(me) {
  $('login').hidden = true;
  $('session').hidden = false;
  $('me-name').textContent = me.name || me.email;
  const roles = ROLES.filter((r) => (me.roles || []).includes(r)).map((r) => t('role.' + r));
  $('me-roles').textContent = roles.join(', ');
  const unit = me.expand && me.expand.unit;
  $('me-unit').textContent = unit ? unit.name : t('page.no_unit');
  const admin = (me.roles || []).includes('secretariat');
  $('dashboard-link').hidden = !admin;
  $('dashboard-hint').hidden = !admin;
  await showInitiatives();
}

// cell returns a table cell labelled for the narrow (card) layout.
function cell(label, value, className) {
  const td = document.createElement('td');
  td.dataset.label = t(label);
  if (className) td.className = className;
  if (value instanceof Node) td.append(value);
  else td.textContent = value;
  return td;
}

// badge returns a small labelled span.
function badge(value, kind) {
  const span = document.createElement('span');
  span.className = 'badge badge--' + kind;
  span.textContent = value;
  return span;
}

// row builds the table row of one initiative.
function row(item) {
  const tr = document.createElement('tr');
  const unit = item.expand && item.expand.unit;
  const field = item.expand && item.expand.field;

  const code = item.code ? document.createTextNode(item.code) : badge(t('page.no_code'), 'muted');
  const status = document.createElement('span');
  status.append(badge(t('status.' + item.status), item.status));
  if (item.late) status.append(' ', badge(t('page.late'), 'late'));
  const submitted = formatDate(item.submitted_at) || t('page.not_submitted');

  tr.append(
    cell('page.col_code', code, 'list__code'),
    cell('page.col_title', item.title, 'list__title'),
    cell('page.col_unit', unit ? unit.name : ''),
    cell('page.col_field', field ? field.code + ') ' + field.name : ''),
    cell('page.col_status', status),
    cell('page.col_submitted', submitted, 'list__date'),
  );
  return tr;
}

// showInitiatives loads and lists the initiatives the person may see.
async function showInitiatives() {
  const table = $('initiatives');
  const status = $('list-status');
  text(status, t('page.loading'));
  $('list-count').textContent = '';
  try {
    const res = await request('GET', '/api/collections/initiatives/records?sort=-created&expand=unit,field&perPage=500');
    table.tBodies[0].replaceChildren(...res.items.map(row));
    table.hidden = res.items.length === 0;
    $('list-count').textContent = t('page.initiatives_count', { count: res.totalItems });
    text(status, res.items.length === 0 ? t('page.initiatives_empty') : '');
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      session.clear();
      showLogin('page.session_expired');
      return;
    }
    table.hidden = true;
    text(status, t(err instanceof ApiError && err.status === 0 ? 'page.network_error' : 'page.load_failed'));
  }
}

// resume refreshes a stored sign-in; an expired one shows the form.
async function resume() {
  if (!session.get()) {
    showLogin();
    return;
  }
  try {
    const res = await request('POST', '/api/collections/users/auth-refresh?expand=unit');
    session.save(res.token, res.record);
    await showSession(res.record);
  } catch (err) {
    if (err instanceof ApiError && err.status === 0) {
      showLogin('page.network_error');
      return;
    }
    session.clear();
    showLogin('page.session_expired');
  }
}

// start runs once the module is loaded.
async function start() {
  try {
    await load();
  } catch {
    // without the catalog the keys show; the page still works
  }
  apply();
  $('login-form').addEventListener('submit', onLogin);
  $('logout').addEventListener('click', onLogout);
  await showOrganization();
  await resume();
  text($('page-status'), '');
  document.body.dataset.ready = 'true';
}

start();
