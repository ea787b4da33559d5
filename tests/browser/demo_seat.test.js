// One browser delegation in `wtovote serve --demo` with the automated chair
// (issue 13: a full waiver item with one browser delegation and 165
// simulated ones, and a record that passes `wtovote verify`). A delegate
// page in headless Chromium takes KEN's seat (not an EU member State, whose
// ballot the EU's bloc casts, Art. IX:1 fn 2): it makes its key, the
// automated chair confirms it, the page attends, objects and asks for a
// vote (WT/L/93, so that the item goes to a vote whatever the model
// draws), and votes once the chair opens the vote. Every act is signed and
// posted by the page, and every receipt checked by the page. The decision
// must cite Art. IX:3 and show on the page; KEN has exactly its four acts
// in the record (the model never acts for a taken seat); more than 100
// other ballots were cast. No console error, failed request or request to
// another origin. serve stops on SIGTERM with 0 and `wtovote verify`
// accepts the record it leaves.
// Usage: node demo_seat.test.js   (env: WTOVOTE; NODE_PATH for puppeteer-core)
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const lib = require('./lib.js');
const pages = require('./room-pages.js');
const { fail } = lib;

const MEMBER = 'KEN';
// Upper bounds only: the chair moves on as soon as the page has acted. The
// wait covers Chromium's start on a loaded machine; the pace, a page's act.
const WAIT_S = 120, PACE_S = 45;
const STEP_MS = 60000;
const T0 = Date.now();
const note = (msg) => console.log(`  ${((Date.now() - T0) / 1000).toFixed(1)} s: ${msg}`);

async function waitState(server, what, seconds, test) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const s = await lib.getJson(server, '/api/state');
    if (test(s)) return s;
    if (Date.now() > until) fail(`${what}: not within ${seconds} s: ${JSON.stringify(s.items[0]).slice(0, 600)}\n${server.out()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// The log's events as /api/events replays them (read for 3 s; the stream
// stays open, so its last, maybe cut, line is dropped).
async function events(server) {
  let text = '';
  try {
    const res = await fetch(server.url + '/api/events', { signal: AbortSignal.timeout(3000) });
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
  } catch (e) {
    if (e.name !== 'TimeoutError' && e.name !== 'AbortError') throw e;
  }
  return text.split('\n').slice(0, -1).filter((l) => l.startsWith('data: {')).map((l) => JSON.parse(l.slice(6)));
}

async function main() {
  const dir = lib.tmpdir();
  const out = path.join(dir, 'demo');
  const server = await lib.startDemo(out, ['--demo-wait', String(WAIT_S), '--demo-pace', String(PACE_S)]);
  note(`serving at ${server.url}`);
  const watch = new lib.Watch(server.url);
  let browser = null;
  try {
    browser = await lib.launch();
    const d = await pages.openDelegate(browser, server.url, watch, MEMBER, STEP_MS)
      .catch((e) => fail(`${MEMBER}'s page: ${e.message}`));
    // the automated chair confirms the key the page presented
    await d.page.waitForSelector('#enrolment.ok').catch(() => fail(`the chair did not enrol ${MEMBER}'s key\n${server.out()}`));
    note(`${MEMBER} enrolled (fingerprint ${d.fingerprint.slice(0, 8)}...)`);
    const act = (kind, choice, said) => pages.delegateAct(d, kind, choice, said).catch((e) => fail(e.message));
    await act('attend');
    // the model's delegations attend once the page is seated, then the call
    await waitState(server, 'the consensus call', 60, (s) => s.items[0].stage !== 'tabled' && s.meeting.present > 100);
    note('consensus called');
    await act('object', null, 'The terms are not stated (Art. IX:4)');
    await act('request-vote');
    await waitState(server, 'the vote to open', PACE_S + 15, (s) => s.items[0].votes === 'hidden until the vote closes');
    note('vote open');
    await act('vote', 'yes');
    const decided = await waitState(server, 'the decision', PACE_S + 15, (s) => s.items[0].decision);
    const item = decided.items[0], decision = item.decision;
    note(`decided ${decision.outcome}`);
    if (!decision.explanation.some((e) => /Art\. IX:3/.test(e.citation)))
      fail(`the decision cites no Art. IX:3: ${JSON.stringify(decision.explanation)}`);
    if (decision.stage !== 'vote') fail(`decided at stage ${decision.stage}, not by the vote`);
    await d.page.waitForFunction((o) => document.querySelector('#agenda-list').textContent.includes(o),
                                 { polling: 200, timeout: 20000 }, decision.outcome)
      .catch(async () => fail(`the page does not show "${decision.outcome}": ` +
                              await d.page.$eval('#agenda-list', (e) => e.textContent)));

    // the page checked a receipt for each of its four acts
    const checked = await d.page.evaluate(() => window.wvDelegate.receipts.map((e) => !!e.result));
    if (checked.length !== 4 || !checked.every(Boolean)) fail(`receipts checked in the page: ${JSON.stringify(checked)}`);
    const log = await events(server);
    const mine = log.filter((e) => e.type === 'act' && e.member === MEMBER).map((e) => e.kind);
    if (mine.join(' ') !== 'attend object request-vote vote') fail(`${MEMBER}'s acts in the record: ${mine.join(' ')}`);
    const enrolled = log.filter((e) => e.type === 'chair' && e.kind === 'key-enrol' && e.member === MEMBER).length;
    if (enrolled !== 1) fail(`${MEMBER}'s key enrolled ${enrolled} times`);
    const others = log.filter((e) => e.type === 'act' && e.kind === 'vote' && e.member !== MEMBER).length;
    if (others <= 100) fail(`only ${others} other ballots: the model did not vote`);
    const decide = log.find((e) => e.type === 'chair' && e.kind === 'decide');
    if (!decide || !decide.decision.explanation.some((e) => /Art\. IX:3/.test(e.citation)))
      fail(`no decide event citing Art. IX:3: ${JSON.stringify(decide)}`);
    watch.check();
    await browser.close();
    browser = null;
    const code = await lib.stopServer(server);
    if (code !== 0) fail(`serve exited ${code} after SIGTERM`);
    const verified = execFileSync(process.env.WTOVOTE, ['verify', path.join(out, 'record'), '--pub',
                                                        path.join(out, 'secretariat.pub')],
                                  { encoding: 'utf8', timeout: 60000 });
    const verdict = verified.split('\n').find((l) => /record verifies/.test(l));
    if (!verdict) fail(`wtovote verify said: ${verified}`);
    console.log(`demo_seat: ${MEMBER} seated from a browser page beside the model's delegations; ` +
                `4 acts signed and receipts checked in the page; ${others} other ballots; ` +
                `decision ${decision.outcome} (yes ${decision.yes}, no ${decision.no}, abstain ${decision.abstain}) ` +
                `citing Art. IX:3; no console error or other origin; serve exit 0; verify: ${verdict}; ` +
                `${((Date.now() - T0) / 1000).toFixed(1)} s`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await lib.stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const deadline = setTimeout(() => fail('demo_seat test over 240 s'), 240000);
main().then(() => clearTimeout(deadline), (e) => fail(e.stack || e.message));
