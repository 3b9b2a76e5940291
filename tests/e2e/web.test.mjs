// The web app end to end, in headless Chromium against the real server
// (see harness.mjs). Run: node --test tests/e2e/web.test.mjs (ctest runs it).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DESKTOP,
  PHONE,
  bubbles,
  launchBrowser,
  loginAs,
  say,
  screenshot,
  startServer,
} from './harness.mjs';

// alice, marc, carol: users; nadia: agent (network team); sophie: agent
// (workplace); hugo: admin.
const USERS = ['alice', 'marc', 'carol', 'thomas', 'nadia', 'sophie', 'hugo'];
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

// Answers the bot until it reports a ticket (or gives up after a few turns),
// by what it waits for (the composer's data-expecting): "only me" for the
// impact, "high" urgency, yes to confirmations, `details` for free text.
async function driveToTicket(page, details) {
  for (let turn = 0; turn < 8; turn++) {
    await page.waitForFunction(
      () => !document.querySelector('.msg-pending') && !document.querySelector('.transcript .msg:last-child.role-user'),
      null,
      { timeout: T },
    );
    const ticket = await page.$('.transcript .reply-ticket .ticket-chip');
    if (ticket) return (await ticket.innerText()).match(/(INC|REQ)-\d+/)[0];
    const slot = await page.getAttribute('.composer', 'data-expecting');
    const before = await page.$$eval('.transcript .msg', (els) => els.length);
    const answers = {
      impact: 'only me',
      urgency: 'high',
      confirm: 'yes',
      article_feedback: 'no',
      tried: 'I restarted the laptop and reconnected, it did not help',
    };
    await say(page, answers[slot] ?? details);
    await page.waitForFunction(
      (n) => document.querySelectorAll('.transcript .msg').length > n,
      before,
      { timeout: T },
    );
  }
  throw new Error('no ticket after several turns:\n' + (await bubbles(page)).join('\n---\n'));
}

describe('portal', () => {
  test('a how-to question gets the knowledge article as a card', async () => {
    const { context, page } = await loginAs(browser, server, 'alice');
    await page.waitForSelector('.transcript .msg.role-bot', { timeout: T });
    await say(page, 'how do i set up the vpn? the anypath thing asks for a server adress');
    const card = await page.waitForSelector('.article-card', { timeout: T });
    assert.match(await card.innerText(), /VPN/i);
    assert.match((await card.getAttribute('href')) ?? '', /^\/kb\/kb-vpn-setup/);
    await screenshot(page, 'portal-chat');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'portal-chat-phone');
    await context.close();
  });

  test('chat text is never rendered as HTML', async () => {
    const { context, page } = await loginAs(browser, server, 'thomas');
    await page.waitForSelector('.transcript .msg.role-bot', { timeout: T });
    const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    await say(page, evil);
    await page.waitForFunction(
      (s) => [...document.querySelectorAll('.msg.role-user .bubble')].some((b) => b.textContent.includes(s)),
      evil,
      { timeout: T },
    );
    await page.waitForTimeout(300);
    assert.equal(await page.$$eval('.transcript img, .transcript script', (x) => x.length), 0);
    // After a reload the transcript (from the server) is still text.
    await page.reload();
    await page.waitForSelector('.msg.role-user', { timeout: T });
    assert.ok((await bubbles(page)).some((b) => b.includes('<img src=x onerror=alert(1)>')));
    assert.equal(await page.$$eval('.transcript img', (x) => x.length), 0);
    assert.deepEqual(page.dialogs, []);
    await context.close();
  });

  test('a message typed while offline is sent once when the network is back', async () => {
    const { context, page } = await loginAs(browser, server, 'carol');
    await page.waitForSelector('.transcript .msg.role-bot', { timeout: T });
    await context.setOffline(true);
    await say(page, 'thanks, that is all for now');
    await page.waitForSelector('.msg-pending.pending-waiting', { timeout: T });
    await page.waitForSelector('.chat-offline');
    await context.setOffline(false);
    await page.waitForSelector('.msg-pending', { state: 'detached', timeout: T });
    await page.reload();
    await page.waitForSelector('.msg.role-user', { timeout: T });
    const sent = (await bubbles(page)).filter((b) => b.includes('thanks, that is all for now'));
    assert.equal(sent.length, 1, 'the message is in the transcript exactly once');
    await context.close();
  });
});

describe('incident, live queue, agent reply and takeover', () => {
  let user;
  let agent;
  let ticketId;

  before(async () => {
    agent = await loginAs(browser, server, 'nadia');
    await agent.page.goto('/agent?team=network');
    await agent.page.waitForSelector('.queue-item[data-team=network]', { timeout: T });
    await agent.page.waitForSelector('.live-dot.up', { timeout: T });
    await agent.page.evaluate(() => (window.__sameDocument = true));
    user = await loginAs(browser, server, 'marc');
    await user.page.waitForSelector('.transcript .msg.role-bot', { timeout: T });
  });

  after(async () => {
    await user?.context.close();
    await agent?.context.close();
  });

  test('a reported incident appears live in the network queue', async () => {
    await say(
      user.page,
      'anypath vpn connects fine and then drops after 2-3 min, every time. already reinstalled it and rebooted twice',
    );
    ticketId = await driveToTicket(
      user.page,
      'AnyPath VPN drops every 5 minutes since 8am, at home on my own wifi; reconnecting works for a few minutes',
    );
    // The user's own "Open tickets" card lists it without a reload.
    await user.page.waitForSelector(`.mini-tickets >> text=${ticketId}`, { timeout: T });
    const row = await agent.page.waitForSelector(`tr[data-ticket="${ticketId}"]`, { timeout: T });
    assert.ok(row, 'the ticket row appeared');
    assert.equal(await agent.page.evaluate(() => window.__sameDocument), true, 'no reload');
    await screenshot(user.page, 'portal-chat-ticket');
    await screenshot(agent.page, 'agent-queue');
    await agent.page.setViewportSize(PHONE);
    await screenshot(agent.page, 'agent-queue-phone');
    await agent.page.setViewportSize(DESKTOP);
  });

  test('the agent takes the conversation over and the user sees the reply without reload', async () => {
    await user.page.evaluate(() => (window.__sameDocument = true));
    await agent.page.click(`tr[data-ticket="${ticketId}"] a`);
    await agent.page.waitForSelector('.routing-reason', { timeout: T });
    await agent.page.waitForSelector('.transcript-box .msg', { timeout: T });
    // The requester panel: groups, location and the services marc's group uses.
    const profile = await agent.page.waitForSelector('.profile .kvs', { timeout: T });
    await agent.page.waitForFunction(() => /Wi-Fi/.test(document.querySelector('.profile .kvs')?.textContent ?? ''), null, { timeout: T });
    assert.match(await profile.innerText(), /plant/);
    await screenshot(agent.page, 'agent-ticket');
    await screenshot(agent.page, 'agent-ticket-full', { full: true });
    await agent.page.setViewportSize(PHONE);
    await screenshot(agent.page, 'agent-ticket-phone');
    await agent.page.setViewportSize(DESKTOP);

    await agent.page.click('text=Take over');
    await agent.page.waitForSelector('.takeover-bar button', { timeout: T });
    await agent.page.click('.takeover-bar button');
    await agent.page.waitForSelector('.composer-input', { timeout: T });
    // The user is told a person joined.
    await user.page.waitForSelector('.msg-system', { timeout: T });
    await agent.page.fill('.composer-input', 'Hi Marc, Nadia from Network here. Which site are you connecting to?');
    await agent.page.press('.composer-input', 'Enter');
    await user.page.waitForSelector('.msg.role-agent >> text=Nadia from Network', { timeout: T });
    assert.equal(await user.page.evaluate(() => window.__sameDocument), true, 'no reload');

    // And the other way round.
    await say(user.page, 'Clermont-Ferrand, from home');
    await agent.page.waitForSelector('.msg.role-user >> text=Clermont-Ferrand, from home', { timeout: T });
    await screenshot(agent.page, 'agent-takeover');
    await screenshot(user.page, 'portal-chat-agent');
  });

  test('a public reply on the ticket shows in the user\'s ticket page live', async () => {
    await user.page.goto('/tickets/' + ticketId);
    await user.page.waitForSelector('.ticket-head', { timeout: T });
    await user.page.evaluate(() => (window.__sameDocument = true));
    await agent.page.goto('/agent/tickets/' + ticketId);
    await agent.page.waitForSelector('.reply-box textarea', { timeout: T });
    await agent.page.fill('.reply-box textarea', 'We are replacing the VPN profile on your laptop.');
    await agent.page.click('.reply-box .btn-primary');
    await user.page.waitForSelector('.comment >> text=replacing the VPN profile', { timeout: T });
    assert.equal(await user.page.evaluate(() => window.__sameDocument), true, 'no reload');
    await screenshot(user.page, 'portal-ticket');
    await user.page.setViewportSize(PHONE);
    await screenshot(user.page, 'portal-ticket-phone');
    await user.page.setViewportSize(DESKTOP);
  });

  test('users see only their own tickets', async () => {
    const other = await loginAs(browser, server, 'alice');
    await other.page.goto('/tickets');
    await other.page.waitForSelector('.page-head', { timeout: T });
    await other.page.click('.seg button:nth-child(2)');
    await other.page.waitForTimeout(500);
    const listed = await other.page.$$eval('.ticket-card .mono', (els) => els.map((e) => e.textContent));
    assert.ok(!listed.includes(ticketId), "marc's ticket is not in alice's list");
    await other.page.goto('/tickets/' + ticketId);
    await other.page.waitForSelector('.alert-error', { timeout: T });
    assert.equal(await other.page.$('.ticket-head'), null);
    await other.context.close();

    await user.page.goto('/tickets');
    await user.page.waitForSelector(`.ticket-card >> text=${ticketId}`, { timeout: T });
    await screenshot(user.page, 'portal-tickets');
    await user.page.setViewportSize(PHONE);
    await screenshot(user.page, 'portal-tickets-phone');
  });
});

describe('knowledge base and admin pages', () => {
  test('knowledge base page', async () => {
    const { context, page } = await loginAs(browser, server, 'alice');
    await page.goto('/kb');
    await page.waitForSelector('.kb-hero');
    await page.fill('.search input', 'vpn');
    await page.click('.search button');
    const first = await page.waitForSelector('.kb-result', { timeout: T });
    assert.match(await first.innerText(), /VPN/);
    await screenshot(page, 'kb');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'kb-phone');
    await page.goto('/kb/kb-vpn-setup');
    await page.waitForSelector('.article .prose p', { timeout: T });
    assert.equal(await page.$$eval('.article .prose script', (x) => x.length), 0);
    await screenshot(page, 'kb-article-phone');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'kb-article');
    await context.close();
  });

  test('admin: teams, import errors listed, tokens', async () => {
    const { context, page } = await loginAs(browser, server, 'hugo');
    await page.goto('/admin/teams');
    await page.waitForSelector('.grid-cards .card', { timeout: T });
    await screenshot(page, 'admin-teams');
    await page.goto('/admin/import');
    await page.fill(
      'textarea.code',
      'format: smartassist-orgpack/1\norganization:\n  name: Broken\nteams:\n  - id: a\n    name: A\nservices:\n  - id: s\n    name: S\n    owner_team: netwrk\n',
    );
    await page.click('.import-form .btn-primary');
    const err = await page.waitForSelector('.alert-error', { timeout: T });
    assert.match(await err.innerText(), /netwrk/);
    await screenshot(page, 'admin-import-errors');
    await page.goto('/admin/tokens');
    await page.fill('.token-form input >> nth=0', 'e2e-slack');
    await page.click('.token-form .btn-primary');
    await page.waitForSelector('.token-once .secret', { timeout: T });
    await page.waitForSelector('td >> text=e2e-slack', { timeout: T });
    await screenshot(page, 'admin-tokens');
    await page.setViewportSize(PHONE);
    await page.goto('/admin/teams');
    await page.waitForSelector('.grid-cards .card', { timeout: T });
    await screenshot(page, 'admin-teams-phone');
    await context.close();
  });

  test('login page', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, baseURL: server.url });
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForSelector('.login-card');
    await screenshot(page, 'login');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'login-phone');
    await context.close();
  });
});
