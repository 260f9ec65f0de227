// round: which round a page opens, in one place for every page. Without
// ?year=, the round where this person has something pending in the page's
// role (GET /api/reform/me/todo), else the open one (for staff and unit
// heads: the earliest whose deadline for their unit, extension included,
// is still ahead; else the earliest open), else the latest. The same
// to-do list gives the menu its counts and the pickers their marks.

import { pb } from './pb.js';
import { t } from './i18n.js';
import { parseDate } from './format.js';

let todoPromise = null;

// loadTodo returns the signed-in person's to-do list (one request per
// page; null when it cannot be had: the pages still work without it).
export function loadTodo() {
  if (!todoPromise) {
    todoPromise = pb.send('/api/reform/me/todo', { requestKey: 'todo' }).catch(() => null);
  }
  return todoPromise;
}

// pendingIn returns how much waits for roles (any of) in the round of year.
export function pendingIn(todo, year, roles) {
  const r = todo && (todo.rounds || []).find((x) => x.year === Number(year));
  if (!r) return 0;
  return roles.reduce((n, role) => n + ((r.pending || {})[role] || 0), 0);
}

// chooseRound picks from rounds (latest year first) the round of year when
// given, else by the rule above; null when there is none. exts are the
// unit's extensions (staff, unit head).
export function chooseRound(rounds, { year = '', roles = [], todo = null, exts = [], now = new Date() } = {}) {
  if (year) return rounds.find((r) => String(r.year) === String(year)) || null;
  const oldestFirst = [...rounds].reverse();
  const pending = oldestFirst.find((r) => r.status !== 'closed' && pendingIn(todo, r.year, roles) > 0);
  if (pending) return pending;
  const ahead = (r) => {
    const until = [parseDate(r.submission_deadline), ...exts.filter((x) => x.round === r.id).map((x) => parseDate(x.until))]
      .filter(Boolean).sort((x, y) => y - x)[0];
    return !until || until > now;
  };
  const open = oldestFirst.filter((r) => r.status === 'open');
  return open.find(ahead) || open[0] || rounds[0] || null;
}

// roundFor loads the rounds and the to-do list and returns {rounds, round,
// todo} for a page of roles; unit (staff, unit heads) brings its
// extensions into the rule.
export async function roundFor(roles, { unit = '' } = {}) {
  const year = new URLSearchParams(location.search).get('year') || '';
  const [rounds, todo, exts] = await Promise.all([
    pb.collection('rounds').getFullList({ sort: '-year', requestKey: null }),
    loadTodo(),
    unit ? pb.collection('extensions').getFullList({ filter: pb.filter('unit = {:u}', { u: unit }), requestKey: null }) : [],
  ]);
  return { rounds, todo, round: chooseRound(rounds, { year, roles, todo, exts }) };
}

// roundLabel is a round's name in a picker: its year and status, and a
// mark when something waits for roles in it ("2026 – Đang thẩm định · 3
// việc chờ").
export function roundLabel(round, roles, todo) {
  const n = pendingIn(todo, round.year, roles);
  const text = String(round.year) + ' – ' + t('round_status.' + round.status);
  return n > 0 ? text + ' · ' + t('todo.pending_mark', { n }) : text;
}
