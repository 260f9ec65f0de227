// office-reports: /van-phong/bao-cao.html — every Excel report and Word
// document of the round one click away, each with the file name it will
// have (the server's RFC 5987 name is what the download keeps).

import { ready, el } from '../layout.js';
import { pb } from '../pb.js';
import { say } from '../messages.js';
import { t } from '../i18n.js';
import { officeStart, $, downloadLink, loadError, noRound } from '../office.js';
import { roundDocuments, councilDocuments } from '../documents.js';

// REPORTS are the Excel reports of GET …/export.xlsx?report=…
const REPORTS = ['initiatives', 'scores', 'quota', 'decision', 'city', 'all'];

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
    say(status, '');
  } catch (err) {
    loadError(status, err);
  }
}
ready();
