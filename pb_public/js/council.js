// council: what the council's pages share: who wrote an initiative, the
// state of a score sheet, points shown the Vietnamese way.

import { formatNumber } from './format.js';

// isAuthor reports whether the account userId wrote initiative item (its
// owner or a linked co-author): they never score it.
export function isAuthor(item, userId) {
  return item.owner === userId || (item.author_users || []).includes(userId);
}

// sheetState is "none" (no sheet yet), "draft" or "submitted".
export function sheetState(sheet) {
  if (!sheet) return 'none';
  return sheet.status === 'submitted' ? 'submitted' : 'draft';
}

// formatPoints shows a number of points the pages' one way ("17,5"), '–' for none.
export function formatPoints(value) {
  return typeof value === 'number' && Number.isFinite(value) ? formatNumber(value) : '–';
}
