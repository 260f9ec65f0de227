// initiative/draft: the local copy of a form being typed, kept in
// localStorage (keyed by user and record) from the first keystroke until
// the server has the same text, so nothing is lost when the network drops
// or the tab closes; offered back when the person returns.

const PREFIX = 'sangkien:draft:';

// key is where the copy of user's record id (or a new one) lives.
function key(userId, recordId) {
  return PREFIX + userId + ':' + (recordId || 'new');
}

// keep stores values as the local copy.
export function keep(userId, recordId, values) {
  try {
    localStorage.setItem(key(userId, recordId), JSON.stringify({ at: new Date().toISOString(), values }));
  } catch {
    // storage full or refused: the server copy is all there is
  }
}

// read returns the local copy ({at, values}) or null.
export function read(userId, recordId) {
  try {
    const raw = localStorage.getItem(key(userId, recordId));
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

// drop forgets the local copy.
export function drop(userId, recordId) {
  try {
    localStorage.removeItem(key(userId, recordId));
  } catch {
    // nothing to forget
  }
}

// same reports whether two sets of form values hold the same text.
export function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
