// office-accounts: /van-phong/tai-khoan.html — the accounts within the
// secretariat's rights: create a staff account (unit, position and the
// roles it may grant: staff, unit head, council member), change them,
// send a password-reset mail, deactivate and reactivate; see the accounts
// someone is entering wrong passwords on and clear them. Secretariat and
// chairman are granted by a superuser (the server answers
// role_not_grantable), and officers' accounts are theirs to manage.

import { ready, el, row, ROLES } from '../layout.js';
import { pb, me } from '../pb.js';
import { formatDateTime } from '../format.js';
import { say, handleSubmit } from '../messages.js';
import { t } from '../i18n.js';
import { serverPages } from '../pager.js';
import { officeStart, $, cell, headRow, badge, button, ask, loadError } from '../office.js';
import { unitName } from '../ward-lists.js';

const GRANTABLE = ['staff', 'unit_head', 'council'];
const OFFICER = ['secretariat', 'chairman'];

// roleBoxes fills a fieldset with a checkbox per role (officer roles
// shown, not offered).
function roleBoxes(fieldset, prefix, checked = ['staff']) {
  for (const r of ROLES) {
    const wrap = el('div', 'check');
    const input = el('input');
    input.type = 'checkbox';
    input.id = prefix + r;
    input.name = 'roles';
    input.value = r;
    input.checked = input.defaultChecked = checked.includes(r);
    input.disabled = OFFICER.includes(r);
    const label = el('label', 'check__label', t('role.' + r) + (OFFICER.includes(r) ? ' ' + t('office.account_superuser_only') : ''));
    label.htmlFor = input.id;
    wrap.append(input, label);
    fieldset.append(wrap);
  }
}

// checkedRoles returns the roles ticked in root.
function checkedRoles(root) {
  return [...root.querySelectorAll('input[name="roles"]:checked')].map((i) => i.value);
}

// unitOptions fills select with the units (first: none / all).
function unitOptions(select, units, emptyKey, current = '') {
  const none = el('option', '', t(emptyKey));
  none.value = '';
  select.replaceChildren(none, ...units.map((u) => {
    const o = el('option', '', u.name);
    o.value = u.id;
    o.selected = u.id === current;
    return o;
  }));
}

await officeStart();
const status = $('page-status');
const q = new URLSearchParams(location.search);
const region = $('accounts-status');
let units = [];
let unitsById = new Map();

// edit asks for the account's name, unit, position and roles.
async function edit(u) {
  const done = await ask({
    title: t('office.account_edit_title', { name: u.name }),
    fields: [
      { name: 'name', label: t('office.account_name'), required: true, value: u.name },
      { name: 'unit', label: t('page.unit'), type: 'select', options: [['', t('page.no_unit')], ...units.map((x) => [x.id, x.name])], value: u.unit },
      { name: 'position', label: t('office.account_position'), value: u.position },
      ...GRANTABLE.map((r) => ({ name: 'role_' + r, label: t('role.' + r), type: 'checkbox', value: (u.roles || []).includes(r), field: 'roles' })),
    ],
    submit: t('office.account_save'),
  }, (v) => pb.collection('users').update(u.id, {
    name: v.name, unit: v.unit, position: v.position,
    roles: [...GRANTABLE.filter((r) => v['role_' + r]), ...(u.roles || []).filter((r) => OFFICER.includes(r))],
  }));
  if (done) {
    await list();
    say(region, t('office.account_saved', { name: u.name }), 'ok');
  }
}

// actions returns the buttons of one account's row.
function actions(u) {
  const box = el('div', 'row-actions');
  if ((u.roles || []).some((r) => OFFICER.includes(r))) {
    box.append(el('span', 'muted', t('office.account_officer')));
    return box;
  }
  const run = (fn) => async () => {
    try {
      await fn();
    } catch (err) {
      loadError(region, err);
    }
  };
  box.append(
    button(t('office.account_edit'), run(() => edit(u))),
    button(t('office.account_reset'), run(async () => {
      await pb.collection('users').requestPasswordReset(u.email);
      say(region, t('office.account_reset_sent', { email: u.email }), 'ok');
    })),
    button(t(u.active ? 'office.account_deactivate' : 'office.account_activate'), run(async () => {
      await pb.collection('users').update(u.id, { active: !u.active });
      await list();
      say(region, t(u.active ? 'office.account_deactivated' : 'office.account_activated', { name: u.name }), 'ok');
    })),
  );
  return box;
}

// list shows the accounts matching the search, a page at a time from the
// server (by name), each unit named from the units the page loaded.
async function list() {
  const parts = [];
  // by name: a filter on email matches only public addresses (PocketBase).
  if (q.get('q')) parts.push(pb.filter('name ~ {:q}', { q: q.get('q').trim() }));
  if (q.get('unit')) parts.push(pb.filter('unit = {:u}', { u: q.get('unit') }));
  const table = $('accounts');
  headRow(table, ['office.account_name', 'page.email', 'page.unit', 'page.roles', 'office.account_state', 'office.col_actions']);
  const res = await serverPages(table, (page, size) => pb.collection('users').getList(page, size, {
    filter: parts.join(' && '), sort: 'name', requestKey: null,
  }), (items) => items.map((u) => {
    const who = el('span');
    who.append(el('strong', '', u.name), el('br'), el('span', 'muted', u.position || ''));
    return row({ id: u.id },
      cell('office.account_name', who, 'list__title'),
      cell('page.email', u.email || '–'),
      cell('page.unit', unitName(unitsById, u.unit) || t('page.no_unit')),
      cell('page.roles', ROLES.filter((r) => (u.roles || []).includes(r)).map((r) => t('role.' + r)).join(', ')),
      cell('office.account_state', badge(t(u.active ? 'office.account_active' : 'office.account_inactive'), u.active ? 'recognized' : 'withdrawn'), 'state'),
      cell('office.col_actions', actions(u)),
    );
  }), { onError: (err) => loadError(region, err) });
  $('accounts-count').textContent = t('office.accounts_count', { count: res.totalItems });
  if (!res.items.length) say(region, t('office.accounts_none'));
}

// locks shows the accounts with wrong passwords lately (secretariat only),
// each with a button that clears its delay.
async function locks() {
  const card = $('locks-card');
  const region = $('locks-status');
  const user = me();
  if (!user || !(user.roles || []).includes('secretariat')) return;
  card.hidden = false;
  const res = await pb.send('/api/reform/sign-in-locks', { requestKey: null });
  const table = $('locks');
  headRow(table, ['office.account_name', 'office.lock_failures', 'office.lock_wait', 'office.lock_ip', 'office.lock_at', 'office.col_actions']);
  table.tBodies[0].replaceChildren(...res.items.map((l) => {
    const who = el('span');
    who.append(el('strong', '', l.name || l.identity), el('br'), el('span', 'muted', l.identity));
    const clear = button(t('office.lock_clear'), async () => {
      try {
        await pb.send('/api/reform/sign-in-locks/clear', { method: 'POST', body: { identity: l.identity }, requestKey: null });
        await locks();
        say(region, t('office.lock_cleared', { name: l.name || l.identity }), 'ok');
      } catch (err) {
        loadError(region, err);
      }
    });
    return row({ identity: l.identity },
      cell('office.account_name', who, 'list__title'),
      cell('office.lock_failures', String(l.failures)),
      cell('office.lock_wait', l.wait > 0 ? t('office.lock_seconds', { seconds: l.wait }) : '–'),
      cell('office.lock_ip', l.last_ip || '–'),
      cell('office.lock_at', formatDateTime(l.last_at)),
      cell('office.col_actions', clear),
    );
  }));
  if (!res.items.length) say(region, t('office.locks_none'));
}

try {
  units = await pb.collection('units').getFullList({ sort: 'name', requestKey: null });
  unitsById = new Map(units.map((u) => [u.id, u]));
  unitOptions($('a-unit'), units, 'page.no_unit');
  unitOptions($('s-unit'), units, 'office.audit_all', q.get('unit') || '');
  $('s-q').value = q.get('q') || '';
  roleBoxes($('a-roles'), 'a-role-');
  const form = $('account-form');
  handleSubmit(form, $('account-status'), async (v) => {
    const created = await pb.collection('users').create({
      name: v.name, email: v.email, unit: v.unit, position: v.position,
      password: v.password, passwordConfirm: v.password, roles: checkedRoles(form), verified: true,
    });
    form.reset();
    await list();
    say($('account-status'), t('office.account_created', { name: created.name }), 'ok');
  });
  await list();
  await locks();
  say(status, '');
} catch (err) {
  loadError(status, err);
}
ready();
