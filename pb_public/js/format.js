import { t } from './i18n.js';

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

const ZONE = 'Asia/Ho_Chi_Minh';
const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

// wardParts returns the day, month, year, hour and minute of d in the ward's zone.
function wardParts(d) {
  return Object.fromEntries(partsFormat.formatToParts(d).map((x) => [x.type, x.value]));
}

// formatDateTime shows an instant as "dd/mm/yyyy HH:MM" in the ward's zone, or ''.
export function formatDateTime(value) {
  const d = value instanceof Date ? value : parseDate(value);
  if (!d) return '';
  const p = wardParts(d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

// formatTime shows an instant's "HH:MM" in the ward's zone ("Đã lưu lúc 21:14").
export function formatTime(value) {
  const d = value instanceof Date ? value : parseDate(value);
  if (!d) return '';
  const p = wardParts(d);
  return `${p.hour}:${p.minute}`;
}

// lastDay shows a deadline instant ("trước ngày 25/9" is stored as
// 25/09 00:00 in Hà Nội) as the last day a person can act: "24/09/2026".
// Use with t('format.last_day', {date}) → "hết ngày 24/09/2026".
export function lastDay(value) {
  const d = value instanceof Date ? value : parseDate(value);
  if (!d) return '';
  return formatDate(new Date(d.getTime() - 1).toISOString());
}

// deadlineInstant shows the deadline itself, where precision matters:
// "00:00 25/09/2026" (Hà Nội time).
export function deadlineInstant(value) {
  const d = value instanceof Date ? value : parseDate(value);
  if (!d) return '';
  const p = wardParts(d);
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

const dayParts = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric' });

// wardDay returns d's calendar day in Hà Nội as a UTC midnight timestamp.
function wardDay(d) {
  const p = Object.fromEntries(dayParts.formatToParts(d).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day);
}

// daysLeft counts the ward's calendar days from today to the last day
// before the deadline instant until (a Date or a PocketBase date): 0 on
// the last day, -1 once passed. The server's deadline.DaysLeft is the
// same rule: every page and mail says the same "còn N ngày".
export function daysLeft(until, now = new Date()) {
  const d = until instanceof Date ? until : parseDate(until);
  if (!d) return null;
  if (now >= d) return -1;
  return Math.round((wardDay(new Date(d.getTime() - 1)) - wardDay(now)) / 86400000);
}

// dueText says a deadline to a person with the days left, the same words
// on every page: "hết ngày 24/09/2026 (còn 5 ngày)", "(hôm nay là ngày
// cuối)", "(đã quá hạn)"; '' without a deadline.
export function dueText(deadline) {
  const n = daysLeft(deadline);
  if (n === null) return '';
  const left = n < 0 ? t('staff.deadline_passed') : n === 0 ? t('staff.deadline_today') : t('staff.deadline_left', { n });
  return t('format.last_day', { date: lastDay(deadline) }) + ' (' + left + ')';
}
