/* The delegate page (issue 13): the delegation's Ed25519 key made and kept
 * in this browser (WebCrypto, non-extractable, IndexedDB), enrolment, the
 * acts the procedure allows now, each encoded (wv-wire.js), shown, signed
 * and posted here, and every receipt checked here (wv-proof.js). Live from
 * the event stream (SPEC.md "HTTP API"); no polling. */
(function () {
  'use strict';
  const wire = window.wvWire, proof = window.wvProof;
  const $ = (id) => document.getElementById(id);

  /* What the page knows. `mine` is rebuilt from the event stream, which
   * replays the log from entry 0 on every connection. */
  const page = {
    key: null,        /* {member, keyId, publicKey, privateKey} from IndexedDB */
    fingerprint: '',
    enrolled: false,
    state: null,      /* /api/state */
    secretariat: null,
    pending: null,    /* {act, body} waiting for "Sign and send" */
    mine: null,
    receipts: [],     /* {envelope, receipt, result}; read by tests/browser */
  };
  window.wvDelegate = page;

  function freshMine() {
    return { present: false, objecting: new Set(), requested: new Set(), voted: new Set(),
             accepted: new Set() };
  }
  page.mine = freshMine();

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('data-')) e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const c of children) e.append(c);
    return e;
  }

  function notice(text) {
    $('notice').textContent = text;
    $('notice').hidden = !text;
  }

  /* ---------------------------------------------------------- the key */

  function db() {
    return new Promise((resolve, reject) => {
      const open = indexedDB.open('wtovote-delegation', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('keys');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
  }

  async function store(op, value) {
    const d = await db();
    return new Promise((resolve, reject) => {
      const tx = d.transaction('keys', op === 'get' ? 'readonly' : 'readwrite');
      const req = op === 'get' ? tx.objectStore('keys').get(location.host)
                               : tx.objectStore('keys').put(value, location.host);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }

  /* Ed25519 with a non-extractable private key; the key id is 8 random
   * bytes, as `wtovote keygen` draws it (SPEC "Key id"). */
  async function makeKey(member) {
    const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify']);
    const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const key = { member, keyId: crypto.getRandomValues(new Uint8Array(8)), publicKey,
                  privateKey: pair.privateKey };
    await store('put', key);
    return key;
  }

  async function showKey() {
    const k = page.key;
    $('no-key').hidden = !!k;
    $('key-info').hidden = !k;
    $('key-help').hidden = !k || page.enrolled;
    if (!k) return;
    /* SPEC "Enrolment": lower-case hex of SHA-256 of the 32-byte key */
    page.fingerprint = wire.hex(await proof.sha256(k.publicKey));
    $('who').textContent = k.member;
    $('key-member').textContent = k.member;
    $('key-id').textContent = wire.keyIdText(k.keyId);
    $('fingerprint').textContent = page.fingerprint.match(/.{8}/g).join(' ');
    $('fingerprint').dataset.hex = page.fingerprint;
    $('enrolment').textContent = page.enrolled ? 'enrolled: your acts count'
                                               : 'waiting for the chair to confirm this fingerprint';
    $('enrolment').className = page.enrolled ? 'ok' : '';
  }

  async function enrol() {
    const res = await fetch('/api/enrol', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ member: page.key.member,
                             public_key: wire.publicKeyText(page.key.keyId, page.key.publicKey) }) });
    const answer = await res.json();
    if (res.status !== 202) throw new Error(`enrolment refused: ${answer.message} (${answer.code})`);
    if (answer.fingerprint !== page.fingerprint)
      throw new Error('the server computed another fingerprint for our key');
  }

  async function onMakeKey() {
    $('make-key').disabled = true;
    try {
      page.key = await makeKey($('member').value);
      await showKey();
      await enrol();
      notice('');
    } catch (e) {
      notice(e.message);
    } finally {
      $('make-key').disabled = false;
    }
    render();
  }

  /* ---------------------------------------------------------- state */

  async function loadRoster() {
    const res = await fetch('/record/roster.pb');
    const members = wire.decodeRosterMembers(new Uint8Array(await res.arrayBuffer()));
    $('member').replaceChildren(...members.map((m) =>
      el('option', { value: m.code, textContent: `${m.code} — ${m.name}` })));
  }

  async function loadSecretariat() {
    const res = await fetch('/record/secretariat.pub');
    page.secretariat = wire.parsePublicKeyText(await res.text()).public_key;
  }

  let refreshing = null;
  function refresh() { /* one fetch for a burst of events */
    if (refreshing) return;
    refreshing = setTimeout(async () => {
      refreshing = null;
      try {
        const res = await fetch('/api/state');
        page.state = await res.json();
        render();
      } catch (e) {
        notice('cannot read the meeting\'s state: ' + e.message);
      }
    }, 100);
  }

  /* My own acts as the record holds them (the stream never shows a
   * ballot's choice; that we voted is enough here). */
  function track(ev) {
    const m = page.mine;
    if (ev.type === 'chair' && ev.kind === 'key-enrol' && page.key &&
        ev.member === page.key.member && ev.key_id === wire.keyIdText(page.key.keyId)) {
      page.enrolled = true;
      showKey();
    }
    if (ev.type !== 'act' || !page.key || ev.member !== page.key.member) return;
    if (ev.kind === 'attend') m.present = true;
    if (ev.kind === 'leave') m.present = false;
    if (ev.kind === 'object') m.objecting.add(ev.item);
    if (ev.kind === 'withdraw') m.objecting.delete(ev.item);
    if (ev.kind === 'request-vote') m.requested.add(ev.item);
    if (ev.kind === 'vote') m.voted.add(ev.item);
    if (ev.kind === 'accept') m.accepted.add(ev.item);
  }

  function listen() {
    const es = new EventSource('/api/events');
    es.onopen = () => { /* a reconnection resumes after Last-Event-ID: `mine` stands */
      $('live').textContent = 'live';
      $('live').className = 'live on';
      refresh();
    };
    es.onerror = () => {
      $('live').textContent = 'reconnecting…';
      $('live').className = 'live';
    };
    es.addEventListener('entry', (e) => {
      track(JSON.parse(e.data));
      refresh();
    });
    es.addEventListener('decision', refresh);
    es.addEventListener('checkpoint', refresh);
  }

  /* ---------------------------------------------------------- render */

  /* The item on the floor: the latest one tabled and not yet decided. */
  function floorItem(state) {
    const open = (state.items || []).filter((it) => it.stage !== 'decided');
    return open.length ? open[open.length - 1] : null;
  }

  function renderAgenda(state, floor) {
    $('agenda-list').replaceChildren(...(state.items || []).map((it) => {
      const decided = it.decision ? ` — ${it.decision.outcome}` : '';
      const li = el('li', { class: floor && it.item === floor.item ? 'current' : '' },
                    `${it.item}. ${it.title} `, el('span', { class: 'stage', textContent: it.stage + decided }));
      for (const step of it.decision ? it.decision.explanation : [])
        li.append(el('p', { class: 'why' }, step.text + ' ', el('span', { class: 'cite', textContent: `(${step.citation})` })));
      return li;
    }));
  }

  /* Only what the rules allow now (state's delegation_acts) and what this
   * delegation has not done already. */
  function allowed(state, floor) {
    const m = page.mine;
    const acts = (state.delegation_acts || []).filter((a) => (a.act === 'attend') !== m.present);
    if (!floor || !m.present) return acts.map((a) => Object.assign({ item: 0 }, a));
    for (const a of floor.delegation_acts || []) {
      if ((a.act === 'object' && m.objecting.has(floor.item)) ||
          (a.act === 'withdraw' && !m.objecting.has(floor.item)) ||
          (a.act === 'request-vote' && m.requested.has(floor.item)) ||
          (a.act === 'vote' && m.voted.has(floor.item)) ||
          (a.act === 'accept' && m.accepted.has(floor.item)))
        continue;
      acts.push(Object.assign({ item: floor.item }, a));
    }
    return acts;
  }

  const LABELS = { attend: 'Attend', leave: 'Leave', object: 'Object', withdraw: 'Withdraw objection',
                   'request-vote': 'Request a vote', accept: 'Accept', statement: 'Statement…' };

  function actRow(a) {
    const why = el('p', { class: 'why' }, a.text + ' ', el('span', { class: 'cite', textContent: `(${a.citation})` }));
    let control;
    if (a.act === 'vote')
      control = el('div', { class: 'choices' }, ...wire.CHOICES.slice(1).map((c) =>
        el('button', { type: 'button', textContent: c[0].toUpperCase() + c.slice(1),
                       'data-act': 'vote', 'data-choice': c, onclick: () => prepare(a, { choice: c }) })));
    else
      control = el('button', { type: 'button', textContent: LABELS[a.act] || a.act, 'data-act': a.act,
                               onclick: () => prepare(a, {}) });
    return el('li', {}, control, why);
  }

  function render() {
    const s = page.state;
    if (!s) return;
    $('meeting').textContent = `${s.meeting.id} — ${s.meeting.title || s.meeting.body}` +
      (s.meeting.closed ? ' (closed)' : '');
    const floor = floorItem(s);
    renderAgenda(s, floor);
    const show = page.key && page.enrolled && s.meeting.opened && !s.meeting.closed;
    $('floor').hidden = !show;
    if (!show) return;
    $('floor-item').textContent = floor ? `Item ${floor.item}: ${floor.title}` : 'No item on the floor';
    $('floor-stage').textContent = floor ? `${floor.stage} · ${floor.procedure} (${floor.citation}) · ` +
      `${floor.present} present, ${floor.objections} objecting, ${floor.ballots_cast} ballots cast` : '';
    /* rebuilt only when the list changes: a button does not vanish under
     * the pointer because another delegation acted */
    const acts = allowed(s, floor);
    const key = JSON.stringify(acts);
    if (key !== page.actsKey) {
      page.actsKey = key;
      $('acts').replaceChildren(...acts.map(actRow));
    }
  }

  /* ---------------------------------------------------------- acts */

  /* Builds the Act and shows it before anything is signed. */
  function prepare(a, extra) {
    const s = page.state;
    const act = { meeting_id: s.meeting.id, member: page.key.member, kind: a.act, item: a.item,
                  time: Math.floor(Date.now() / 1000),
                  nonce: crypto.getRandomValues(new Uint8Array(16)) };
    if (extra.choice) act.choice = extra.choice;
    if (a.act === 'vote' && page.key.member === 'EU') act.eu_bloc = !!a.eu_bloc; /* as the state says (IX:1 fn 2) */
    if (s.meeting_ref) act.meeting_ref = wire.fromHex(s.meeting_ref); /* the meeting's identity */
    const says = a.act === 'statement' || a.act === 'object';
    $('confirm-say').hidden = !says;
    $('confirm-say-label').textContent = a.act === 'object' ? 'Reason for the objection (optional)'
                                                             : 'Your statement';
    $('confirm-statement').value = '';
    page.pending = { act };
    showPending();
    $('confirm').hidden = false;
    (says ? $('confirm-statement') : $('sign')).focus();
  }

  /* The fields and the exact bytes that will be signed, again after each
   * change to the statement. */
  function showPending() {
    const p = page.pending, act = p.act;
    act.statement = $('confirm-say').hidden ? '' : $('confirm-statement').value;
    p.body = wire.encodeAct(act);
    const rows = [['Act', act.kind], ['Member', act.member], ['Meeting', act.meeting_id]];
    if (act.item) rows.push(['Item', String(act.item)]);
    if (act.choice) rows.push(['Choice', act.choice + (act.eu_bloc ? ' (the EU bloc)' : '')]);
    if (act.statement) rows.push(['Statement', act.statement]);
    rows.push(['Time', new Date(act.time * 1000).toISOString().replace('.000Z', 'Z')]);
    $('confirm-fields').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', { textContent: k }),
                                                                     el('dd', { textContent: v })]));
    $('confirm-bytes').textContent = wire.hex(p.body).match(/.{1,2}/g).join(' ');
  }

  async function signAndSend() {
    const p = page.pending;
    page.pending = null;
    $('confirm').hidden = true;
    if (!p) return;
    const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, page.key.privateKey,
                                                        wire.signedBytes(wire.ACT_TAG, p.body)));
    await post(wire.encodeEnvelope(wire.BODY_ACT, p.body, page.key.keyId, sig));
  }

  /* Posts an envelope and checks its receipt here. */
  async function post(envelope) {
    let act;
    try {
      act = wire.decodeAct(wire.decodeEnvelope(envelope).body);
    } catch (e) {
      return addReceipt({ envelope, label: 'not an act', error: 'cannot be read: ' + e.message });
    }
    const label = `${act.kind}${act.item ? ' on item ' + act.item : ''} by ${act.member}`;
    const res = await fetch('/api/acts', { method: 'POST', body: envelope,
                                           headers: { 'Content-Type': 'application/octet-stream' } });
    if (res.status !== 200) {
      const r = await res.json();
      return addReceipt({ envelope, label, error: `refused: ${r.message} (${r.code}, HTTP ${res.status})` });
    }
    const receipt = new Uint8Array(await res.arrayBuffer());
    const entry = { envelope, receipt, label };
    try {
      entry.result = await proof.checkReceipt(receipt, envelope, page.secretariat);
    } catch (e) {
      entry.error = 'receipt check FAILED: ' + e.message;
    }
    addReceipt(entry);
  }

  function addReceipt(entry) {
    page.receipts.push(entry);
    const r = entry.result;
    const text = r ? `admitted as entry ${r.index}; receipt checked: Secretariat's signature on the ` +
      `checkpoint of ${r.size} entries and the inclusion proof to root ${r.root.slice(0, 16)}…`
      : entry.error;
    $('receipt-list').prepend(el('li', { 'data-ok': r ? 'yes' : 'no' }, el('strong', { textContent: entry.label + ': ' }),
                                 el('span', { class: r ? 'ok' : 'bad', textContent: text })));
  }

  async function sendFile() {
    const f = $('act-file').files[0];
    if (!f) return notice('Choose an .act file first.');
    notice('');
    await post(new Uint8Array(await f.arrayBuffer()));
  }

  /* ---------------------------------------------------------- start */

  async function start() {
    $('make-key').onclick = onMakeKey;
    $('sign').onclick = signAndSend;
    $('cancel').onclick = () => {
      page.pending = null;
      $('confirm').hidden = true;
    };
    $('send-file').onclick = sendFile;
    /* the pending list lives in the server's memory: after a restart the
     * key must be presented again */
    $('enrol-again').onclick = () => enrol().then(() => notice('Asked again: read the fingerprint to the chair.'),
                                                  (e) => notice(e.message));
    $('confirm-statement').oninput = () => page.pending && showPending();
    if (!window.isSecureContext || !crypto.subtle) {
      notice('This page needs a secure context (https://, or http://127.0.0.1) to sign: ' +
             'ask the trainer for the https:// address and its certificate fingerprint.');
      return;
    }
    try {
      await Promise.all([loadRoster(), loadSecretariat()]);
      page.key = (await store('get')) || null;
    } catch (e) {
      notice('cannot start: ' + e.message);
    }
    await showKey();
    listen();
  }

  start();
})();
