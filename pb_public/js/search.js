// search: the search box of the lists, the staff home and the public page.
// Every <form data-search> becomes a labelled field and a button; the hits
// appear under it, best first, each with its code, unit, year, status and a
// snippet of its own text whose matched words are marked (<mark>, text put
// with textContent, never HTML). data-search="public" searches the
// published rows only (no sign-in); data-search-link is where a hit leads
// (its id appended). Case, tones and đ are ignored ("dao tao" finds
// "Đào tạo"); a code may be typed with or without dashes.

import { pb } from './pb.js';
import { load, t, has } from './i18n.js';

const PER_PAGE = 10;

// el makes an element with a class and text.
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

// snippet renders the segments of a hit's snippet.
function snippet(segments) {
  const p = el('p', 'search__snippet');
  for (const s of segments || []) p.append(s.mark ? el('mark', '', s.text) : document.createTextNode(s.text));
  return p;
}

// hit renders one search hit.
function hit(item, link) {
  const li = el('li', 'search__hit');
  const head = el('p', 'search__title');
  if (link && item.id) {
    const a = el('a', '', item.title);
    a.href = link + encodeURIComponent(item.id);
    head.append(a);
  } else {
    head.append(el('strong', '', item.title));
  }
  li.append(head);
  const meta = [item.code, item.unit, item.year ? t('search.year', { year: item.year }) : '',
    item.status ? t('status.' + item.status) : ''].filter(Boolean).join(' · ');
  li.append(el('p', 'search__meta muted', meta), snippet(item.snippet));
  return li;
}

// mountSearch turns form into a search box.
export function mountSearch(form) {
  const isPublic = form.dataset.search === 'public';
  const link = form.dataset.searchLink || (isPublic ? '' : '/sang-kien/xem.html?id=');
  const id = 'search-q-' + Math.random().toString(36).slice(2, 8);
  form.classList.add('search');
  form.setAttribute('role', 'search');
  const label = el('label', 'search__label', t(isPublic ? 'search.label_public' : 'search.label'));
  label.htmlFor = id;
  const input = el('input', 'search__input');
  Object.assign(input, { type: 'search', id, name: 'q', autocomplete: 'off', enterKeyHint: 'search' });
  input.placeholder = t('search.placeholder');
  const button = el('button', 'secondary', t('search.submit'));
  button.type = 'submit';
  const row = el('div', 'search__row');
  row.append(input, button);
  const status = el('p', 'status search__status');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const list = el('ol', 'search__hits');
  const more = el('button', 'secondary search__more', t('search.more'));
  more.type = 'button';
  more.hidden = true;
  form.replaceChildren(label, row, status, list, more);
  form.hidden = false;

  let q = '';
  let page = 1;
  // run fetches page of the hits of q and shows them (appended after page 1).
  const run = async () => {
    status.dataset.kind = '';
    status.textContent = t('search.searching');
    try {
      const query = { q, page, perPage: PER_PAGE };
      const res = isPublic
        ? await fetch('/api/reform/public/search?' + new URLSearchParams(query)).then((r) => {
          if (!r.ok) throw new Error(String(r.status));
          return r.json();
        })
        : await pb.send('/api/reform/search', { query, requestKey: null });
      if (page === 1) list.replaceChildren();
      for (const item of res.items || []) list.append(hit(item, link));
      const key = res.more ? 'search.count_more' : 'search.count';
      status.textContent = res.totalItems ? t(key, { count: res.totalItems.toLocaleString('vi-VN'), q }) : t('search.none', { q });
      more.hidden = page >= (res.totalPages || 0);
    } catch {
      status.dataset.kind = 'error';
      status.textContent = t('search.error');
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    q = input.value.trim();
    page = 1;
    if (!q) {
      list.replaceChildren();
      status.textContent = '';
      more.hidden = true;
      return;
    }
    run();
  });
  more.addEventListener('click', () => {
    page += 1;
    run();
  });
}

// the boxes of the page, once the catalog is loaded.
if (!has('search.label')) {
  try {
    await load();
  } catch {
    // the keys show; the box still works
  }
}
for (const form of document.querySelectorAll('form[data-search]')) mountSearch(form);
