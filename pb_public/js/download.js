// download: a file from a route that needs the session (Excel reports,
// Word documents): fetched with the token, then saved under the name the
// server gives (Content-Disposition, RFC 5987) through a blob link.

import { pb } from './pb.js';

// fileNameOf reads the file name of a Content-Disposition header.
export function fileNameOf(header, fallback) {
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header || '');
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // a malformed name: the plain one, else the fallback
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header || '');
  return plain ? plain[1].trim() : fallback;
}

// download fetches path with the session and saves it; it returns the
// file name. A refusal throws an error shaped like the SDK's (status,
// response) so that messages.js can say it.
export async function download(path, fallback = 'tai-lieu') {
  const res = await fetch(path, { headers: { Authorization: pb.authStore.token } });
  if (!res.ok) {
    let body = {};
    try {
      body = await res.json();
    } catch {
      // not JSON: the status says enough
    }
    throw Object.assign(new Error(body.message || String(res.status)), { status: res.status, response: body });
  }
  const name = fileNameOf(res.headers.get('Content-Disposition'), fallback);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return name;
}
