// public: /cong-khai/?year=YYYY, for anyone without sign-in: the
// initiatives the ward recognised, year by year (GET
// /api/reform/public/recognized): title, unit, field, summary, tier and
// authors. Nothing of drafts, sheets or votes reaches the page.

import { start, ready, el } from '../layout.js';
import { pb, me } from '../pb.js';
import { say, generalMessage } from '../messages.js';
import { t } from '../i18n.js';

const $ = (id) => document.getElementById(id);
const TIER = { xuat_sac: 'report.tier.xuat_sac', tot: 'report.tier.tot', dat: 'report.tier.dat' };

// item builds the entry of one recognised initiative.
function item(it) {
  const art = el('article', 'public-item');
  const top = el('p', 'muted');
  top.append(it.code ? it.code + ' · ' : '', el('span', 'badge badge--tier-' + it.tier, t('public.tier', { tier: it.tier_name || t(TIER[it.tier] || 'report.tier.dat') })));
  art.append(top, el('h3', '', it.title));
  const facts = el('dl', 'doc-facts');
  const fact = (key, value) => {
    if (value) facts.append(el('dt', '', t(key)), el('dd', '', value));
  };
  fact('public.authors', (it.authors || []).join(', '));
  fact('page.col_unit', it.unit);
  fact('page.col_field', it.field_code ? it.field_code + ') ' + it.field : it.field);
  art.append(facts);
  if (it.summary) art.append(el('p', '', it.summary));
  return art;
}

await start({ public: true });
if (me()) $('sign-in').hidden = true;
try {
  const asked = new URLSearchParams(location.search).get('year') || '';
  const res = await pb.send('/api/reform/public/recognized', { query: asked ? { year: asked } : {}, requestKey: null });
  const ul = $('years').querySelector('ul');
  ul.replaceChildren(...res.years.map((y) => {
    const a = el('a', '', String(y));
    a.href = '?year=' + y;
    if (y === res.year) a.setAttribute('aria-current', 'page');
    const li = el('li');
    li.append(a);
    return li;
  }));
  $('years').hidden = res.years.length === 0;
  if (!res.year) {
    say($('page-status'), t('public.none_yet'));
  } else {
    $('list-title').textContent = t('public.year_title', { year: res.year });
    $('list-count').textContent = t('public.count', { count: res.items.length });
    $('items').replaceChildren(...res.items.map(item));
    if (res.items.length === 0) $('items').append(el('p', 'muted', t('public.empty_year', { year: res.year })));
    $('list').hidden = false;
    say($('page-status'), '');
  }
} catch (err) {
  say($('page-status'), generalMessage(err), 'error');
}
ready();
