// api: calls to the PocketBase REST API with the signed-in person's token,
// which is kept in localStorage.

const KEY = 'sangkien.auth';

// session is the stored sign-in: { token, record } or null.
export const session = {
  get() {
    try {
      const s = JSON.parse(localStorage.getItem(KEY));
      return s && typeof s.token === 'string' ? s : null;
    } catch {
      return null;
    }
  },
  save(token, record) {
    localStorage.setItem(KEY, JSON.stringify({ token, record }));
  },
  clear() {
    localStorage.removeItem(KEY);
  },
};

// ApiError is a failed call: status 0 when the server could not be reached.
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || 'HTTP ' + status);
    this.status = status;
    this.body = body;
  }
}

// request calls the API and returns the decoded JSON answer; it sends the
// stored token unless auth is false.
export async function request(method, path, { body, auth = true } = {}) {
  const headers = { Accept: 'application/json' };
  const s = auth ? session.get() : null;
  if (s) headers.Authorization = s.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null);
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    // an empty or non-JSON answer
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}
