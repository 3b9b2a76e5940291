// End-to-end test harness: starts the real smartassist server on a free
// loopback port with a fresh data directory (the demo organization imported,
// its dates moved to today, passwords set with the CLI) and drives Debian's
// Chromium with playwright-core. Nothing here needs the network.
//
// Environment (set by tests/e2e/CMakeLists.txt):
//   SA_BIN       the smartassist binary
//   SA_SOURCE    the source tree (examples/acme.yaml, web/)
//   SA_WEB_DIST  the built web app (web/dist)
//   SA_E2E_OUT   where screenshots go
//   CHROMIUM     the browser (default /usr/bin/chromium)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SOURCE = process.env.SA_SOURCE ?? path.resolve(import.meta.dirname, '../..');
export const BIN = process.env.SA_BIN ?? path.join(SOURCE, 'build/src/app/smartassist');
export const WEB_DIST = process.env.SA_WEB_DIST ?? path.join(SOURCE, 'web/dist');
export const OUT = process.env.SA_E2E_OUT ?? path.join(SOURCE, 'build/e2e-screenshots');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const PASSWORD = 'e2e-Secret-Passw0rd!';

// playwright-core is a devDependency of the web app (web/node_modules).
const requireFromWeb = createRequire(path.join(SOURCE, 'web/package.json'));
const { chromium } = requireFromWeb('playwright-core');

// The sample pack is dated as of 2026-11-22: move every date by
// (today - 2026-11-22) days so its changes stay in the future (same rule as
// shared/tools/shift-dates).
export function shiftDates(text, today = new Date()) {
  const base = Date.UTC(2026, 10, 22);
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const deltaDays = Math.round((now - base) / 86400000);
  return text.replace(/(?<![\d-])(\d{4}-\d{2}-\d{2})(?!\d)/g, (m) => {
    const [y, mo, d] = m.split('-').map(Number);
    const t = new Date(Date.UTC(y, mo - 1, d) + deltaDays * 86400000);
    return t.toISOString().slice(0, 10);
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(args, input) {
  const r = spawnSync(BIN, args, { input, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`smartassist ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

async function waitHealthy(url, proc, ms = 30000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc.exitCode !== null) throw new Error('server exited with ' + proc.exitCode);
    try {
      const r = await fetch(url + '/readyz');
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become ready at ' + url);
}

// Starts a server with the demo organization; `users` get PASSWORD.
export async function startServer(users) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sa-e2e-'));
  const data = path.join(dir, 'data');
  const pack = path.join(dir, 'acme.yaml');
  writeFileSync(pack, shiftDates(readFileSync(path.join(SOURCE, 'examples/acme.yaml'), 'utf8')));
  run(['import', pack, '--data', data]);
  for (const u of users) run(['password', 'set', '--user', u, '--data', data], PASSWORD + '\n');
  const port = await freePort();
  const log = [];
  const proc = spawn(
    BIN,
    ['serve', '--data', data, '--listen', `127.0.0.1:${port}`, '--static', WEB_DIST, '--access-log', 'off'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  proc.stdout.on('data', (d) => log.push(String(d)));
  proc.stderr.on('data', (d) => log.push(String(d)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(url, proc);
  } catch (e) {
    proc.kill('SIGKILL');
    throw new Error(e.message + '\n' + log.join(''));
  }
  return {
    url,
    data,
    log,
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          proc.kill('SIGKILL');
          r();
        }, 8000);
        proc.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// playwright-core gives every launch a fresh, temporary profile (the
// equivalent of a new --user-data-dir) and removes it on close.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

// A browser context logged in as `user` (through the login form).
export async function loginAs(browser, server, user, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, baseURL: server.url, locale: 'en-GB' });
  const page = await context.newPage();
  page.dialogs = [];
  page.on('dialog', async (d) => {
    page.dialogs.push(d.message());
    await d.dismiss();
  });
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto('/');
  await page.fill('input[name=user]', user);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button.btn-primary');
  await page.waitForSelector('.topbar');
  return { context, page };
}

// The visible part of the page, or all of it with { full: true }.
export async function screenshot(page, name, { full = false } = {}) {
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: path.join(OUT, name + '.png'), fullPage: full });
}

// Sends a chat message through the composer.
export async function say(page, text) {
  await page.fill('.composer-input', text);
  await page.press('.composer-input', 'Enter');
}

// The text of every bubble in the chat, in order.
export async function bubbles(page) {
  return page.$$eval('.transcript .msg', (els) => els.map((e) => e.innerText));
}
