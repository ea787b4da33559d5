// Shared by the chair console and the board: the meeting's state, fetched
// again whenever the server's event stream (SSE, GET /api/events) says the
// record changed — pushed, never polled. Fetches are coalesced: one in
// flight at a time, one more if events arrived meanwhile.
'use strict';

/* exported roomLive, roomEl, roomIso */

// A DOM element with text and attributes; children appended in order.
// Text always goes through textContent: nothing from the server is parsed
// as HTML.
function roomEl(tag, attrs, ...children) {
  const svg = ['svg', 'circle', 'g', 'title', 'text'].includes(tag);
  const e = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag)
                : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === undefined || v === null) continue;
    e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// "2026-12-07T05:02:11Z" as the pages show it (ISO 8601 UTC, as given).
function roomIso(t) {
  return t ? String(t) : '';
}

// onState(state) after each fetch; onStatus(text) for the connection line.
function roomLive(onState, onStatus) {
  let busy = false, again = false;
  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      do {
        again = false;
        const r = await fetch('/api/state', { cache: 'no-store' });
        if (!r.ok) throw new Error(`GET /api/state: HTTP ${r.status}`);
        onState(await r.json());
      } while (again);
    } catch (e) {
      onStatus(`cannot read the state: ${e.message}`);
    } finally {
      busy = false;
    }
  }
  const es = new EventSource('/api/events');
  es.addEventListener('open', () => { onStatus('live'); refresh(); });
  es.addEventListener('error', () => onStatus('reconnecting to the event stream…'));
  for (const kind of ['entry', 'decision', 'checkpoint']) es.addEventListener(kind, refresh);
  refresh();
  return { refresh };
}
