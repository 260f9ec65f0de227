// council: what the council's pages share: who wrote an initiative, the
// state of a score sheet, points shown the Vietnamese way.

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

const pointsFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

// formatPoints shows a number of points with a decimal comma ("17,5").
export function formatPoints(value) {
  return typeof value === 'number' && Number.isFinite(value) ? pointsFormat.format(value) : '–';
}
