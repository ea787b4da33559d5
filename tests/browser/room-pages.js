// Shared by the browser tests that drive the chair console (/chair) and
// read the board (/board): each helper throws an Error naming what the
// page showed, and every wait is bounded and polls every 200 ms (the
// default polls on animation frames, which a page not in front never
// draws).
'use strict';

const POLL = { polling: 200 };

// Opens the console with the chair token in the URL's fragment (the page
// keeps it in sessionStorage and takes it off the address bar).
async function openChair(page, base, token) {
  await page.goto(`${base}/chair#token=${token}`, { waitUntil: 'load' });
  if (page.url().includes('token=')) throw new Error('the chair token stays in the address bar');
}

// Clears the console's answer line, runs click() in the page, and waits
// for the server's "ACTION: admitted" (a refusal is reported with the
// console's text).
async function answered(page, action, click, arg) {
  await page.waitForFunction(click, Object.assign({ timeout: 20000 }, POLL), arg)
    .catch(() => { throw new Error(`${action}: no enabled button in the chair console`); });
  await page.waitForFunction((a) => document.getElementById('answer').textContent.startsWith(a + ': admitted'),
                             Object.assign({ timeout: 10000 }, POLL), action)
    .catch(async () => { throw new Error(`${action}: ${await page.$eval('#answer', (e) => e.textContent)}`); });
}

// Clicks an item's step (consensus-call, vote-open, vote-close, decide)
// once the rules enable it, found and clicked in the page itself (the
// console redraws on every event, so a handle held across a redraw would be
// stale).
function chairStep(page, item, action) {
  return answered(page, action, ([i, a]) => {
    const b = document.querySelector(`#item-${i} button[data-action="${a}"]`);
    if (!b || b.disabled) return false;
    document.getElementById('answer').textContent = '';
    b.click();
    return true;
  }, [item, action]);
}

// Confirms the key the console lists for `member` with this fingerprint
// (shown in groups of four), and no other.
function confirmKey(page, member, fingerprint) {
  return answered(page, 'enrol', ([m, fp]) => {
    const li = [...document.querySelectorAll('#pending li')].find((l) =>
      l.querySelector('strong')?.textContent === m &&
      l.querySelector('.fingerprint')?.textContent.replace(/ /g, '') === fp);
    if (!li) return false;
    document.getElementById('answer').textContent = '';
    li.querySelector('button').click();
    return true;
  }, [member, fingerprint]);
}

// The board's numbers after a decision against the engine's (state: GET
// /api/state, item: its index): the count shown is the decision's (the
// EU's bloc folded in); the legend counts seats, so for the bloc's choice it
// differs by exactly the bloc's votes less its one seat, which the board
// says on screen (Art. IX:1 fn 2); the ballots cast are the seats that
// voted. Returns a line saying what agreed.
async function boardAgreesWithTally(board, st, index) {
  const item = st.items[index];
  const shown = await board.evaluate(() => {
    const num = (sel, label) => [...document.querySelectorAll(sel)].map((li) => li.textContent)
      .map((t) => new RegExp(`^(\\d+)${label}$|^${label}: (\\d+)($| \\(the EU's seat)`).exec(t)).filter(Boolean)
      .map((m) => Number(m[1] || m[2]))[0];
    const note = document.querySelector('#floor-body .bloc-note');
    const r = { legend: document.getElementById('legend').textContent, ballots: num('.counts li', 'ballots cast'),
                bloc: note ? { choice: note.dataset.blocChoice, votes: Number(note.dataset.blocVotes),
                               text: note.textContent } : null };
    for (const [k, legend] of [['yes', 'yes'], ['no', 'no'], ['abstain', 'abstained']])
      r[k] = { count: num('.counts li', k) || 0, seats: num('#legend li', legend) || 0 };
    return r;
  });
  const d = item.decision, v = item.votes;
  if (!d || typeof v !== 'object') throw new Error(`item ${item.item} has no decision after a vote`);
  const bloc = v.eu_bloc !== 'none' ? { choice: v.eu_bloc, votes: v.eu_bloc_votes } : null;
  const euStates = st.meeting.roster.filter((m) => m.eu_member_state).length;
  if (v.eu_bloc_votes !== (bloc ? euStates : 0))
    throw new Error(`the bloc carries ${v.eu_bloc_votes} votes; the roster lists ${euStates} EU member States (Art. IX:1 fn 2)`);
  let seats = 0;
  for (const k of ['yes', 'no', 'abstain']) {
    if (shown[k].count !== d[k]) throw new Error(`the board counts ${shown[k].count} ${k}, the decision ${d[k]}`);
    const extra = bloc && bloc.choice === k ? bloc.votes - 1 : 0;
    if (shown[k].seats + extra !== shown[k].count)
      throw new Error(`the legend shows ${shown[k].seats} ${k} seats, the count ${shown[k].count} (bloc: ${JSON.stringify(bloc)})`);
    seats += shown[k].seats;
  }
  const words = { yes: 'yes', no: 'no', abstain: 'abstained' };
  if (bloc && !shown.legend.includes(`${words[bloc.choice]}: ${shown[bloc.choice].seats} (the EU's seat: ${bloc.votes} votes)`))
    throw new Error(`the legend does not say the EU's seat carries its bloc: ${shown.legend}`);
  if (shown.ballots !== seats || shown.ballots !== item.ballots_cast)
    throw new Error(`${shown.ballots} ballots cast on the board, ${seats} seats voted, ${item.ballots_cast} in the state`);
  if (bloc && !(shown.bloc && shown.bloc.choice === bloc.choice && shown.bloc.votes === bloc.votes &&
                shown.bloc.text.includes('Art. IX:1 fn 2')))
    throw new Error(`the board does not explain the EU's bloc (${JSON.stringify(bloc)}): ${JSON.stringify(shown.bloc)}`);
  if (!bloc && shown.bloc) throw new Error('the board explains a bloc that did not vote');
  return `legend and tally agree (yes ${d.yes}, no ${d.no}, abstain ${d.abstain}; ${seats} seats voted` +
    (bloc ? `; EU bloc ${bloc.choice}: ${bloc.votes} votes, one seat)` : ')');
}

// A delegate page in its own browser context (its own IndexedDB, so its
// own key) that has made a key for `member`; returns the fingerprint the
// page shows, to be read with the chair.
async function openDelegate(browser, base, watch, member, stepMs) {
  const context = await browser.createBrowserContext();
  const page = watch.page(await context.newPage(), member);
  page.setDefaultTimeout(stepMs);
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(base + '/delegate', { waitUntil: 'load' });
  await page.waitForSelector('#no-key:not([hidden])');
  await page.select('#member', member);
  await page.click('#make-key');
  await page.waitForFunction(() => document.querySelector('#fingerprint').dataset.hex);
  const fingerprint = await page.$eval('#fingerprint', (e) => e.dataset.hex);
  return { member, page, fingerprint };
}

// Clicks the act's button on a delegate page (openDelegate), checks what
// it shows before signing, signs, and waits for the page's receipt check.
async function delegateAct(d, kind, choice, said) {
  const sel = choice ? `#acts button[data-act="vote"][data-choice="${choice}"]` : `#acts button[data-act="${kind}"]`;
  const before = await d.page.$$eval('#receipt-list li', (l) => l.length);
  // found and clicked in one step in the page: the list may be rebuilt by
  // an event between a lookup and a click from here
  await d.page.waitForFunction((s) => {
    const b = document.querySelector(s);
    return b && b.offsetParent !== null && (b.click(), true);
  }, POLL, sel);
  await d.page.waitForSelector('#confirm:not([hidden])');
  if (said) await d.page.type('#confirm-statement', said);
  const shown = await d.page.$eval('#confirm-fields', (e) => e.textContent);
  if (!shown.includes(kind) || !shown.includes(d.member) || (choice && !shown.includes(choice)) ||
      (said && !shown.includes(said)))
    throw new Error(`${d.member}: the page shows "${shown}" before signing ${kind} ${choice || ''}`);
  await d.page.click('#sign');
  await d.page.waitForFunction((n) => document.querySelectorAll('#receipt-list li').length > n, POLL, before);
  const last = await d.page.$eval('#receipt-list li', (e) => ({ ok: e.dataset.ok, text: e.textContent }));
  if (last.ok !== 'yes') throw new Error(`${d.member} ${kind}: ${last.text}`);
}

module.exports = { openChair, chairStep, confirmKey, boardAgreesWithTally, openDelegate, delegateAct };
