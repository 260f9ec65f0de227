// pager: a long list shown a page at a time, so no page grows to thousands
// of pixels (the accounts of a ward, a unit's initiatives over the years).
// pageRows(table, rows) puts one page of rows into the table's body and
// "Trang 2/5 · Trang trước · Trang sau" under it; pagerNav draws the same
// under a table whose page the server sends. The page is kept in the
// address (?trang=2, or the name given), so back and reload keep it.
// serverPages asks such a list one page at a time (a city's round:
// thousands of rows) and draws it with pagerNav.

import { el } from './layout.js';
import { t } from './i18n.js';

// PAGE_SIZE is how many rows a page shows: twenty, ten on a phone (where
// each row is a card of its own).
export const PAGE_SIZE = matchMedia('(max-width: 640px)').matches ? 10 : 20;

// askedPage is the page the address asks for in param, a whole number
// within 1..pages and no larger than the server reads as one (a page sent
// as 2.5 or 1e+30 is refused with 400).
export function askedPage(pages, param = 'trang') {
  const asked = Math.floor(Number(new URLSearchParams(location.search).get(param))) || 1;
  return Math.min(Math.max(1, asked), pages, MAX_PAGE);
}

// MAX_PAGE is the largest page asked: past it a page number is no longer
// written as a whole number.
const MAX_PAGE = Number.MAX_SAFE_INTEGER;

// keepPage writes page into the address as param (none for the first).
function keepPage(param, page) {
  const q = new URLSearchParams(location.search);
  if (page > 1) q.set(param, String(page));
  else q.delete(param);
  history.replaceState(null, '', location.pathname + (q.toString() ? '?' + q : ''));
}

// pagerNav puts under table the pager of page (of pages; count rows in
// all), hidden when there is one page. A list the server does not count
// passes more instead of pages and count: "Trang 3", the next page while
// more. A click keeps the new page in the address (param), awaits
// go(page) and brings the table into view.
export function pagerNav(table, { page, pages, count, more, param = 'trang', go }) {
  const open = more !== undefined;
  let nav = table.nextElementSibling && table.nextElementSibling.classList.contains('pager') ? table.nextElementSibling : null;
  if (!nav) {
    nav = el('nav', 'pager');
    nav.setAttribute('aria-label', t('pager.label'));
    table.after(nav);
  }
  nav.hidden = open ? page === 1 && !more : pages < 2;
  const prev = el('button', 'secondary small', t('pager.prev'));
  prev.type = 'button';
  prev.disabled = page === 1;
  const next = el('button', 'secondary small', t('pager.next'));
  next.type = 'button';
  next.disabled = open ? !more : page === pages;
  const where = el('span', 'pager__where', open ? t('pager.where_open', { page }) : t('pager.where', { page, pages, count }));
  where.setAttribute('aria-live', 'polite');
  const to = async (p) => {
    keepPage(param, p);
    prev.disabled = next.disabled = true;
    await go(p);
    table.scrollIntoView({ block: 'start' });
  };
  prev.addEventListener('click', () => to(page - 1));
  next.addEventListener('click', () => to(page + 1));
  nav.replaceChildren(prev, where, next);
}

// pageRows shows rows (table rows already built) a page at a time in
// table's first body; param names the page's query parameter.
export function pageRows(table, rows, { size = PAGE_SIZE, param = 'trang' } = {}) {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const show = (page) => {
    table.tBodies[0].replaceChildren(...rows.slice((page - 1) * size, page * size));
    pagerNav(table, { page, pages, count: rows.length, param, go: show });
  };
  show(askedPage(pages, param));
}

// serverPages shows a list the server pages in table's first body, the
// page the address asks for first: fetch(page, size) answers one page as
// the SDK's getList does ({page, totalPages, totalItems, items}), or
// uncounted ({items, more}, no totalPages: more while a next page holds
// rows), toRows
// builds its table rows. A counted page past the end (rows gone since)
// shows the last; an uncounted one shows empty, with its way back. A page that fails to load goes to onError, the table and its
// pager as they were. It resolves to the answer shown first.
export async function serverPages(table, fetch, toRows, { size = PAGE_SIZE, param = 'trang', onError = () => {} } = {}) {
  const counted = (res) => res.totalPages !== undefined;
  const draw = (res, page) => pagerNav(table, {
    page, param, ...(counted(res) ? { pages: Math.max(1, res.totalPages), count: res.totalItems } : { more: Boolean(res.more) }),
    go: async (p) => {
      try {
        await show(p);
      } catch (err) {
        keepPage(param, page);
        draw(res, page);
        onError(err);
      }
    },
  });
  const show = async (asked) => {
    let res = await fetch(asked, size);
    if (counted(res) && res.totalPages > 0 && asked > res.totalPages) res = await fetch(res.totalPages, size);
    const page = counted(res) ? Math.max(1, Math.min(asked, res.totalPages)) : asked;
    keepPage(param, page);
    table.tBodies[0].replaceChildren(...toRows(res.items));
    draw(res, page);
    return res;
  };
  return show(askedPage(Infinity, param));
}
