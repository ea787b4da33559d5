// The chair console (/chair): the chair token (from the URL's #token=...
// or typed; kept in this tab's sessionStorage only, never sent but as the
// Authorization header of chair requests), pending keys to confirm by
// fingerprint, and for each item the steps the rules allow now — each with
// what it does, its citation and, when refused, the state machine's reason
// (GET /api/state "chair_next"). Requests: POST /api/chair/ACTION (SPEC.md,
// "Chair requests"); the answer is shown as the server gives it.
'use strict';

/* global roomLive, roomEl */

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'wtovote-chair-token';
let live = null;

function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

function takeTokenFromUrl() {
  const m = /^#token=([0-9a-f]{64})$/.exec(location.hash);
  if (!m) return;
  sessionStorage.setItem(TOKEN_KEY, m[1]);
  history.replaceState(null, '', location.pathname); // not left in the address bar
}

function answer(text, kind) {
  const a = $('answer');
  a.textContent = text;
  a.className = `answer ${kind}`;
}

async function chairRequest(action, body) {
  if (!token()) return answer('Enter the chair token first.', 'refused');
  let r, j = {};
  try {
    r = await fetch(`/api/chair/${action}`, {
      method: 'POST', cache: 'no-store', body: JSON.stringify(body || {}),
      headers: { Authorization: `Bearer ${token()}`, 'Content-Type': 'application/json' } });
    j = await r.json().catch(() => ({}));
  } catch (e) {
    return answer(`${action}: no answer from the server (${e.message})`, 'refused');
  }
  if (r.ok) answer(`${action}: admitted as entry ${j.index} of the record`, 'done');
  else answer(`${action} refused (HTTP ${r.status}, ${j.code || '?'}): ${j.message || ''}`, 'refused');
  refreshPending();
  if (live) live.refresh();
}

// One step: its button, then what it does (citation) or why not now.
function step(s, body) {
  const why = roomEl('p', { class: 'why' }, s.text || '', ' ',
                     s.citation ? roomEl('span', { class: 'cite' }, `(${s.citation})`) : null);
  if (!s.allowed)
    why.append(roomEl('br'), roomEl('span', { class: 'no' }, `Not now: ${s.reason} `),
               roomEl('span', { class: 'cite' }, `[${s.code}]`));
  const b = roomEl('button', { type: 'button', disabled: !s.allowed, 'data-action': s.action },
                   s.action.replace('-', ' '));
  b.addEventListener('click', () => chairRequest(s.action, body));
  return roomEl('div', { class: 'step' }, b, why);
}

function itemBlock(it) {
  const counts = `${it.present}/${it.eligible} present, ${it.objections} objection(s) in force, ` +
    `${it.vote_requests} vote request(s), ${it.ballots_cast} ballot(s) cast`;
  return roomEl('div', { class: 'item', id: `item-${it.item}` },
    roomEl('h3', {}, `${it.item}. ${it.title}`),
    roomEl('p', {}, `${it.procedure} `, roomEl('span', { class: 'cite' }, `(${it.citation})`),
           ` — stage: ${it.stage}; ${counts}`),
    it.decision ? roomEl('p', {}, `Decision: ${it.decision.outcome} (${it.decision.stage})`) : null,
    ...it.chair_next.map((s) => step(s, { item: it.item })));
}

function show(state) {
  const m = state.meeting;
  $('title').textContent = `Chair — ${m.title || m.id}`;
  $('subtitle').textContent = `${m.id}, ${m.body}: ${m.present} of ${m.members} present` +
    (m.closed ? `; closed ${m.closed_at}` : '') + ` — ${state.time}`;
  $('items').replaceChildren(...(state.items || []).map(itemBlock));
  if (!state.items || state.items.length === 0) $('items').append(roomEl('p', {}, 'No item tabled yet.'));
  $('meeting-actions').replaceChildren(...(state.chair_next || []).map((s) => step(s, {})));
  refreshPending();
}

function groups(hex) {
  return hex.replace(/(.{4})/g, '$1 ').trim();
}

async function refreshPending() {
  let list = [];
  try {
    const r = await fetch('/api/enrolments', { cache: 'no-store' });
    if (r.ok) list = await r.json();
  } catch (e) { /* the state line says whether the server answers */ }
  const ul = $('pending');
  ul.replaceChildren(...list.map((k) => {
    const b = roomEl('button', { type: 'button' }, `Confirm ${k.member}`);
    b.addEventListener('click', () => chairRequest('enrol', { fingerprint: k.fingerprint }));
    return roomEl('li', {}, roomEl('strong', {}, k.member), `key ${k.key_id}`,
                  roomEl('span', { class: 'fingerprint' }, groups(k.fingerprint)), b);
  }));
  if (list.length === 0) ul.append(roomEl('li', {}, 'No key waiting.'));
}

function tableFromForm(ev) {
  ev.preventDefault();
  const f = new FormData(ev.target);
  const body = { title: f.get('title'), procedure: f.get('procedure') };
  if (f.get('proponent')) body.proponent = f.get('proponent');
  const days = Number(f.get('consensus_period_days'));
  if (days > 0) body.consensus_period_days = days;
  const w = ['exceptional_circumstances', 'terms_and_conditions', 'termination_date'];
  if (w.some((k) => f.get(k))) body.waiver = Object.fromEntries(w.map((k) => [k, f.get(k)]));
  chairRequest('table', body);
}

takeTokenFromUrl();
$('token').value = token();
$('token-save').addEventListener('click', () => {
  sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  answer('Token kept for this tab.', 'done');
});
$('table-form').addEventListener('submit', tableFromForm);
live = roomLive(show, (text) => { $('live').textContent = text; });
// A key presented is not an entry of the record, so the event stream does
// not announce it: the pending list alone is read again every 3 s.
setInterval(refreshPending, 3000);
