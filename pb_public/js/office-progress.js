// office-progress: how far the council is with its sheets, as the server
// counts them (GET /api/reform/rounds/{year}/progress): the voting seats of
// the round's councils and the accepted initiatives given to them, a sheet
// counted once submitted and as the scores rule shows it to the caller.

import { pb } from './pb.js';

// progress returns {members, initiatives, expected, submitted} for round:
// members [{seat, user, name, council, expected, submitted}] (voting
// seats), initiatives [{id, code, title, council, voters, submitted}]
// (accepted ones given to a council, by code). A member who wrote an
// initiative is not expected to score it.
export function progress(round) {
  return pb.send('/api/reform/rounds/' + round.year + '/progress', { requestKey: null });
}
