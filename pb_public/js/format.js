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

// ---- reading what people type: dates day first, decimal commas ----

// A parse result is {ok: true, value} or {ok: false, error: sentence}.

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

// formatNumber shows a number the Vietnamese way, with at most two
// decimals and none when whole: "81,5", "12", "1.250" (the one number
// format of the pages); '' when not a number.
export function formatNumber(value) {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? numberFormat.format(n) : '';
}

// formatMoney shows an amount in đồng with dots between thousands: "12.500.000".
export function formatMoney(value) {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }).format(n) : '';
}

// parseDay reads a day typed as people write it: dd/mm/yyyy (also with "."
// or "-", one-digit day or month), or yyyy-mm-dd as the calendar gives it.
// A day that does not exist ("31/02/2026") or a two-digit year is refused.
// value is the day as "yyyy-mm-dd" ('' for an empty field).
export function parseDay(text) {
  const s = String(text || '').trim();
  if (s === '') return { ok: true, value: '' };
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  let day, month, year;
  if (m) [, day, month, year] = m.map(Number);
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) [, year, month, day] = m.map(Number);
  else return { ok: false, error: t('format.date_invalid', { text: s }) };
  const d = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return { ok: false, error: t('format.date_not_exist', { text: s }) };
  }
  if (year < 1900 || year > 2200) return { ok: false, error: t('format.date_year', { text: s }) };
  const pad = (n) => String(n).padStart(2, '0');
  return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}

// showDay shows "yyyy-mm-dd" (or a PocketBase date) as dd/mm/yyyy; text
// that is neither is given back as it is.
export function showDay(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value || ''));
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return value ? formatDate(value) || String(value) : '';
}

// parseDecimal reads a number typed with a decimal comma or a decimal
// point ("12,5", "12.5", "-10", "30"); anything else — two separators,
// letters, a space inside, thousands groups — is refused rather than read
// as something else. value is the number as text with a point ('' when empty).
export function parseDecimal(text) {
  const s = String(text || '').trim();
  if (s === '') return { ok: true, value: '' };
  if (!/^[-−]?\d+([.,]\d+)?$/.test(s)) return { ok: false, error: t('format.decimal_invalid', { text: s }) };
  return { ok: true, value: String(Number(s.replace('−', '-').replace(',', '.'))) };
}

// parseMoney reads an amount in đồng typed with or without dots (or
// spaces) between thousands: "12.500.000", "12 500 000", "12500000".
// Dots anywhere else ("12.5", "1.25.000") or decimals are refused: a dot
// there may mean a decimal point to the person who typed it.
export function parseMoney(text) {
  const s = String(text || '').trim();
  if (s === '') return { ok: true, value: '' };
  if (!/^\d+$/.test(s) && !/^\d{1,3}([. ]\d{3})+$/.test(s)) return { ok: false, error: t('format.money_invalid', { text: s }) };
  return { ok: true, value: String(Number(s.replace(/[. ]/g, ''))) };
}

// formatRatio shows a share as the fraction people say ("2/3", "3/4",
// "1/2"), else as a percentage ("66,5%"); "100%" for all.
export function formatRatio(value) {
  const r = Number(value);
  if (!Number.isFinite(r)) return '';
  if (Math.abs(r - 1) < 1e-9) return '100%';
  for (let d = 2; d <= 12; d++) {
    const n = Math.round(r * d);
    if (n > 0 && Math.abs(n / d - r) < 1e-9) return n + '/' + d;
  }
  return formatNumber(r * 100) + '%';
}
