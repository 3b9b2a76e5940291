// The portal's banner narrowed to the user (outages and incidents on the
// services of their groups or that they follow, announcements for their
// groups), a logout that closes the other tabs' live socket, the satisfaction
// rating, the Chinese UI, and screenshots of the pages the other suites do
// not show. Run: node --test tests/e2e/portal.test.mjs (ctest e2e_portal).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESKTOP, PHONE, launchBrowser, loginAs, screenshot, startServer } from './harness.mjs';

// alice: accounting (sap-fi, email, vpn, teams...); marc: plant (wifi,
// printing, mes...); wangwei: plant, Chinese; hugo: admin.
const USERS = ['alice', 'marc', 'wangwei', 'nadia', 'hugo'];
const T = 20000;

let server;
let browser;

before(async () => {
  server = await startServer(USERS);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Calls the API from a logged-in page (its session cookie and CSRF token).
async function call(page, method, path, body) {
  return page.evaluate(
    async ([method, path, body]) => {
      const r = await fetch('/api/v1' + path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': localStorage.getItem('sa.csrf') ?? '' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, json: text ? JSON.parse(text) : null };
    },
    [method, path, body],
  );
}

function inDays(n, hours = 0) {
  return new Date(Date.now() + n * 86400000 + hours * 3600000).toISOString().replace(/\.\d+Z$/, 'Z');
}

// The ids of the notices in the banner.
async function banner(page) {
  await page.waitForSelector('.transcript .msg.role-bot, .page-head, .kb-hero', { timeout: T });
  await page.waitForTimeout(300);
  return page.$$eval('.banner', (els) => els.map((e) => e.getAttribute('data-notice')));
}

describe('the banner shows what concerns the user', () => {
  let admin;

  before(async () => {
    admin = await loginAs(browser, server, 'hugo');
    for (const [id, service, title] of [
      ['CHG-E2E-SAP', 'sap-fi', 'SAP Finance patch'],
      ['CHG-E2E-WIFI', 'wifi', 'Wi-Fi controller upgrade in the plant'],
    ]) {
      const r = await call(admin.page, 'POST', '/changes', {
        id,
        title,
        description: 'The service is down during the window.',
        services: [service],
        start: inDays(2),
        end: inDays(2, 3),
        outage: true,
      });
      assert.equal(r.status, 201, JSON.stringify(r.json));
    }
  });

  after(async () => admin?.context.close());

  test('an admin publishes an announcement to the plant group from the admin page', async () => {
    await admin.page.goto('/admin/announcements');
    await admin.page.waitForSelector('.ann-form', { timeout: T });
    await admin.page.fill('.ann-form input >> nth=0', 'Plant canteen closed on Friday');
    await admin.page.fill('.ann-form textarea', 'Lunch is served in building B instead.');
    await admin.page.check('.ann-groups input[value=plant]');
    await admin.page.click('.ann-form .btn-primary');
    await admin.page.waitForSelector('.ann-row >> text=Plant canteen closed', { timeout: T });
    await screenshot(admin.page, 'admin-announcements');
    await admin.page.setViewportSize(PHONE);
    await screenshot(admin.page, 'admin-announcements-phone');
    await admin.page.setViewportSize(DESKTOP);
  });

  test('each user sees the outages of their own services and their groups\' announcements', async () => {
    const list = await call(admin.page, 'GET', '/announcements');
    const plantNews = list.json.items.find((a) => a.title.startsWith('Plant canteen')).id;
    // An announcement for everyone whose text looks like HTML stays text.
    const evil = '<img src=x onerror=alert(1)>Printers <b>moved</b>';
    const posted = await call(admin.page, 'POST', '/announcements', { title: evil, message: '<script>alert(2)</script>' });
    assert.equal(posted.status, 201, JSON.stringify(posted.json));

    const alice = await loginAs(browser, server, 'alice');
    const seen = await banner(alice.page);
    assert.ok(seen.includes('CHG-E2E-SAP'), 'accounting uses SAP: ' + seen);
    assert.ok(seen.includes('inc-major-2026-11-teams'), 'accounting uses Teams: ' + seen);
    assert.ok(!seen.includes('CHG-E2E-WIFI'), 'not the plant Wi-Fi: ' + seen);
    assert.ok(!seen.includes(plantNews), 'not the plant announcement: ' + seen);
    assert.ok(seen.includes(posted.json.id), 'announcements for everyone: ' + seen);
    const shown = await alice.page.innerText(`.banner[data-notice="${posted.json.id}"]`);
    assert.ok(shown.includes(evil) && shown.includes('<script>'), shown);
    assert.equal(await alice.page.$$eval('.banners img, .banners script, .banners b', (x) => x.length), 0);
    assert.deepEqual(alice.page.dialogs, []);
    await screenshot(alice.page, 'portal-banner');

    const marc = await loginAs(browser, server, 'marc');
    const his = await banner(marc.page);
    assert.ok(his.includes('CHG-E2E-WIFI') && his.includes(plantNews), 'plant notices: ' + his);
    assert.ok(!his.includes('CHG-E2E-SAP') && !his.includes('inc-major-2026-11-teams'), 'nothing else: ' + his);
    await marc.page.setViewportSize(PHONE);
    await screenshot(marc.page, 'portal-banner-phone');
    await marc.context.close();

    // alice follows Wi-Fi on "My services": its outage joins her banner.
    await alice.page.click('nav a[href="/services"]');
    await alice.page.waitForSelector('.svc-list input[data-service=wifi]', { timeout: T });
    await screenshot(alice.page, 'portal-services');
    await alice.page.check('.svc-list input[data-service=wifi]');
    await alice.page.waitForFunction(
      () => document.querySelector('.svc-list input[data-service=wifi]')?.checked &&
        !document.querySelector('.svc-list input[data-service=wifi]')?.disabled,
      null,
      { timeout: T },
    );
    await alice.page.setViewportSize(PHONE);
    await screenshot(alice.page, 'portal-services-phone');
    await alice.page.setViewportSize(DESKTOP);
    await alice.page.goto('/tickets');
    assert.ok((await banner(alice.page)).includes('CHG-E2E-WIFI'), 'followed service');
    await alice.context.close();
  });
});

describe('sessions', () => {
  test('signing out in one tab closes the live socket of the other, which shows the login page', async () => {
    const { context, page } = await loginAs(browser, server, 'alice');
    const other = await context.newPage();
    await other.addInitScript(() => {
      window.__closes = [];
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(...a) {
          super(...a);
          this.addEventListener('close', (e) => window.__closes.push(e.code));
        }
      };
    });
    await other.goto('/tickets');
    await other.waitForSelector('.page-head', { timeout: T });
    await other.waitForFunction(() => window.__closes !== undefined, null, { timeout: T });
    await other.evaluate(() => (window.__sameDocument = true));
    await page.waitForTimeout(500);  // the socket of `other` is open by now

    await page.click('.nav-end .btn-ghost');  // Sign out
    await page.waitForSelector('.login-card', { timeout: T });
    // The server closed the other tab's socket (1008): it shows the login
    // page by itself, without a reload or a click.
    await other.waitForSelector('.login-card', { timeout: T });
    assert.deepEqual(await other.evaluate(() => window.__closes), [1008]);
    assert.equal(await other.evaluate(() => window.__sameDocument), true, 'no reload');
    await context.close();
  });
});

describe('satisfaction rating', () => {
  test('a user rates their resolved ticket and the rating stays', async () => {
    const user = await loginAs(browser, server, 'alice');
    const made = await call(user.page, 'POST', '/tickets', {
      title: 'Second monitor stays black',
      description: 'Docking station, since this morning.',
    });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    const id = made.json.id;
    const agent = await loginAs(browser, server, 'hugo');
    const done = await call(agent.page, 'PATCH', '/tickets/' + id, {
      status: 'resolved',
      resolution: 'Replaced the DisplayPort cable.',
    });
    assert.equal(done.status, 200, JSON.stringify(done.json));
    await agent.context.close();

    await user.page.goto('/tickets/' + id);
    await user.page.waitForSelector('.rating .star', { timeout: T });
    await screenshot(user.page, 'portal-rating');
    await user.page.click('.rating .star >> nth=3');
    await user.page.waitForSelector('.rating .star[aria-checked=true]', { timeout: T });
    await user.page.reload();
    await user.page.waitForSelector('.rating .star[aria-checked=true]', { timeout: T });
    assert.equal(await user.page.$$eval('.rating .star.lit', (x) => x.length), 4);
    const stored = await call(user.page, 'GET', '/tickets/' + id);
    assert.equal(stored.json.satisfaction, 4);
    await user.page.setViewportSize(PHONE);
    await screenshot(user.page, 'portal-rating-phone');
    await user.context.close();
  });
});

describe('Chinese UI and the other pages', () => {
  test('a Chinese-speaking user gets the portal in Chinese', async () => {
    const { context, page } = await loginAs(browser, server, 'wangwei');
    await page.waitForSelector('.transcript .msg.role-bot', { timeout: T });
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh');
    assert.match(await page.innerText('.topbar nav'), /[\u4e00-\u9fff]/);
    await screenshot(page, 'portal-chat-zh');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'portal-chat-zh-phone');
    await page.setViewportSize(DESKTOP);
    await page.goto('/kb');
    await page.waitForSelector('.kb-hero');
    await screenshot(page, 'kb-zh');
    await context.close();
  });

  test('admin services, catalog and review pages; the agent queue in Russian', async () => {
    // Something the bot cannot understand, for the review page.
    const user = await loginAs(browser, server, 'marc');
    await user.page.waitForSelector('.transcript .msg.role-bot', { timeout: T });
    await user.page.fill('.composer-input', 'blorp the wibbly frobnicator zxqv');
    await user.page.press('.composer-input', 'Enter');
    await user.page.waitForFunction(() => document.querySelectorAll('.transcript .msg.role-bot').length > 1, null, {
      timeout: T,
    });
    await user.context.close();

    const { context, page } = await loginAs(browser, server, 'hugo');
    for (const tab of ['services', 'catalog', 'review']) {
      await page.goto('/admin/' + tab);
      await page.waitForSelector('.tabs a.on', { timeout: T });
      await page.waitForTimeout(400);
      assert.equal(await page.$('.alert-error'), null, tab + ' shows no error');
      if (tab === 'review') {
        const item = await page.waitForSelector('.review-item', { timeout: T });
        assert.match(await item.innerText(), /frobnicator/);
      }
      await screenshot(page, 'admin-' + tab);
    }
    await page.setViewportSize(PHONE);
    await page.goto('/admin/services');
    await page.waitForTimeout(400);
    await screenshot(page, 'admin-services-phone');
    await page.setViewportSize(DESKTOP);
    await page.selectOption('.lang-select', 'ru');
    await page.goto('/agent');
    await page.waitForSelector('.queue-item', { timeout: T });
    await screenshot(page, 'agent-queue-ru');
    await context.close();
  });
});
