// The knowledge editor, article feedback and agent assist, end to end in
// headless Chromium against the real server (see harness.mjs). Run:
// node --test tests/e2e/knowledge.test.mjs (ctest runs it as e2e_knowledge).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, loginAs, screenshot, startServer, PHONE } from './harness.mjs';

// alice: user (accounting); nadia: agent (network); hugo: admin.
const USERS = ['alice', 'nadia', 'hugo'];
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

// Calls the API from inside the page, with its session cookie and CSRF token.
async function apiCall(page, method, path, body) {
  return page.evaluate(
    async ([method, path, body]) => {
      const res = await fetch('/api/v1' + path, {
        method,
        headers: {
          'Content-Type': 'application/json',
          'X-CSRF-Token': localStorage.getItem('sa.csrf') ?? '',
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json().catch(() => null) };
    },
    [method, path, body],
  );
}

describe('knowledge', () => {
  test("an agent's edit is found by a user's search at once, and the user rates it", async () => {
    const agent = await loginAs(browser, server, 'nadia');
    await agent.page.goto('/agent/kb');
    await agent.page.waitForSelector('.kbe-table', { timeout: T });
    await screenshot(agent.page, 'kb-editor-list');
    await agent.page.goto('/agent/kb/kb-printer-map');
    const body = await agent.page.waitForSelector('textarea[name=body]', { timeout: T });
    const text = await body.inputValue();
    await body.fill(text + '\n\nIf the quokka toner light blinks, open the front cover and reseat the cartridge.');
    // The preview is the server's rendering of what was typed.
    await agent.page.waitForFunction(
      () => document.querySelector('.kbe-preview')?.textContent?.includes('quokka toner'),
      null,
      { timeout: T },
    );
    await agent.page.click('.kbe-form button[type=submit]');
    await agent.page.waitForSelector('.alert-ok', { timeout: T });
    assert.match(await agent.page.innerText('.page-head'), /Version 2/);
    await agent.page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(agent.page, 'kb-editor');

    const user = await loginAs(browser, server, 'alice');
    await user.page.goto('/kb?q=' + encodeURIComponent('quokka toner light blinking'));
    const first = await user.page.waitForSelector('.kb-result', { timeout: T });
    assert.match((await first.getAttribute('href')) ?? '', /^\/kb\/kb-printer-map\?q=/);
    await first.click();
    await user.page.waitForSelector('.article .prose', { timeout: T });
    assert.match(await user.page.innerText('.article .prose'), /quokka toner/);
    await user.page.click('.kb-feedback button[data-helped=yes]');
    await user.page.waitForSelector('.kb-feedback.done', { timeout: T });
    await screenshot(user.page, 'kb-article-feedback');

    // Staff see the vote.
    const article = await apiCall(agent.page, 'GET', '/articles/kb-printer-map');
    assert.equal(article.json.feedback.helped, 1);
    await agent.context.close();
    await user.context.close();
  });

  test('a malicious Markdown body is neutralised in the preview and the article page', async () => {
    const agent = await loginAs(browser, server, 'nadia');
    await agent.page.goto('/agent/kb/new');
    await agent.page.waitForSelector('textarea[name=body]', { timeout: T });
    await agent.page.fill('input[name=title]', 'Markdown safety check');
    await agent.page.selectOption('select[name=status]', 'published');
    await agent.page.fill(
      'textarea[name=body]',
      [
        'Safe intro paragraph.',
        '<script>window.__pwned = 1; alert("x")</script>',
        '[click me](javascript:window.__pwned=2) and [again](JaVaScRiPt:alert(3))',
        '<img src=x onerror="window.__pwned=4">',
        '<a href="javascript:window.__pwned=5">raw link</a>',
      ].join('\n\n'),
    );
    await agent.page.waitForFunction(
      () => document.querySelector('.kbe-preview')?.textContent?.includes('Safe intro'),
      null,
      { timeout: T },
    );
    const checkPage = async (page, scope, clickLinks) => {
      assert.equal(await page.$$eval(`${scope} script`, (els) => els.length), 0);
      assert.equal(await page.$$eval(`${scope} [onerror]`, (els) => els.length), 0);
      const hrefs = await page.$$eval(`${scope} a`, (els) => els.map((a) => a.getAttribute('href') ?? ''));
      assert.ok(hrefs.every((h) => !/^\s*javascript:/i.test(h)), hrefs.join(' '));
      if (clickLinks) {
        // Click every link: none may run script.
        for (const a of await page.$$(`${scope} a`)) await a.click({ noWaitAfter: true }).catch(() => {});
      }
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(page.dialogs, []);
    };
    await checkPage(agent.page, '.kbe-preview', false);
    await agent.page.click('.kbe-form button[type=submit]');
    await agent.page.waitForURL(/\/agent\/kb\/kb-markdown-safety-check/, { timeout: T });

    const user = await loginAs(browser, server, 'alice');
    await user.page.goto('/kb/kb-markdown-safety-check');
    await user.page.waitForSelector('.article .prose', { timeout: T });
    assert.match(await user.page.innerText('.article .prose'), /Safe intro paragraph/);
    await checkPage(user.page, '.article .prose', true);
    await agent.context.close();
    await user.context.close();
  });

  test('the agent sees a similar resolved case and turns a case into a draft article', async () => {
    const user = await loginAs(browser, server, 'alice');
    const admin = await loginAs(browser, server, 'hugo');
    const solved = await apiCall(user.page, 'POST', '/tickets', {
      title: 'Outlook keeps asking for my password',
      description: 'A password prompt pops up in Outlook every few minutes.',
    });
    assert.equal(solved.status, 201);
    const resolved = await apiCall(admin.page, 'PATCH', '/tickets/' + solved.json.id, {
      status: 'resolved',
      resolution: 'Removed the stale Outlook entries in Windows Credential Manager.',
    });
    assert.equal(resolved.status, 200, JSON.stringify(resolved.json));
    const fresh = await apiCall(user.page, 'POST', '/tickets', {
      title: 'Outlook asks for the password again and again',
      description: 'The Outlook password prompt comes back all the time.',
    });
    assert.equal(fresh.status, 201);

    const agent = await loginAs(browser, server, 'nadia');
    await agent.page.goto('/agent/tickets/' + fresh.json.id);
    const cases = await agent.page.waitForSelector('.assist-cases li', { timeout: T });
    assert.match(await cases.innerText(), new RegExp(solved.json.id));
    assert.match(await cases.innerText(), /Credential Manager/);
    await agent.page.$eval('.assist', (el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(agent.page, 'agent-ticket-assist');

    await agent.page.goto('/agent/tickets/' + solved.json.id);
    await agent.page.click('.assist-draft button', { timeout: T });
    await agent.page.waitForURL(/\/agent\/kb\/kb-case-/, { timeout: T });
    const title = await agent.page.waitForSelector('input[name=title]', { timeout: T });
    assert.match(await title.inputValue(), /Outlook keeps asking/);
    assert.match(await agent.page.innerText('.page-head'), /Draft/);
    await agent.page.setViewportSize(PHONE);
    await screenshot(agent.page, 'kb-editor-phone');
    await agent.context.close();
    await user.context.close();
    await admin.context.close();
  });
});
