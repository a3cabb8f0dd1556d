import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { projectRoot } from '../../src/core/paths';

/** Debian's Chromium (a test tool's own browser download cannot work here). */
export const chromiumPath = process.env.CASCADE_CHROMIUM ?? '/usr/bin/chromium';
export const screenshotDir = path.join(projectRoot, '.cascade', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath}: apt-get install -y chromium (or set CASCADE_CHROMIUM)`);
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Background networking would try Google's hosts at every start; this machine has no network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page that may only talk to the loopback server: any other request is aborted and recorded,
 * so a test can assert the page asks nothing of the internet. Console errors are collected too.
 */
export async function offlinePage(browser: Browser): Promise<{ page: Page; external: string[]; consoleErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const external: string[] = [];
  const consoleErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    external.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  return { page, external, consoleErrors };
}
