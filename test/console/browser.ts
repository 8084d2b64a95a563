/// <reference lib="dom" />
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium (scripts/ensure-chromium.sh installs it; Playwright never downloads a browser),
 * launched headless with a fresh profile and nothing reaching out to the network.
 */
export const CHROMIUM = process.env.CONSOLE_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--no-first-run'];

export interface ConsoleBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launch(): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (npm test runs it first)`);
  if (!existsSync('dist/console/index.html')) throw new Error('dist/console is not built: run `npm run build:console` (npm test runs it first)');
  // launch() gives the browser a fresh temporary profile (user-data dir) of its own, removed on close
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

export async function newPage(b: ConsoleBrowser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  // reduced motion: a dialog closes at once instead of fading out, so axe never measures the contrast
  // of a button half faded (the console respects the setting, as it does for a user who asks for it)
  const context = await b.browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'UTC', bypassCSP: true, reducedMotion: 'reduce' }); // axe-core is injected inline
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}

const require = createRequire(`${process.cwd()}/package.json`);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core in the page (WCAG 2.1 A and AA rules): the serious and critical violations, described. */
export async function axeViolations(page: Page): Promise<string[]> {
  // a screen still in a transition (a dialog fading out, a notification sliding in) is measured once it
  // has settled: mid-fade colours are not the screen's colours (a half-faded button failed contrast)
  // (an endless animation, a loader's spin, never settles and is not waited for)
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity), undefined, { polling: 'raf' });
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`);
}

/** With CONSOLE_SCREENSHOTS=1 (npm run console:screenshots), the screen is saved to docs/console/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.CONSOLE_SCREENSHOTS !== '1') return;
  mkdirSync('docs/console', { recursive: true });
  // the viewport, as the user sees it (a full-page shot repeats the fixed header mid-page)
  await page.screenshot({ path: `docs/console/${name}.png` });
}

/** A barcode scanner's pace: one character every few milliseconds (~250 characters a second). */
const SCANNER_KEY_GAP_S = 0.004;

/**
 * A keyboard wedge: the characters and Enter as one burst of key events, wherever the focus is.
 *
 * Each key event carries the time it was made, as the operating system stamps a scanner's keys when
 * they arrive, so the console's burst detection (it reads `KeyboardEvent.timeStamp`) sees a scanner's
 * pace however long the browser takes to deliver them. Without the stamps, a loaded machine (2 cores,
 * the suite's other files running) held events back past the console's 100 ms pause and split a scan:
 * Playwright's `keyboard.type` waits for each key to be handled, and a DevTools event without a stamp
 * is stamped when the browser gets to it. (Chromium keeps the stamp: checked, key handlers that took
 * 30 ms each still saw the keys 4 ms apart.)
 */
export async function scan(page: Page, text: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const start = Date.now() / 1000;
    const sent: Promise<unknown>[] = [];
    // each character as its key; Enter also with its code and key code, as a keyboard sends it
    const keys: { key: string; text: string; code?: string; windowsVirtualKeyCode?: number }[] = [...text].map((ch) => ({ key: ch, text: ch }));
    keys.push({ key: 'Enter', text: '\r', code: 'Enter', windowsVirtualKeyCode: 13 });
    keys.forEach(({ text: typed, ...key }, i) => {
      const at = start + i * SCANNER_KEY_GAP_S;
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key, text: typed, unmodifiedText: typed, timestamp: at }));
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key, timestamp: at + SCANNER_KEY_GAP_S / 2 }));
    });
    await Promise.all(sent);
  } finally {
    await cdp.detach();
  }
}
