// The public board (/board): the agenda, the item on the floor, the room as
// a hemicycle, the threshold and the count where the procedure makes it
// public, each decision with its explanation and citation, and the latest
// checkpoint. Redrawn from GET /api/state whenever the event stream says
// the record changed (room-live.js). While a vote is open the server
// itself withholds every choice ("voted"): the board cannot show how
// anyone voted because it is never told.
'use strict';

/* global roomLive, roomEl */

// Positions, in the order of the legend, with the words a room reads.
const POSITIONS = [
  ['present', 'present'], ['objected', 'objecting'], ['voted', 'voted (secret until the close)'],
  ['yes', 'yes'], ['no', 'no'], ['abstain', 'abstained'], ['accepted', 'accepted'],
  ['absent', 'absent'], ['not-party', 'not a party'],
];

const $ = (id) => document.getElementById(id);

// Seats on R concentric half rings, as many per ring as its length allows;
// Members in roster order from left to right.
function hemicycleSeats(n) {
  const rows = Math.max(1, Math.min(10, Math.round(Math.sqrt(n / 2.6))));
  const radii = Array.from({ length: rows }, (_, i) => 0.42 + (0.56 * i) / Math.max(1, rows - 1));
  const total = radii.reduce((a, b) => a + b, 0);
  const counts = radii.map((r) => Math.floor((n * r) / total));
  for (let i = rows - 1, left = n - counts.reduce((a, b) => a + b, 0); left > 0; i = (i + rows - 1) % rows, left--)
    counts[i]++;
  const seats = [];
  radii.forEach((r, row) => {
    for (let j = 0; j < counts[row]; j++) {
      const a = Math.PI * (1 - (j + 0.5) / counts[row]);
      seats.push({ a, row, x: r * Math.cos(a), y: -r * Math.sin(a) });
    }
  });
  seats.sort((p, q) => q.a - p.a || p.row - q.row);
  const gap = rows > 1 ? 0.56 / (rows - 1) : 0.2;
  const arc = (Math.PI * radii[0]) / Math.max(1, counts[0]);
  return { seats, radius: Math.min(gap, arc) * 0.42 };
}

// bloc: the EU's bloc vote ({choice, votes}) or null; its seat is one of
// the legend's seats of that choice, and the legend says it carries more
// votes (Art. IX:1 fn 2).
function drawRoom(roster, positions, bloc) {
  const { seats, radius } = hemicycleSeats(roster.length);
  const svg = roomEl('svg', { viewBox: '-1.02 -1.02 2.04 1.08', role: 'img',
                              'aria-label': `the room: ${roster.length} Members` });
  const counts = {};
  roster.forEach((m, i) => {
    const pos = positions ? positions[i] : (m.present ? 'present' : 'absent');
    counts[pos] = (counts[pos] || 0) + 1;
    const s = seats[i];
    svg.append(roomEl('circle', { cx: s.x.toFixed(4), cy: s.y.toFixed(4), r: radius.toFixed(4),
                                  class: `seat pos-${pos}` },
                      roomEl('title', {}, `${m.code}${m.name ? ' — ' + m.name : ''}: ${pos}`)));
  });
  $('hemicycle').replaceChildren(svg);
  $('legend').replaceChildren(...POSITIONS.filter(([p]) => counts[p]).map(([p, words]) =>
    roomEl('li', {}, roomEl('svg', { viewBox: '-1 -1 2 2', 'aria-hidden': 'true' },
                            roomEl('circle', { r: 0.8, class: `seat pos-${p}` })),
           `${words}: ${counts[p]}`,
           bloc && bloc.choice === p ? ` (the EU's seat: ${bloc.votes} votes)` : '')));
}

function count(label, value) {
  return roomEl('li', {}, roomEl('b', {}, value), label);
}

function explanation(d) {
  return roomEl('ol', { class: 'explanation' }, ...(d.explanation || []).map((s) =>
    roomEl('li', {}, s.text, ' ', roomEl('span', { class: 'cite' }, `(${s.citation})`))));
}

function decisionLine(d) {
  const nums = [`yes ${d.yes}`, `no ${d.no}`, `abstain ${d.abstain}`];
  if (d.required !== undefined) nums.push(`required ${d.required}`);
  return roomEl('p', {}, roomEl('span', { class: `outcome outcome-${d.outcome}` }, d.outcome),
                ` (${d.stage}) — ${nums.join(', ')}`);
}

// The engine's tally (as the decision counts): the individual ballots,
// and the EU's one ballot carrying a vote for each of its member States
// (Art. IX:1 fn 2) added to its choice.
function tally(votes) {
  const t = { yes: votes.yes, no: votes.no, abstain: votes.abstain, bloc: null };
  if (votes.eu_bloc in t && votes.eu_bloc_votes > 0) {
    t[votes.eu_bloc] += votes.eu_bloc_votes;
    t.bloc = { choice: votes.eu_bloc, votes: votes.eu_bloc_votes };
  }
  return t;
}

// Why the room's seats and the count differ when the EU voted as a bloc:
// its seat is one of the seats, its ballot counts as many votes as it has
// member States.
function blocNote(t, ballots) {
  const { choice, votes } = t.bloc;
  return roomEl('p', { class: 'bloc-note', 'data-bloc-choice': choice, 'data-bloc-votes': votes },
    `The EU cast one ballot for its ${votes} member States, counted as ${votes} votes `,
    roomEl('span', { class: 'cite' }, '(Art. IX:1 fn 2)'),
    `: ${ballots} ballots, one per seat in the room, make ${t.yes + t.no + t.abstain} votes; ` +
    `the EU's seat is one of the room's "${choice}" seats, its ${votes} votes are in the count.`);
}

// What the procedure makes public at this stage: objections during the
// consensus call, only the number of ballots while the vote is open, the
// count once it closed.
function floor(item) {
  const counts = [count('present', `${item.present} / ${item.eligible}`)];
  if (item.stage === 'consensus' || item.objections > 0)
    counts.push(count('objections in force', item.objections));
  if (item.vote_requests > 0) counts.push(count('vote requests', item.vote_requests));
  if (item.stage === 'voting' || item.votes !== undefined) counts.push(count('ballots cast', item.ballots_cast));
  const t = item.votes && typeof item.votes === 'object' ? tally(item.votes) : null;
  if (t) {
    counts.push(count('yes', t.yes), count('no', t.no), count('abstain', t.abstain));
    if (t.bloc) counts.push(count(`EU bloc: ${t.bloc.votes} votes`, t.bloc.choice));
  }
  if (item.acceptances > 0) counts.push(count('acceptances', item.acceptances));
  return [
    roomEl('p', { class: 'item-title' }, `${item.item}. ${item.title}`),
    roomEl('p', {}, roomEl('span', { class: 'stage' }, item.stage), ' ',
           `${item.procedure} `, roomEl('span', { class: 'cite' }, `(${item.citation})`),
           item.proponent ? ` — proposed by ${item.proponent}` : ''),
    item.decision ? decisionLine(item.decision) : null,
    item.threshold ? roomEl('p', {}, `Needs ${item.threshold.words} `,
                            roomEl('span', { class: 'cite' }, `(${item.threshold.citation})`)) : null,
    roomEl('ul', { class: 'counts' }, ...counts),
    typeof item.votes === 'string' ? roomEl('p', {}, `How each Member voted: ${item.votes}.`) : null,
    t && t.bloc ? blocNote(t, item.ballots_cast) : null,
    item.decision ? explanation(item.decision) : null,
  ];
}

function agenda(items) {
  return items.map((it) => roomEl('li', {},
    roomEl('strong', {}, it.title), ` — ${it.procedure}, ${it.stage}`,
    it.decision ? decisionLine(it.decision) : null,
    it.decision ? explanation(it.decision) : null));
}

function checkpoint(record) {
  const lines = (record.checkpoint || '').split('\n');
  $('cp-summary').textContent = `${record.entries} entries in the log; the checkpoint below, ` +
    `signed by the Secretariat, covers ${lines[1] || '?'}` +
    (record.withheld ? ' (the ballots of the open vote are withheld until it closes)' : '') +
    '. Check it: wtovote verify URL.';
  $('cp-text').textContent = record.checkpoint || '';
}

function show(state) {
  const m = state.meeting;
  $('title').textContent = m.title || m.id;
  $('subtitle').textContent = `${m.id} — ${m.body} — ${m.present} of ${m.members} Members present` +
    (m.closed ? ` — closed ${m.closed_at}` : '') + ` — ${state.time}`;
  const items = state.items || [];
  // the item under consideration; else the next tabled; else the last
  const onFloor = items.filter((i) => ['consensus', 'voting', 'vote-closed'].includes(i.stage)).pop() ||
    items.find((i) => i.stage !== 'decided') || items[items.length - 1];
  if (onFloor) $('floor-body').replaceChildren(...floor(onFloor).filter(Boolean));
  const votes = onFloor && typeof onFloor.votes === 'object' ? onFloor.votes : null;
  drawRoom(m.roster || [], onFloor ? onFloor.positions : null, votes && tally(votes).bloc);
  $('agenda-list').replaceChildren(...agenda(items));
  checkpoint(state.record);
}

roomLive(show, (text) => { $('live').textContent = text; });
