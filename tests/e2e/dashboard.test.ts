import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Browser } from 'playwright-core';
import { dashboardDir } from '../../src/app/ide';
import { projectRoot } from '../../src/core/paths';
import { launchChromium, offlinePage, screenshotDir } from '../support/browser';
import { createTestDatabase, TestDatabase } from '../support/database';
import { startTestServer, TestServer } from '../support/server';

describe('the dashboard in a real browser, offline', () => {
  let database: TestDatabase;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'build-ide.mjs')], { encoding: 'utf8' });
    if (built.status !== 0 || !existsSync(path.join(dashboardDir, 'dashboard.js'))) throw new Error(`bundle failed: ${built.stderr}`);
    database = await createTestDatabase('sample');
    server = await startTestServer(database.db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('draws every chart and the recovery conditions from the sample data, asking nothing of the internet', async () => {
    const { page, external, consoleErrors } = await offlinePage(browser);
    const base = server.url.replace('localhost', '127.0.0.1').replace('/graphql', '');
    await page.goto(`${base}/dashboard?asset=BTC&from=2025-09-22T00:00:00Z&to=2025-11-22T00:00:00Z&interval=H4`);
    await page.locator('.chart canvas').nth(5).waitFor({ timeout: 20_000 });
    expect(await page.locator('.chart h2').allInnerTexts()).toEqual([
      'BTC price (USD)',
      'Aggregate open interest (USD)',
      'Liquidations (USD)',
      'Taker buy vs sell (USD; Binance + OKX, the venues that publish it)',
      'Funding, OI-weighted, per 8 h',
      '±2 % depth (USD)',
      'US spot ETF weekly net flow (USD)',
      "Top traders' long/short by position, per venue (each venue's own top slice; not averaged)",
      'All accounts long/short, per venue (not averaged)',
      'Coinbase premium over Binance (bp)',
      'Perpetual premium over the index (bp; OI-weighted across venues)',
      'Front dated-future basis, annualised (% per year; nearest ≥ 7 days per venue, venues averaged)',
    ]);
    expect(await page.locator('#status').innerText()).toBe('366 buckets');
    const conditions = await page.locator('.condition').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-condition'), n.classList.contains('met')]));
    // The published conditions, then the dashboard's rules (web/dashboard/recovery.ts).
    expect(conditions).toEqual([
      ['openInterestBelow', false],
      ['weeklyEtfInflowAbove', false],
      ['rsiOversold', true],
      ['funding under 1 bp / 8 h', true],
      ['binance OI under $10B', false],
      ['depth back to its 30-day median', false],
    ]);
    // Money as money ($40.7B, -$1.86B), RSI in points: never an exponent.
    const badges = await page.locator('.condition').allInnerTexts();
    expect(badges.join(' ')).not.toMatch(/\de[+-]\d/);
    expect(badges[0]).toMatch(/^openInterestBelow: \$\d+(\.\d+)?[KMBT] \(threshold \$\d+(\.\d+)?[KMBT]\)$/);
    expect(badges[1]).toMatch(/^weeklyEtfInflowAbove: -?\$\d+(\.\d+)?[KMBT]? \(threshold -?\$\d+(\.\d+)?[KMBT]?\)$/);
    expect(badges[2]).toMatch(/^rsiOversold: \d+(\.\d+)? \(threshold \d+(\.\d+)?\)$/);
    // A rule in USD reads as money too, whatever its name.
    expect(badges[4]).toMatch(/^binance OI under \$10B: \$\d+(\.\d+)?B \(threshold \$10B\)$/);
    await page.screenshot({ path: path.join(screenshotDir, 'dashboard.png'), fullPage: true });
    expect(external).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
