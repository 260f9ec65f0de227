// i18n: the one catalog of Vietnamese strings (i18n/vi.json, flat dotted
// keys), shared with the server. Text goes into the page with textContent.

let catalog = {};

// load fetches the catalog; call it once before t or apply.
export async function load() {
  const res = await fetch('/i18n/vi.json', { cache: 'no-cache' });
  if (!res.ok) throw new Error('i18n: ' + res.status);
  catalog = await res.json();
}

// t returns the string for key with each {name} replaced from args; a
// missing key returns the key itself, so a gap shows and is never blank.
export function t(key, args = {}) {
  let s = Object.hasOwn(catalog, key) ? catalog[key] : key;
  for (const [name, value] of Object.entries(args)) {
    s = s.replaceAll('{' + name + '}', String(value));
  }
  return s;
}

// has reports whether the catalog holds key.
export function has(key) {
  return Object.hasOwn(catalog, key);
}

// apply fills every element under root that has data-i18n with its string.
export function apply(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n);
  }
}
