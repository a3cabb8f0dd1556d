import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Browser } from 'playwright-core';
import { ideDir } from '../../src/app/ide';
import { projectRoot } from '../../src/core/paths';
import { launchChromium, offlinePage, screenshotDir } from '../support/browser';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

describe('the GraphiQL IDE in a real browser, offline', () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    // Always rebuild (a fraction of a second): a stale bundle would miss new examples.
    const built = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'build-ide.mjs')], { encoding: 'utf8' });
    if (built.status !== 0 || !existsSync(path.join(ideDir, 'ide.js'))) throw new Error(`IDE build failed: ${built.stderr}`);
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('opens with the example operations, runs one with a click, and asks nothing of the internet', async () => {
    const { page, external, consoleErrors } = await offlinePage(browser);
    await page.goto(server.url.replace('localhost', '127.0.0.1'));
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
    // Each example is a tab; the first is open.
    const tabs = page.locator('.graphiql-tab');
    expect(await tabs.count()).toBeGreaterThanOrEqual(6);
    await page.locator('.graphiql-execute-button').click();
    const result = page.locator('.result-window');
    await result.getByText('"byVenue"').waitFor({ timeout: 20_000 });
    const text = await result.innerText();
    expect(text).toContain('"binance"');
    expect(text).not.toContain('"errors"');
    await page.screenshot({ path: path.join(screenshotDir, 'ide.png') });
    expect(external).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('runs what the tab holds when Run is pressed: a replaced example runs as typed', async () => {
    const { page, consoleErrors } = await offlinePage(browser);
    await page.goto(server.url.replace('localhost', '127.0.0.1'));
    await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 20_000 });
    // The first example's text, replaced wholesale, then Ctrl+Enter at once: GraphiQL re-reads
    // the operations 100 ms after an edit, and sent the example's operation name with the new text.
    await page.locator('.graphiql-query-editor .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('{ assets { symbol name } }');
    await page.keyboard.press('Control+Enter');
    const result = page.locator('.result-window');
    await result.getByText(/"assets"|"errors"/).first().waitFor({ timeout: 20_000 });
    const answer = JSON.parse(await page.locator('.result-window .CodeMirror').evaluate((element) => (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue()));
    expect(answer.errors).toBeUndefined();
    expect(answer.data.assets).toEqual(expect.arrayContaining([{ symbol: 'BTC', name: 'Bitcoin' }]));
    expect(consoleErrors).toEqual([]);
  });
});
