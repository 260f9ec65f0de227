// format: how the ward shows values. Dates are dd/mm/yyyy in
// Asia/Ho_Chi_Minh, whatever the browser's own zone.

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric',
});

// parseDate reads a PocketBase date ("2025-09-24 17:00:00.000Z"); null when empty.
export function parseDate(value) {
  if (!value) return null;
  const d = new Date(String(value).replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? null : d;
}

// formatDate shows a PocketBase date as dd/mm/yyyy in the ward's zone, or ''.
export function formatDate(value) {
  const d = parseDate(value);
  if (!d) return '';
  const p = Object.fromEntries(dayFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year}`;
}
