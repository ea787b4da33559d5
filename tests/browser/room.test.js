// A whole waiver item in one headless Chromium (issue 13): three delegate
// pages, each in its own browser context (its own IndexedDB, so its own
// key), make their keys, are enrolled by fingerprint, attend; one objects,
// one requests a vote (WT/L/93), all three vote; the chair decides. Every
// act is encoded, signed and posted by the page, and every receipt is
// checked by the page. Then: one byte changed in a receipt's proof makes the
// page's check fail; one byte changed in a signed Act makes the server
// refuse it (and the log does not grow); an act signed offline with
// `wtovote act sign` is uploaded and its receipt checked. No page raises a
// console error, fails a request or asks another origin for anything.
// The chair acts from the chair console (/chair) in the same browser: it
// confirms each key by the fingerprint the delegate page shows, calls for
// consensus, opens and closes the vote and decides, each by its button
// (room-pages.js, shared with chair_board.test.js). Only the tabling goes
// through the chair HTTP API: it must be backdated 31 days so that the
// waiver's consensus period has run (Art. IX:3(a), WT/L/93), and the
// console's form has no time field (the meeting itself is opened by
// `wtovote meeting open`, as the server needs an open record). With
// --board the board (/board) must show the decision, its outcome, citation
// and a count that agrees with its legend (CMake passes it when
// serve/web/board.html exists). Screenshots go to BUILD/browser/.
// Usage: node room.test.js [--board]   (env: WTOVOTE, WV_BUILD_DIR)
'use strict';
const fs = require('fs');
const path = require('path');
const lib = require('./lib.js');
const pages = require('./room-pages.js');
const { fail } = lib;

const MEMBERS = ['USA', 'IND', 'BRA'];
const STEP_MS = 20000;
const shots = path.join(process.env.WV_BUILD_DIR || '.', 'browser');

function openDelegate(browser, server, watch, member) {
  return pages.openDelegate(browser, server.url, watch, member, STEP_MS).catch((e) => fail(`${member}: ${e.message}`));
}

function act(d, kind, choice, said) {
  return pages.delegateAct(d, kind, choice, said).catch((e) => fail(e.message));
}

async function waitState(server, what, test) {
  const until = Date.now() + STEP_MS;
  for (;;) {
    const s = await lib.getJson(server, '/api/state');
    if (test(s)) return s;
    if (Date.now() > until) fail(`timed out waiting for ${what}: ${JSON.stringify(s.items)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Each key confirmed in the console by the member and fingerprint its
// delegate page shows.
async function enrolAll(chair, delegates) {
  for (const d of delegates)
    await pages.confirmKey(chair, d.member, d.fingerprint).catch((e) => fail(`${d.member}'s key: ${e.message}`));
  for (const d of delegates)
    await d.page.waitForSelector('#enrolment.ok');
}

// (c) one byte of the proof changed: the page's own check refuses it
async function tamperedProof(d) {
  return d.page.evaluate(async () => {
    const entry = window.wvDelegate.receipts.find((e) => e.result && e.result.size > 1n);
    const r = window.wvWire.decodeReceipt(entry.receipt);
    const bad = Uint8Array.from(entry.receipt);
    bad[r.inclusion_proof[0].byteOffset - entry.receipt.byteOffset] ^= 0x01;
    const good = await window.wvProof.checkReceipt(entry.receipt, entry.envelope, window.wvDelegate.secretariat);
    try {
      await window.wvProof.checkReceipt(bad, entry.envelope, window.wvDelegate.secretariat);
      return { good: !!good, bad: 'accepted' };
    } catch (e) {
      return { good: !!good, bad: e.message };
    }
  });
}

// (c) one byte of the signed Act changed (the nonce's last byte, so the
// body still decodes): uploaded through the page, the server refuses it
async function tamperedAct(d, server, watch, dir) {
  const env = await d.page.evaluate(() => Array.from(window.wvDelegate.receipts.find((e) => e.result).envelope));
  const bytes = Uint8Array.from(env);
  const e = require('../../serve/web/wv-wire.js').decodeEnvelope(bytes);
  bytes[e.body.byteOffset + e.body.length - 1] ^= 0x01;
  const file = path.join(dir, 'tampered.act');
  fs.writeFileSync(file, bytes);
  const entries = (await lib.getJson(server, '/api/state')).record.entries;
  watch.expect(403, '/api/acts');
  await upload(d, file);
  const last = await d.page.$eval('#receipt-list li', (li) => ({ ok: li.dataset.ok, text: li.textContent }));
  if (last.ok !== 'no' || !last.text.includes('WV_ERR_BAD_SIGNATURE'))
    fail(`${d.member}: a changed act was not refused for its signature: ${last.text}`);
  if ((await lib.getJson(server, '/api/state')).record.entries !== entries) fail('a refused act grew the log');
}

async function upload(d, file) {
  const before = await d.page.$$eval('#receipt-list li', (l) => l.length);
  const input = await d.page.$('#act-file');
  await input.uploadFile(file);
  await d.page.click('#send-file');
  await d.page.waitForFunction((n) => document.querySelectorAll('#receipt-list li').length > n, {}, before);
}

async function main() {
  const dir = lib.tmpdir();
  fs.mkdirSync(shots, { recursive: true });
  // A waiver's consensus period is at most 90 days (Art. IX:3(a)) and a
  // WT/L/93 request takes effect when it has run: the meeting opens and the
  // item is tabled 31 days ago with a 30-day period, so that the
  // delegations' objection and request today lead to a vote.
  const past = new Date(Date.now() - 31 * 86400e3).toISOString().replace(/\.\d+Z$/, 'Z');
  lib.makeMeeting(dir, 'GC-BROWSER', ['USA'], past);
  const server = await lib.startServer(dir);
  const watch = new lib.Watch(server.url);
  const browser = await lib.launch();
  try {
    let board = null, boardTally = '';
    if (process.argv.includes('--board')) {
      board = watch.page(await (await browser.createBrowserContext()).newPage(), 'board');
      await board.setViewport({ width: 1280, height: 720 });
      await board.goto(server.url + '/board', { waitUntil: 'load' });
    }
    const chair = watch.page(await (await browser.createBrowserContext()).newPage(), 'chair');
    chair.setDefaultTimeout(STEP_MS);
    await chair.setViewport({ width: 1280, height: 900 });
    await pages.openChair(chair, server.url, server.token);
    await lib.chair(server, 'table', { procedure: 'waiver', title: 'Waiver for a flood-hit Member',
      consensus_period_days: 30, time: past,
      waiver: { exceptional_circumstances: 'A flood destroyed the port', terms_and_conditions: 'Tariff quota of 10,000 t',
                termination_date: '2028-12-31' } });
    const delegates = [];
    for (const m of MEMBERS) delegates.push(await openDelegate(browser, server, watch, m));
    if (new Set(delegates.map((d) => d.fingerprint)).size !== 3) fail('two pages made the same key');
    await enrolAll(chair, delegates);
    const step = (action) => pages.chairStep(chair, 1, action).catch((e) => fail(e.message));
    await step('consensus-call');

    for (const d of delegates) await act(d, 'attend');
    const [usa, ind, bra] = delegates;
    const reason = 'The terms are not stated (Art. IX:4)';
    await act(ind, 'object', null, reason);
    const signed = await ind.page.evaluate(() => {
      const e = window.wvDelegate.receipts.find((r) => r.label.startsWith('object'));
      return window.wvWire.decodeAct(window.wvWire.decodeEnvelope(e.envelope).body).statement;
    });
    if (signed !== reason) fail(`the objection was signed with the statement "${signed}"`);
    await act(bra, 'request-vote');
    await waitState(server, 'an objection and a vote request', (s) => s.items[0].objections === 1 && s.items[0].vote_requests === 1);
    await step('vote-open');
    await usa.page.waitForSelector('#acts button[data-act="vote"]', { visible: true });
    await usa.page.screenshot({ path: path.join(shots, 'delegate-vote.png') });
    await act(usa, 'vote', 'yes');
    await act(ind, 'vote', 'no');
    await act(bra, 'vote', 'yes');
    await step('vote-close');
    await step('decide');
    const decided = await waitState(server, 'the decision', (s) => s.items[0].decision);
    await chair.bringToFront();
    await chair.screenshot({ path: path.join(shots, 'chair-room.png'), fullPage: true });
    const outcome = decided.items[0].decision.outcome;
    // three-fourths of 166 Members (Art. IX:3(a)): 2 yes of 3 votes is far short
    if (outcome !== 'rejected') fail(`waiver decided ${outcome}, expected rejected (Art. IX:3(a))`);
    for (const d of delegates)
      await d.page.waitForFunction((o) => document.querySelector('#agenda-list').textContent.includes(o), {}, outcome);

    const proof = await tamperedProof(usa);
    if (!proof.good || !/inclusion proof/.test(proof.bad)) fail(`a changed proof byte: ${JSON.stringify(proof)}`);
    await tamperedAct(ind, server, watch, dir);
    const ref = (await lib.getJson(server, '/api/state')).meeting_ref; // SPEC "Meeting identity"
    lib.cli(dir, 'act', 'sign', '--meeting', 'GC-BROWSER', '--meeting-ref', ref, '--member', 'USA', '--kind', 'statement', '--item', '1',
            '--statement', 'Explanation of vote', '-s', 'usa.key', '-o', 'offline.act');
    await upload(usa, path.join(dir, 'offline.act'));
    const off = await usa.page.$eval('#receipt-list li', (li) => ({ ok: li.dataset.ok, text: li.textContent }));
    if (off.ok !== 'yes') fail(`the offline act's receipt: ${off.text}`);

    let receipts = 0;
    for (const d of delegates) {
      const r = await d.page.evaluate(() => window.wvDelegate.receipts.map((e) => !!e.result));
      receipts += r.filter(Boolean).length;
    }
    // 3 attend, 1 object, 1 request-vote, 3 votes, 1 offline statement
    if (receipts !== 9) fail(`${receipts} receipts checked in the pages, expected 9`);
    // 1280x720 and a phone's 390 px: nothing wider than the window
    const overflow = () => usa.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (await overflow() > 0) fail(`the delegate page is ${await overflow()} px too wide at 1280x720`);
    await usa.page.screenshot({ path: path.join(shots, 'delegate.png'), fullPage: true });
    await usa.page.setViewport({ width: 390, height: 844 });
    if (await overflow() > 0) fail(`the delegate page is ${await overflow()} px too wide at 390x844: ` +
      await usa.page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) =>
        e.getBoundingClientRect().right > window.innerWidth).map((e) => e.tagName + '#' + e.id + '.' + e.className).join(' ')));
    await usa.page.screenshot({ path: path.join(shots, 'delegate-phone.png'), fullPage: true });
    // the key stays in this browser: after a reload the page finds it in
    // IndexedDB (same fingerprint, still enrolled), and its private half
    // cannot be exported
    await usa.page.reload({ waitUntil: 'load' });
    await usa.page.waitForSelector('#enrolment.ok');
    const again = await usa.page.$eval('#fingerprint', (e) => e.dataset.hex);
    if (again !== usa.fingerprint) fail(`after a reload the page shows fingerprint ${again}`);
    const exported = await usa.page.evaluate(async () => {
      const k = window.wvDelegate.key.privateKey;
      try {
        await crypto.subtle.exportKey('pkcs8', k);
        return 'exported';
      } catch (e) {
        return k.extractable ? 'extractable' : 'refused';
      }
    });
    if (exported !== 'refused') fail(`the private key: ${exported}`);

    if (board) {
      // the outcome word and the rule it rests on, on the item on the floor
      await board.waitForFunction((o) => {
        const f = document.getElementById('floor-body');
        return f.querySelector('.outcome')?.textContent === o &&
          /Art\. IX:3/.test(f.querySelector('.explanation')?.textContent || '');
      }, { polling: 200, timeout: STEP_MS }, outcome)
        .catch(async () => fail(`the board shows no decision "${outcome}" citing Art. IX:3: ` +
                                await board.$eval('#floor-body', (e) => e.textContent)));
      boardTally = await pages.boardAgreesWithTally(board, await lib.getJson(server, '/api/state'), 0)
        .catch((e) => fail(e.message));
      await board.bringToFront();
      await board.screenshot({ path: path.join(shots, 'board.png') });
    }
    // the watch itself catches what it must: an image from another origin,
    // which the pages' policy blocks with a console error
    await usa.page.evaluate(() => { new Image().src = 'http://192.0.2.1/x.png'; });
    await new Promise((r) => setTimeout(r, 500));
    const caught = watch.problems.filter((p) => p.includes('192.0.2.1'));
    watch.problems = watch.problems.filter((p) => !p.includes('192.0.2.1'));
    if (caught.length === 0) fail('a blocked request to another origin went unnoticed by the watch');
    watch.check();
    console.log(`room: 3 delegations enrolled by fingerprint, attended, objected, requested a vote and voted ` +
                `from their pages; ${receipts} receipts checked in the pages; decision ${outcome}; ` +
                `changed proof refused (${proof.bad}); changed act refused (WV_ERR_BAD_SIGNATURE); ` +
                `offline act accepted; key kept across a reload, not exportable; chair steps clicked in the console; board ${board ? 'showed the decision, ' + boardTally : 'not checked'}; no console error, failed request or other origin; screenshots in ${shots}`);
  } finally {
    await browser.close();
    const code = await lib.stopServer(server);
    if (code !== 0 && !process.exitCode) fail(`serve exited ${code} after SIGTERM`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const deadline = setTimeout(() => fail('room test over 240 s'), 240000);
main().then(() => clearTimeout(deadline), (e) => fail(e.stack || e.message));
