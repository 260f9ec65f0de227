// outcome: how the results pages (the office's and the Chairman's) say an
// initiative's outcome, from GET /api/reform/rounds/{year}/results: the
// rule the round follows (the sentence the documents print), the round's
// own tier names, and why an initiative is not recognised.

import { t } from './i18n.js';
import { formatNumber } from './format.js';

// ruleText is the round's rule as the documents cite it, then its own
// tiers and quorum when they differ from today's.
export function ruleText(round) {
  if (!round || !round.rule) return '';
  return [t('results.rule', { rule: round.rule }), ...(round.rule_notes || [])].join(' ');
}

// tierText names a tier by the round's own tiers (today's names else).
export function tierText(tier, tiers) {
  if (!tier) return t('report.tier.none');
  const own = (tiers || []).find((x) => x.code === tier);
  return own && own.name ? own.name : t(`report.tier.${tier}`);
}

// whyText says why an initiative is not recognised, whether its members
// split and whether it is provisional; crit are the results' criteria.
export function whyText(r, crit) {
  const n = (v) => (typeof v === 'number' && Number.isFinite(v) ? formatNumber(v) : '');
  const parts = (r.why || []).map((w) => {
    const c = (crit || []).find((x) => x.code === w.criterion);
    return t(`office.why.${w.code}`, { name: c ? c.name : w.criterion || '', value: n(w.value), need: n(w.need) });
  });
  if (r.split) parts.push(t('office.split', { spread: n(r.spread) }));
  if (r.provisional) parts.push(t('office.provisional', { sheets: r.sheets, needed: r.quorum_needed }));
  return parts.join('; ');
}
