// The chair console and the public board (issue 13, points 2 and 3) in
// one headless Chromium, on `wtovote serve --demo --demo-chair person`
// (165 + 1 delegations played by the simulator's model, the chair a
// person): the console confirms a key presented for KEN by its fingerprint,
// calls for consensus, opens the vote once the rules allow it (its button
// disabled before, with the state machine's reason and citation), closes
// it, decides, tables a second item from the form and closes the meeting.
// The board follows each step from the event stream: while the vote is
// open its seats say who voted and never how; after the decision it shows
// the outcome with its explanation and citations. No console error, no
// request to another origin; screenshots of the board (1280x720 and a
// phone) and of the console go to the build folder; the record the server
// leaves passes `wtovote verify`.
// Usage: node chair_board.test.js (env WTOVOTE, WV_BUILD_DIR; NODE_PATH for
// puppeteer-core; CHROMIUM optional, default /usr/bin/chromium).
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');
const pages = require('./room-pages.js');

const W = process.env.WTOVOTE;
const OUT = path.join(process.env.WV_BUILD_DIR || '.', 'browser');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'wtovote-chair-board.'));
let server = null, browser = null;

function fail(msg) {
  console.error('FAIL: ' + msg);
  cleanup();
  process.exit(1);
}

function cleanup() {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  server = null;
  fs.rmSync(TMP, { recursive: true, force: true });
}
process.on('exit', () => { if (server && server.exitCode === null) server.kill('SIGKILL'); });
setTimeout(() => fail('the test did not end within 150 s'), 150000).unref();

function startDemo() {
  return new Promise((resolve, reject) => {
    server = spawn(W, ['serve', '--demo', '--out', path.join(TMP, 'demo'), '--listen', '127.0.0.1:0',
                       '--demo-chair', 'person'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const url = /^serving .* at (http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(out);
      const chair = /chair: +(\S+#token=[0-9a-f]{64})/.exec(out);
      if (url && chair) resolve({ base: url[1], chair: chair[1] });
    });
    server.stderr.on('data', (d) => process.stderr.write(d));
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30000);
  });
}

async function state(base) {
  return (await fetch(`${base}/api/state`)).json();
}

// Until fn() is true, every 200 ms, at most `seconds`.
async function until(what, seconds, fn) {
  for (let t = Date.now(); Date.now() - t < seconds * 1000; await new Promise((r) => setTimeout(r, 200)))
    if (await fn()) return;
  fail(`${what}: not within ${seconds} s`);
}

function watch(page, name, base) {
  page.on('console', (m) => { if (m.type() === 'error') fail(`${name}: console error: ${m.text()}`); });
  page.on('pageerror', (e) => fail(`${name}: page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(base + '/')) fail(`${name}: request to another origin: ${r.url()}`);
  });
}

// An item-1 step clicked in the console (room-pages.js).
async function click(page, action) {
  await pages.chairStep(page, 1, action).catch((e) => fail(e.message));
}

async function boardText(board) {
  return board.$eval('body', (b) => b.innerText);
}

// waitForFunction polls every 200 ms (polling: 200): its default polls on
// animation frames, which a page not in front never draws.
function note(msg) {
  console.log(`  ${((Date.now() - T0) / 1000).toFixed(1)} s: ${msg}`);
}
const T0 = Date.now();

async function main() {
  const { base, chair: chairUrl } = await startDemo();
  note(`serving at ${base}`);
  browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
                                     headless: true, args: ['--no-sandbox'] });
  note('chromium started');
  const board = await browser.newPage();
  await board.setViewport({ width: 1280, height: 720 });
  watch(board, 'board', base);
  await board.goto(`${base}/board`);
  const chair = await browser.newPage();
  await chair.setViewport({ width: 1280, height: 900 });
  watch(chair, 'chair', base);
  const token = /#token=([0-9a-f]{64})$/.exec(chairUrl)[1];
  await pages.openChair(chair, base, token).catch((e) => fail(e.message));

  // the board draws the whole roster; the model seats its delegations
  await board.waitForFunction(() => document.querySelectorAll('#hemicycle circle').length === 166,
                              { polling: 200, timeout: 20000 }).catch(() => fail('no hemicycle of 166 seats'));
  await until('the model attends', 20, async () => (await state(base)).meeting.present > 100);

  note('the room is seated');
  // enrolment: KEN presents a key; the console shows it and confirms it
  execFileSync(W, ['keygen', '--no-password', '-o', path.join(TMP, 'ken')]);
  const pub = fs.readFileSync(path.join(TMP, 'ken.pub'), 'utf8');
  const pres = await (await fetch(`${base}/api/enrol`, { method: 'POST',
    body: JSON.stringify({ member: 'KEN', public_key: pub }) })).json();
  await chair.waitForFunction((fp) => document.getElementById('pending').textContent.includes(fp.slice(0, 4)),
                              { polling: 200, timeout: 10000 }, pres.fingerprint).catch(() => fail('no pending key shown'));
  await pages.confirmKey(chair, 'KEN', pres.fingerprint).catch((e) => fail(`KEN's key: ${e.message}`));

  // before the consensus call the vote cannot be opened, and the console says why
  const why = await chair.$eval('#item-1 button[data-action="vote-open"]', (b) => [b.disabled, b.nextSibling.textContent]);
  if (!why[0] || !/Not now: .*Art\. IX:1/.test(why[1])) fail(`vote-open before the call: ${why}`);
  note('KEN enrolled');
  await click(chair, 'consensus-call');
  await board.waitForFunction(() => document.getElementById('floor-body').textContent.includes('objections in force'),
                              { polling: 200, timeout: 10000 })
    .catch(async () => fail(`the board does not show the consensus call: ${await boardText(board)}`));
  await click(chair, 'vote-open');

  // the model's ballots; the board says who voted, never how
  let last = -1, stable = 0;
  await until('the ballots settle', 30, async () => {
    const n = (await state(base)).items[0].ballots_cast;
    stable = n > 0 && n === last ? stable + 1 : 0;
    last = n;
    return stable >= 5;
  });
  await board.waitForFunction((n) => document.getElementById('floor-body').textContent.includes(`${n}ballots cast`),
                              { polling: 200, timeout: 10000 }, last).catch(() => fail(`the board does not show ${last} ballots cast`));
  const seats = await board.$$eval('#hemicycle circle', (cs) => cs.map((c) => c.getAttribute('class')));
  if (!seats.some((c) => c.includes('pos-voted'))) fail('no seat shows "voted" while the vote is open');
  if (seats.some((c) => /pos-(yes|no|abstain)/.test(c))) fail('a seat shows a choice while the vote is open');
  if (!(await boardText(board)).includes('hidden until the vote closes')) fail('the board does not say the choices are hidden');

  note(`${last} ballots`);
  await click(chair, 'vote-close');
  await click(chair, 'decide');
  await board.waitForFunction(() => /Art\. IX:3/.test(document.querySelector('#floor-body .explanation')?.textContent || ''),
                              { polling: 200, timeout: 10000 })
    .catch(async () => fail(`the board shows no decision citing Art. IX:3: ${await board.$eval('#floor-body', (e) => e.textContent)} / ${await chair.$eval('#answer', (e) => e.textContent)}`));
  const text = await boardText(board);
  if (!/(adopted|rejected) \(vote\)/.test(text)) fail(`the board shows no outcome of the vote: ${text.slice(0, 400)}`);
  if (!/Needs three-fourths of the Members/.test(text)) fail('the board does not show the threshold');
  note(await pages.boardAgreesWithTally(board, await state(base), 0).catch((e) => fail(e.message)));
  const after = await board.$$eval('#hemicycle circle', (cs) => cs.map((c) => c.getAttribute('class')));
  if (!after.some((c) => c.includes('pos-yes'))) fail('after the close no seat shows its ballot');
  note('decided');
  // a page is drawn for a screenshot only in front
  fs.mkdirSync(OUT, { recursive: true });
  await board.bringToFront();
  await board.screenshot({ path: path.join(OUT, 'board-demo.png') });
  await chair.bringToFront();
  await chair.screenshot({ path: path.join(OUT, 'chair.png'), fullPage: true });
  await board.bringToFront();
  await board.setViewport({ width: 390, height: 844 });
  const overflow = await board.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) fail(`the board is ${overflow} px wider than a phone`);
  await board.screenshot({ path: path.join(OUT, 'board-demo-phone.png') });

  note('screenshots taken');
  // a second item from the form, then the meeting closed
  await chair.bringToFront();
  await chair.type('#table-form input[name=title]', 'A second item');
  await chair.type('#table-form input[name=procedure]', 'majority');
  await chair.evaluate(() => document.querySelector('#table-form button[type=submit]').click());
  await chair.waitForFunction(() => /table: admitted/.test(document.getElementById('answer').textContent),
                              { polling: 200, timeout: 10000 }).catch(() => fail('tabling from the form'));
  await chair.waitForFunction(() => {
    const b = document.querySelector('#meeting-actions button[data-action="close"]');
    return b && !b.disabled && (b.click(), true);
  }, { polling: 200, timeout: 10000 }).catch(() => fail('no enabled close button'));
  await chair.waitForFunction(() => /close: admitted/.test(document.getElementById('answer').textContent),
                              { polling: 200, timeout: 10000 })
    .catch(async () => fail(`close: ${await chair.$eval('#answer', (e) => e.textContent)}`));
  await board.waitForFunction(() => document.getElementById('subtitle').textContent.includes('closed'),
                              { polling: 200, timeout: 10000 })
    .catch(async () => fail(`the board does not show the meeting closed: ${await board.$eval('#subtitle', (e) => e.textContent)}`));
  await browser.close();
  browser = null;

  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  execFileSync(W, ['verify', path.join(TMP, 'demo', 'record'), '--pub', path.join(TMP, 'demo', 'secretariat.pub')]);
  cleanup();
  console.log(`ok: chair console and board through a waiver vote (${last} ballots); screenshots in ${OUT}`);
}

main().catch((e) => fail(e.stack || e.message)).finally(() => { if (browser) browser.close(); });
