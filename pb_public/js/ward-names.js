// ward-names: the ward's names in the organization record, which every
// document's header and signature block prints. Until they are set (in
// the office's settings, or by SANGKIEN_WARD, SANGKIEN_CITY and
// SANGKIEN_CHAIRMAN at the first start) the record holds the seeded
// placeholders and a document would print "(TÊN PHƯỜNG)": the office's home
// says so, and a page offering a document warns before it is downloaded.

import { pb, hasRole } from './pb.js';
import { t } from './i18n.js';

// NAME_FIELDS are the names a document cannot do without.
export const NAME_FIELDS = ['ward_name', 'city_name', 'chairman_name'];

let loading = null;

// organization returns the organization record (null when it cannot be read).
export function organization() {
  if (!loading) loading = pb.collection('organization').getFirstListItem('', { requestKey: null }).catch(() => null);
  return loading;
}

// forget makes the next organization() read the record again.
export function forget() {
  loading = null;
}

// isPlaceholder reports whether v is empty or still the seeded placeholder
// ("Phường (tên phường)", "(họ và tên Chủ tịch UBND phường)").
export function isPlaceholder(v) {
  const s = String(v || '').trim();
  return !s || s.startsWith('(') || s.includes('(tên');
}

// unnamed reports whether org still lacks one of the names.
export function unnamed(org) {
  return !!org && NAME_FIELDS.some((f) => isPlaceholder(org[f]));
}

// namesNotice is the notice that the names are not set, with the way to
// set them: a link to the office's settings for the secretariat, whom to
// ask for anyone else.
export function namesNotice(key) {
  const p = document.createElement('p');
  p.className = 'notice';
  p.setAttribute('role', 'note');
  p.dataset.wardUnnamed = '';
  p.append(t(key), ' ');
  if (hasRole('secretariat')) {
    const a = document.createElement('a');
    a.href = '/van-phong/cai-dat.html#co-quan';
    a.textContent = t('ward.set_link');
    p.append(a);
  } else {
    p.append(t('ward.ask_secretariat'));
  }
  return p;
}

// warnUnnamedWard puts the notice, once per page, before the section that
// holds button (a document's download button) while the names are not set
// and the button is shown. body[data-ward-checked] marks that it looked.
export async function warnUnnamedWard(button) {
  if (!button || !button.isConnected || button.closest('[hidden]')) return;
  const org = await organization();
  document.body.dataset.wardChecked = 'true';
  if (!unnamed(org) || document.querySelector('[data-ward-unnamed]')) return;
  (button.closest('section') || button.parentElement).before(namesNotice('ward.unnamed_documents'));
}

// signatureText says who signs the recognition decision, from the
// decision preview's signature: "CHỦ TỊCH – name", or "KT. CHỦ TỊCH / PHÓ
// CHỦ TỊCH – name" when the chairman is an author of an initiative of the
// round (then with why); a name still to be set reads as such.
export function signatureText(sig) {
  if (!sig) return '';
  const name = isPlaceholder(sig.name) ? t('decision.signature_unnamed') : sig.name;
  const text = t('decision.signature', { head: (sig.head || []).join(' / '), name });
  return sig.chairman_author ? text + ' ' + t('decision.signature_chairman_author') : text;
}

// signerFor is the name the decision form proposes from the preview's
// signature: the vice-chairman the ward's record names when the chairman
// is an author ('' when it names none), else null (the page's own choice).
export function signerFor(sig) {
  if (!sig || !sig.chairman_author) return null;
  return isPlaceholder(sig.name) ? '' : sig.name;
}
