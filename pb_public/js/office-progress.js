// office-progress: how far the council is with its sheets, counted from
// what the secretariat may see: the councils and seats of the round, the
// accepted initiatives given to them, and the submitted sheets (the
// scores list rule shows the secretariat submitted sheets only; drafts
// stay the member's own).

import { pb } from './pb.js';

// progress returns {members, initiatives, expected, submitted} for round:
// members [{seat, user, name, council, expected, submitted}] (voting
// seats), initiatives [{record, voters, submitted}] (assigned ones). A
// member who wrote an initiative is not expected to score it.
export async function progress(round) {
  const councils = await pb.collection('councils').getFullList({
    filter: pb.filter('round = {:r}', { r: round.id }), requestKey: null,
  });
  const ids = new Set(councils.map((c) => c.id));
  const seats = ids.size === 0 ? [] : (await pb.collection('council_members').getFullList({
    filter: [...ids].map((id) => pb.filter('council = {:c}', { c: id })).join(' || '),
    expand: 'user', requestKey: null,
  })).filter((s) => s.votes);
  const initiatives = (await pb.collection('initiatives').getFullList({
    filter: pb.filter('round = {:r} && council != ""', { r: round.id }), sort: 'code',
    fields: 'id,code,title,council,owner,author_users', requestKey: null,
  })).filter((i) => ids.has(i.council));
  const scores = await submittedSheets(initiatives);
  const done = new Set(scores.map((s) => s.initiative + '/' + s.member));
  const authorOf = (i, user) => i.owner === user || (i.author_users || []).includes(user);
  const members = seats.map((s) => {
    const mine = initiatives.filter((i) => i.council === s.council && !authorOf(i, s.user));
    return {
      seat: s, user: s.user, council: s.council,
      name: (s.expand && s.expand.user && s.expand.user.name) || s.user,
      expected: mine.length,
      submitted: mine.filter((i) => done.has(i.id + '/' + s.user)).length,
    };
  });
  const rows = initiatives.map((i) => {
    const voters = seats.filter((s) => s.council === i.council && !authorOf(i, s.user));
    return { record: i, voters: voters.length, submitted: voters.filter((s) => done.has(i.id + '/' + s.user)).length };
  });
  return {
    members, initiatives: rows,
    expected: members.reduce((n, m) => n + m.expected, 0),
    submitted: members.reduce((n, m) => n + m.submitted, 0),
  };
}

// submittedSheets returns the submitted sheets on initiatives, asked for
// in batches of 25 initiatives (a filter has at most 30 comparisons).
async function submittedSheets(initiatives) {
  const out = [];
  for (let i = 0; i < initiatives.length; i += 25) {
    const part = initiatives.slice(i, i + 25);
    const which = part.map((x) => pb.filter('initiative = {:i}', { i: x.id })).join(' || ');
    out.push(...await pb.collection('scores').getFullList({
      filter: 'status = "submitted" && (' + which + ')', fields: 'id,initiative,member,status', requestKey: null,
    }));
  }
  return out;
}
