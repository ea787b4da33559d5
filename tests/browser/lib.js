// Shared by the browser tests: a meeting record made with the CLI, `wtovote
// serve` on 127.0.0.1 (port 0), the chair HTTP API, headless Debian
// chromium through puppeteer-core, and a watch on every page that fails the
// test on a console error, an uncaught exception, a failed request, an
// unexpected HTTP error or any request to another origin (issue 13: no
// third-party asset). Every wait is bounded.
'use strict';
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

let puppeteer;
try {
  puppeteer = require('puppeteer-core');
} catch (e) {
  fail('puppeteer-core is not installed: `make test` installs it (Makefile, browser-deps: ' +
       'npm ci in BUILD/browser), or run that step by hand');
}

const W = process.env.WTOVOTE || fail('set WTOVOTE to the wtovote program');
const CHROMIUM = process.env.WV_CHROMIUM || '/usr/bin/chromium';

function fail(msg) {
  console.error('FAIL: ' + msg);
  process.exit(1);
}

function tmpdir() {
  return fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'wtovote-browser-'));
}

function cli(dir, ...args) {
  try {
    return execFileSync(W, args, { cwd: dir, encoding: 'utf8', timeout: 60000,
                                   env: Object.assign({}, process.env, { WTOVOTE_PASSPHRASE: '' }) });
  } catch (e) {
    fail(`wtovote ${args.join(' ')}: ${e.stderr || e.message}`);
  }
}

// The embedded 166-Member roster; `keyed` Members get a CLI key (for acts
// signed offline); quorum 1/100 so that three delegations make it.
// opened: ISO time of the opening (default now).
function makeMeeting(dir, id, keyed, opened) {
  cli(dir, 'keygen', '--no-password', '-o', 'sec');
  cli(dir, 'roster', 'new', '-o', 'r.pb');
  for (const m of keyed) {
    cli(dir, 'keygen', '--no-password', '-o', m.toLowerCase());
    cli(dir, 'roster', 'add-key', 'r.pb', '--member', m, '--pub', m.toLowerCase() + '.pub');
  }
  cli(dir, 'roster', 'sign', '-s', 'sec.key', 'r.pb');
  cli(dir, 'meeting', 'open', 'rec', '--roster', 'r.pb', '--body', 'general-council', '-s', 'sec.key',
      '--id', id, '--quorum', '1/100', '--time', opened || 'now');
}

// A failing test exits at once; its servers must not outlive it.
const servers = new Set();
process.on('exit', () => {
  for (const p of servers) p.kill('SIGKILL');
});

function startServer(dir) {
  return spawnServe(['serve', 'rec', '-s', 'sec.key', '--listen', '127.0.0.1:0'], dir, true);
}

// `wtovote serve --demo --out OUT --listen 127.0.0.1:0 ARGS...` (its own
// record and keys in OUT; no chair token printed for the automated chair).
function startDemo(out, args) {
  return spawnServe(['serve', '--demo', '--out', out, '--listen', '127.0.0.1:0', ...args], path.dirname(out), false);
}

// Resolves once serve prints its address (and, when `token`, the chair
// token); the server's output so far stays in `server.out()`.
function spawnServe(args, dir, token) {
  const proc = spawn(W, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  servers.add(proc);
  proc.on('exit', () => servers.delete(proc));
  let out = '', err = '';
  proc.stderr.on('data', (d) => { err += d; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve did not start in 30 s: ' + out + err)), 30000);
    proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    proc.stdout.on('data', (d) => {
      out += d;
      const url = /^serving .* at (http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(out);
      const chairToken = /^ {2}chair token: ([0-9a-f]{64})$/m.exec(out);
      if (url && (chairToken || !token)) {
        clearTimeout(timer);
        resolve({ url: url[1], token: chairToken && chairToken[1], proc, dir, out: () => out + err });
      }
    });
  });
}

// SIGTERM, then SIGKILL after 15 s; resolves with the exit code.
function stopServer(server) {
  return new Promise((resolve) => {
    if (server.proc.exitCode !== null) return resolve(server.proc.exitCode);
    const kill = setTimeout(() => server.proc.kill('SIGKILL'), 15000);
    server.proc.on('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
    server.proc.kill('SIGTERM');
  });
}

async function chair(server, action, body) {
  const res = await fetch(`${server.url}/api/chair/${action}`, {
    method: 'POST', body: JSON.stringify(body || {}),
    headers: { Authorization: 'Bearer ' + server.token }, signal: AbortSignal.timeout(20000) });
  const json = await res.json();
  if (res.status !== 200) fail(`chair ${action}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function getJson(server, p) {
  const res = await fetch(server.url + p, { signal: AbortSignal.timeout(20000) });
  return res.json();
}

function launch() {
  if (!fs.existsSync(CHROMIUM)) fail(`${CHROMIUM} not found (Debian package chromium)`);
  return puppeteer.launch({
    executablePath: CHROMIUM, headless: true, protocolTimeout: 60000, timeout: 60000,
    // --no-sandbox: CTest may run as root, where Chromium's sandbox refuses to start
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--disable-default-apps', '--disable-extensions'] });
}

// Problems seen on any watched page; expect() allows one named HTTP error
// (a refusal the test provokes on purpose), once.
class Watch {
  constructor(origin) {
    this.origin = origin;
    this.problems = [];
    this.expected = [];
  }

  expect(status, pathname) {
    this.expected.push({ status, pathname });
  }

  allowed(status, url) {
    const i = this.expected.findIndex((e) => e.status === status && new URL(url).pathname === e.pathname);
    if (i < 0) return false;
    this.expected.splice(i, 1);
    this.expectedConsole = (this.expectedConsole || 0) + 1;
    return true;
  }

  page(page, name) {
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      // Chromium logs every HTTP error status as a console error; the one
      // the test provoked was allowed by its response already
      if (/status of \d+/.test(m.text()) && this.expectedConsole > 0) {
        this.expectedConsole--;
        return;
      }
      this.problems.push(`${name}: console error: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.problems.push(`${name}: uncaught: ${e.message}`));
    page.on('requestfailed', (r) => {
      // an event stream cut when a page closes or navigates is not a failure
      if (new URL(r.url()).pathname === '/api/events') return;
      this.problems.push(`${name}: request failed: ${r.url()} ${r.failure() && r.failure().errorText}`);
    });
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.origin !== this.origin && u.protocol !== 'data:')
        this.problems.push(`${name}: request to another origin: ${r.url()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !this.allowed(r.status(), r.url()))
        this.problems.push(`${name}: HTTP ${r.status()} for ${r.url()}`);
    });
    return page;
  }

  check() {
    if (this.problems.length) fail('page problems:\n  ' + this.problems.join('\n  '));
    if (this.expected.length) fail('expected HTTP errors never happened: ' + JSON.stringify(this.expected));
  }
}

module.exports = { fail, tmpdir, cli, makeMeeting, startServer, startDemo, stopServer, chair, getJson, launch, Watch };
