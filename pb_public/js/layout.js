// layout: the frame of every page: the ward's name, who is signed in, the
// menu by role, sign out, and the sign-in dialog that appears over the page
// when the session expires (the page's form stays as it was typed).
//
// URL scheme (one HTML file per task; state in the query string, so every
// page is bookmarkable and the back button works):
//   /                              staff: Sáng kiến của tôi (home)
//   /sang-kien/moi.html            staff: Viết sáng kiến mới
//   /sang-kien/sua.html?id=ID      staff: edit a draft / returned initiative
//   /sang-kien/xem.html?id=ID      anyone allowed: read one initiative
//   /don-vi/                       unit head: the unit's initiatives, quota
//   /don-vi/xem.html?id=ID         unit head: read, endorse, send back
//   /van-phong/                    secretariat: the round at a glance
//   /van-phong/<task>.html         secretariat: one file per task
//   /hoi-dong/                     council member: my queue
//   /hoi-dong/cham.html?id=ID      council member: score one initiative
//   /chu-tich/                     chairman: overview, results, decision
//   /cong-khai/                    public: recognised initiatives (no sign-in)
//   /dang-nhap.html?next=PATH      sign in (public)
//   /quen-mat-khau.html            forgotten password (public)
//   /dat-lai-mat-khau.html?token=T reset-password link target (public)
//   /tai-khoan/mat-khau.html       change my password
//   /huong-dan.html                help for each role (public)
// A folder's page is its index.html; names are Vietnamese without marks.
//
// A page: its file's first line names its title and modules ({{page …}}),
// the rest is its <main id="main">; pb_public/_layout.html, filled when the
// program starts, puts them in the frame with <header data-layout></header>.
// Its main has one <p id="page-status" role="status" aria-live="polite">
// ({{template "page-status"}}), and its module
// calling `const me = await start({ roles: [...] })` then `ready()`.

import { load, t, apply } from './i18n.js';
import { pb, me, refresh, signIn, signOut, onExpired } from './pb.js';
import { generalMessage, say } from './messages.js';
import { loadTodo } from './round.js';
import { watchFields } from './fields.js';

// MENU is every menu entry: the roles that see it, its address, its label,
// and the role whose waiting work it counts ("Chấm điểm (2)").
export const MENU = [
  { roles: ['staff'], href: '/', key: 'nav.mine', counts: 'staff' },
  { roles: ['staff'], href: '/sang-kien/moi.html', key: 'nav.new' },
  { roles: ['unit_head'], href: '/don-vi/', key: 'nav.unit', counts: 'unit_head' },
  { roles: ['secretariat'], href: '/van-phong/', key: 'nav.office', counts: 'secretariat' },
  { roles: ['council'], href: '/hoi-dong/', key: 'nav.council', counts: 'council' },
  { roles: ['chairman'], href: '/chu-tich/', key: 'nav.chairman', counts: 'chairman' },
  { roles: null, href: '/tai-khoan/mat-khau.html', key: 'nav.password' },
  { roles: null, href: '/huong-dan.html', key: 'nav.help' },
];

// menuCounts adds to each menu link the number of things waiting for its
// role (the to-do list of round.js), once it has arrived.
async function menuCounts(nav, toggle) {
  const todo = await loadTodo();
  if (!todo) return;
  let all = 0;
  for (const a of nav.querySelectorAll('a[data-counts]')) {
    const n = (todo.counts || {})[a.dataset.counts] || 0;
    a.textContent = n > 0 ? t('nav.count', { label: t(a.dataset.key), n }) : t(a.dataset.key);
    all += n;
  }
  if (all > 0) toggle.textContent = t('nav.count', { label: t('nav.menu_button'), n: all });
}

// the roles of docs/domain.md, in the order they are shown.
export const ROLES = ['staff', 'unit_head', 'secretariat', 'council', 'chairman'];

// el makes an element with a class and text (text, never HTML).
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

// removeButton is the button that removes row from an editable list
// (text its label): then changed() runs and the focus goes to focusAfter,
// so that it is not lost with the row.
export function removeButton(text, row, changed, focusAfter) {
  const b = el('button', 'secondary small', text);
  b.type = 'button';
  b.addEventListener('click', () => {
    row.remove();
    changed();
    focusAfter().focus();
  });
  return b;
}

// cell returns a table cell labelled (data-label, the catalog's text for
// labelKey) for the card layout of a phone, holding value: a node, or its
// text (nothing for undefined or null).
export function cell(labelKey, value, className) {
  const td = el('td', className);
  td.dataset.label = t(labelKey);
  if (value instanceof Node) td.append(value);
  else td.textContent = value === undefined || value === null ? '' : String(value);
  return td;
}

// row returns a table row of cells, with data its data-* attributes
// ({ id: record.id }): what the row shows, by which the page's actions and
// the browser tests find it.
export function row(data, ...cells) {
  const tr = el('tr');
  Object.assign(tr.dataset, data);
  tr.append(...cells);
  return tr;
}

// safeNext returns where to go after signing in: value resolved against
// this site's origin the way the browser will resolve it (tabs and line
// breaks dropped, backslashes read as slashes), as a path of this site, or
// '/' when it would leave the site ("/\t/other.host", "//x", "https:x",
// "javascript:…").
export function safeNext(value) {
  if (typeof value !== 'string' || value === '') return '/';
  let url;
  try {
    url = new URL(value, location.origin + '/');
  } catch {
    return '/';
  }
  if (url.origin !== location.origin) return '/';
  return url.pathname + url.search + url.hash;
}

// signInURL is the sign-in page that comes back to the current page.
export function signInURL() {
  return '/dang-nhap.html?next=' + encodeURIComponent(location.pathname + location.search);
}

// organization loads the ward's public record (null when it cannot).
async function organization() {
  try {
    return await pb.collection('organization').getFirstListItem('', { requestKey: 'organization' });
  } catch {
    return null;
  }
}

// masthead fills the header: the ward, the app, the menu and who is signed in.
function masthead(header, org, person) {
  header.classList.add('masthead');
  const inner = el('div', 'masthead__inner');
  const brand = el('a', 'masthead__brand');
  brand.href = '/';
  brand.append(
    el('span', 'masthead__org', org ? t('page.committee') + ' ' + org.ward_name : t('page.committee')),
    el('span', 'masthead__app', t('app.name')),
  );
  inner.append(brand);
  if (!person) {
    // before sign-in, "Hướng dẫn" is the header's one link.
    const help = el('a', 'masthead__help', t('nav.help'));
    help.href = '/huong-dan.html';
    inner.append(help);
  }
  if (person) {
    const nav = el('nav', 'menu');
    nav.setAttribute('aria-label', t('nav.label'));
    const ul = el('ul', 'menu__list');
    const here = location.pathname.replace(/index\.html$/, '');
    for (const item of menuFor(person)) {
      const a = el('a', 'menu__link', t(item.key));
      a.href = item.href;
      a.dataset.key = item.key;
      if (item.counts) a.dataset.counts = item.counts;
      if (item.href === here) a.setAttribute('aria-current', 'page');
      const li = el('li');
      li.append(a);
      ul.append(li);
    }
    nav.append(ul);
    nav.id = 'menu';
    // a phone shows the menu behind one button (css: .menu-toggle).
    const toggle = el('button', 'secondary menu-toggle', t('nav.menu_button'));
    toggle.type = 'button';
    toggle.setAttribute('aria-controls', 'menu');
    toggle.setAttribute('aria-expanded', 'false');
    toggle.addEventListener('click', () => {
      const open = nav.classList.toggle('menu--open');
      toggle.setAttribute('aria-expanded', String(open));
    });
    menuCounts(nav, toggle);
    const who = el('div', 'who');
    const roles = ROLES.filter((r) => (person.roles || []).includes(r)).map((r) => t('role.' + r)).join(', ');
    const name = el('span', 'who__name', person.name || person.email);
    name.id = 'who-name';
    const unit = person.expand && person.expand.unit;
    const facts = el('span', 'who__roles', [roles, unit ? unit.name : ''].filter(Boolean).join(' · '));
    facts.id = 'who-roles';
    const out = el('button', 'secondary who__out', t('page.logout'));
    out.type = 'button';
    out.id = 'sign-out';
    out.addEventListener('click', () => {
      signOut();
      location.assign('/dang-nhap.html');
    });
    who.append(name, facts, toggle, out);
    inner.append(who, nav);
  }
  header.replaceChildren(inner);
}

// menuFor returns the menu entries person may use.
export function menuFor(person) {
  const roles = person.roles || [];
  return MENU.filter((m) => !m.roles || m.roles.some((r) => roles.includes(r)));
}

// signInDialog asks the same person to sign in again over the page; it
// resolves once signed in. The page under it is left as it is.
function signInDialog() {
  const email = (pb.authStore.record && pb.authStore.record.email) || '';
  return new Promise((resolve) => {
    const dialog = el('dialog', 'dialog');
    dialog.id = 'reauth';
    dialog.setAttribute('aria-labelledby', 'reauth-title');
    const form = el('form', 'form');
    form.noValidate = true;
    const h = el('h2', '', t('page.reauth_title'));
    h.id = 'reauth-title';
    const hint = el('p', 'hint', t('page.reauth_hint'));
    const le = el('label', '', t('page.email'));
    le.htmlFor = 'reauth-email';
    const ie = el('input');
    Object.assign(ie, { id: 'reauth-email', name: 'identity', type: 'email', autocomplete: 'username', value: email, required: true });
    const lp = el('label', '', t('page.password'));
    lp.htmlFor = 'reauth-password';
    const ip = el('input');
    Object.assign(ip, { id: 'reauth-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
    const status = el('p', 'status');
    status.setAttribute('role', 'alert');
    const button = el('button', '', t('page.login'));
    button.type = 'submit';
    form.append(h, hint, le, ie, lp, ip, status, button);
    dialog.append(form);
    dialog.addEventListener('cancel', (ev) => ev.preventDefault());
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      button.disabled = true;
      try {
        await signIn(ie.value.trim(), ip.value);
        dialog.close();
        dialog.remove();
        resolve();
      } catch (err) {
        say(status, err && err.status === 400 ? t('page.login_failed') : generalMessage(err), 'error');
        ip.select();
      } finally {
        button.disabled = false;
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    ip.focus();
  });
}

// start prepares a page: the catalog, the ward's name, the session and the
// menu. A page for signed-in people (the default) sends a visitor without
// a session to the sign-in page; roles (any of) limits who may use it, and
// others see a sentence instead of the page. It returns the signed-in
// record (null on a public page without session).
export async function start({ roles = null, public: isPublic = false } = {}) {
  try {
    await load();
  } catch {
    // without the catalog the keys show; the page still works
  }
  apply();
  const [org, person] = await Promise.all([organization(), me() ? refresh() : Promise.resolve(null)]);
  if (org) document.title = document.title + ' – ' + org.ward_name;
  if (!person && !isPublic) {
    location.replace(signInURL());
    return new Promise(() => {}); // the page goes away
  }
  // the back button after sign-out may show this page from the browser's
  // cache: without a session it goes to sign-in instead.
  if (!isPublic) {
    addEventListener('pageshow', (ev) => {
      if (ev.persisted && !me()) location.replace(signInURL());
    });
  }
  const header = document.querySelector('[data-layout]');
  if (header) masthead(header, org, person);
  watchFields(document.body);
  onExpired(signInDialog);
  if (roles && !(person && roles.some((r) => (person.roles || []).includes(r)))) {
    const main = document.getElementById('main');
    main.replaceChildren(el('p', 'status', t('page.no_access')));
    main.firstChild.dataset.kind = 'error';
    ready();
    return new Promise(() => {});
  }
  return person;
}

// ready marks the page as usable (tests wait for body[data-ready="true"]).
export function ready() {
  document.body.dataset.ready = 'true';
}
