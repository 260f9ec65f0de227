// help: /huong-dan.html, "Hướng dẫn": what each role does in the pages, in
// the order of the year, one part per role (the catalog's help.<role>.N
// lines). A signed-in person sees their own roles' parts first; anyone may
// read every part, signed in or not. Linked from every page's header.

import { start, ready, el, ROLES } from '../layout.js';
import { t, has } from '../i18n.js';
import { say } from '../messages.js';

const $ = (id) => document.getElementById(id);
const PARTS = [...ROLES, 'forms'];

// part returns the section of one role: its title, where it lands, its steps.
function part(role, mine) {
  const s = el('section', 'card help');
  s.id = 'help-' + role;
  const h = el('h2', '', t('help.' + role + '.title'));
  if (mine) h.append(' ', el('span', 'badge badge--todo', t('help.yours')));
  s.append(h);
  if (has('help.' + role + '.lands')) s.append(el('p', 'hint', t('help.' + role + '.lands')));
  const ol = el('ol', 'help__steps');
  for (let i = 1; has(`help.${role}.${i}`); i++) ol.append(el('li', '', t(`help.${role}.${i}`)));
  s.append(ol);
  return s;
}

const me = await start({ public: true });
const roles = (me && me.roles) || [];
$('help-intro').textContent = t(me ? 'help.intro_signed_in' : 'help.intro');
const order = [...PARTS.filter((r) => roles.includes(r)), ...PARTS.filter((r) => !roles.includes(r))];
$('help-parts').replaceChildren(...order.map((r) => part(r, roles.includes(r))));
$('help-toc').querySelector('ul').replaceChildren(...order.map((r) => {
  const li = el('li');
  const a = el('a', '', t('help.' + r + '.title'));
  a.href = '#help-' + r;
  li.append(a);
  return li;
}));
say($('page-status'), '');
ready();
