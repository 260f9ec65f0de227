// office-organization: the "Tên cơ quan" card of /van-phong/cai-dat.html
// (#co-quan): the ward's and the city's names, the office's address and the
// Chairman's name that every document prints, and the vice-chairman who
// signs the recognition decision for him in a year he authors an initiative. The secretariat edits the
// one organization record (its update rule); placeholders show as empty
// fields to fill.

import { pb, me } from '../pb.js';
import { say, handleSubmit } from '../messages.js';
import { t } from '../i18n.js';
import { organization, forget, isPlaceholder } from '../ward-names.js';

const FIELDS = ['ward_name', 'city_name', 'address', 'chairman_name', 'vice_chairman_name'];
const card = document.getElementById('co-quan');
const form = document.getElementById('org-form');
const status = document.getElementById('org-status');

const org = me() ? await organization() : null;
if (org && card && form) {
  for (const f of FIELDS) form.elements[f].value = isPlaceholder(org[f]) ? '' : org[f];
  card.hidden = false;
  if (location.hash === '#co-quan') card.scrollIntoView();
  handleSubmit(form, status, async (data) => {
    const body = {};
    for (const f of FIELDS) body[f] = String(data[f] || '').trim();
    if (!body.ward_name) {
      say(status, t('error.required', { field: t('office.org_ward') }), 'error');
      return;
    }
    await pb.collection('organization').update(org.id, body);
    forget();
    say(status, t('office.org_saved'), 'ok');
  });
}
