// office-reports: /van-phong/bao-cao.html — every Excel report and Word
// document of the round one click away, each with the file name it will
// have (the server's RFC 5987 name is what the download keeps); for the
// emulation office, the people with a recognised initiative this year
// (GET …/recognized-people) and each one's initiatives over the years
// (GET /api/reform/people/{id}/initiatives).

import { ready, el } from '../layout.js';
import { pb } from '../pb.js';
import { say } from '../messages.js';
import { t } from '../i18n.js';
import { officeStart, $, downloadLink, loadError, noRound, cell, headRow, button } from '../office.js';
import { formatDate } from '../format.js';
import { roundDocuments, councilDocuments } from '../documents.js';

// REPORTS are the Excel reports of GET …/export.xlsx?report=…
const REPORTS = ['initiatives', 'scores', 'quota', 'decision', 'city', 'all', 'people'];

// decisionText names the decision that recognised a row at its scope.
function decisionText(r) {
  const d = r.scope && r.scope !== 'co_so' && r.scope_decision.number ? r.scope_decision : r.decision;
  if (!d.number) return '';
  return t('report.people.decision', { number: d.number, date: d.date ? formatDate(d.date + 'T00:00:00+07:00') : '' });
}

// history shows under a person's row their initiatives over the years.
async function history(tr, person) {
  const res = await pb.send('/api/reform/people/' + person + '/initiatives', { method: 'GET', requestKey: null });
  const row = el('tr', 'history');
  const td = el('td');
  td.colSpan = tr.cells.length;
  const list = el('ul');
  list.append(...res.items.map((h) => el('li', '', t('office.person_history_item', {
    year: h.year, code: h.code, title: h.title, status: t('status.' + h.status),
    tier: h.tier ? ' – ' + (h.tier_name || h.tier) : '', scope: h.scope ? ' – ' + t('scope.' + h.scope) : '',
  }))));
  td.append(list);
  row.append(td);
  tr.after(row);
}

// people fills the list of people with a recognised initiative.
async function people(y) {
  const res = await pb.send('/api/reform/rounds/' + y + '/recognized-people', { method: 'GET', requestKey: null });
  const table = $('people');
  headRow(table, ['report.col.person', 'report.col.unit', 'report.col.position', 'report.col.code', 'report.col.title',
    'report.col.share', 'report.col.tier', 'report.col.scope', 'report.col.decision']);
  table.tBodies[0].replaceChildren(...res.items.map((r) => {
    const tr = el('tr');
    tr.dataset.person = r.person;
    let name = r.name;
    if (r.person) {
      name = button(r.name, async () => {
        name.disabled = true;
        try {
          await history(tr, r.person);
        } catch (err) {
          loadError($('people-status'), err);
        }
      }, 'link');
      name.setAttribute('aria-label', t('office.person_history', { name: r.name }));
    }
    tr.append(cell('report.col.person', name, 'list__title'), cell('report.col.unit', r.unit), cell('report.col.position', r.position),
      cell('report.col.code', r.code, 'list__code'), cell('report.col.title', r.title), cell('report.col.share', r.share + '%', 'num'),
      cell('report.col.tier', r.tier_name || r.tier), cell('report.col.scope', r.scope ? t('scope.' + r.scope) : ''),
      cell('report.col.decision', decisionText(r)));
    return tr;
  }));
  table.hidden = res.items.length === 0;
  if (!res.items.length) say($('people-status'), t('office.people_none', { year: y }));
  $('people-card').hidden = false;
}

// excelName is the name the server gives report kind of year.
function excelName(kind, year) {
  return t('report.' + kind + '.file') + '-' + year + '.xlsx';
}

const { me, round } = await officeStart();
const status = $('page-status');
if (!round) {
  noRound(status);
} else {
  try {
    const y = round.year;
    const base = '/api/reform/rounds/' + y;
    const region = $('download-status');
    $('excel').replaceChildren(...REPORTS.map((k) => downloadLink(t(`office.report.${k}`), base + '/export.xlsx?report=' + k, excelName(k, y), region)));
    $('excel-card').hidden = false;
    const [recognition, councils] = await Promise.all([
      pb.collection('decisions').getList(1, 1, { filter: pb.filter('round = {:r} && kind = "recognition"', { r: round.id }), requestKey: null }),
      pb.collection('councils').getFullList({ filter: pb.filter('round = {:r}', { r: round.id }), requestKey: null }),
    ]);
    // the names internal/docs gives the documents.
    const names = {
      'doc.decision': (recognition.items.length ? '' : 'Du-thao-') + 'Quyet-dinh-cong-nhan-sang-kien-' + y + '.docx',
      'doc.minutes': 'Bien-ban-hop-Hoi-dong-' + y + '.docx',
      'doc.city_dossier': 'Ho-so-de-nghi-cap-thanh-pho-' + y + '.zip',
      'doc.establishment': 'Quyet-dinh-thanh-lap-Hoi-dong-' + y + '.docx',
    };
    const docs = [...roundDocuments(me, y), ...councils.flatMap((c) => councilDocuments(me, c))];
    const word = docs.map((d) => downloadLink(t(d.label), d.path, names[d.label] || '', region));
    $('word').replaceChildren(...word);
    $('word-card').hidden = false;
    await people(y);
    say(status, '');
  } catch (err) {
    loadError(status, err);
  }
}
ready();
