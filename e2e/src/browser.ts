import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's chromium driven by playwright-core; a missing browser fails loudly, never skips. */
export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: the test command installs it with apt (chromium, fonts-noto-cjk)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export async function signIn(page: Page, baseUrl: string, username: string, password = 'fengqiao-demo'): Promise<void> {
  // A missing element fails the step within 20 s with its name, instead of hanging the test.
  page.setDefaultTimeout(20_000);
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  // Desktop shows the side menu; a phone shows the menu button of the drawer.
  await page.getByTestId('nav-menu').or(page.getByTestId('menu-toggle')).first().waitFor({ timeout: 20_000 });
}

export function artifactPath(name: string): string {
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

export function tmpProfile(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fq-chromium-'));
}

/**
 * Picks an option of an antd Select by its visible text, and checks that the Select shows it:
 * on a loaded machine the dropdown can re-render (options arriving) under the click, which then
 * lands on nothing, so the pick is retried until the Select holds the option.
 */
export async function choose(page: Page, testId: string, option: string | RegExp): Promise<void> {
  const select = page.getByTestId(testId);
  const shows = async () => {
    const text = (await select.innerText()).trim();
    return typeof option === 'string' ? text.includes(option) : option.test(text);
  };
  for (let attempt = 0; attempt < 5 && !(await shows()); attempt++) {
    await select.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    await page.waitForTimeout(200);
  }
  if (!(await shows())) throw new Error(`the select ${testId} does not show ${String(option)}`);
}
