import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { artifactPath, launch, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Summary {
  figures: { key: string; value: number }[];
}

/** The figures the API gives this account, to compare with what the page shows. */
async function apiSummary(username: string): Promise<Map<string, number>> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'fengqiao-demo' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const summary = (await (await fetch(`${baseUrl}/api/dashboard/summary`, { headers: { cookie } })).json()) as Summary;
  return new Map(summary.figures.map((f) => [f.key, f.value]));
}

async function menuOf(username: string, shot: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, baseUrl, username);
  await page.getByTestId('figure-users-value').waitFor();
  const items = await page.getByTestId('nav-menu').locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  const users = Number((await page.getByTestId('figure-users-value').innerText()).replace(/[^0-9]/g, ''));
  const grids = Number((await page.getByTestId('figure-grids-value').innerText()).replace(/[^0-9]/g, ''));
  const header = await page.getByTestId('header-user').innerText();
  await page.screenshot({ path: artifactPath(shot) });
  await context.close();
  return { items, users, grids, header };
}

describe('the web shell', () => {
  it('shows three roles three different menus and the figures of their own jurisdiction', async () => {
    const admin = await menuOf('demo-admin', 'home-admin.png');
    const chief = await menuOf('demo-chief', 'home-chief.png');
    const officer = await menuOf('demo-officer', 'home-officer.png');

    expect(admin.items).toEqual(expect.arrayContaining(['nav-home', 'nav-org', 'nav-departments', 'nav-users', 'nav-apikeys', 'nav-audit', 'nav-account']));
    expect(chief.items).toEqual(expect.arrayContaining(['nav-home', 'nav-users', 'nav-audit']));
    expect(chief.items).not.toContain('nav-apikeys');
    expect(officer.items).not.toContain('nav-users');
    expect(officer.items).not.toContain('nav-audit');
    expect(new Set([admin.items.join(), chief.items.join(), officer.items.join()]).size).toBe(3);

    for (const [name, seen] of [['demo-admin', admin], ['demo-chief', chief], ['demo-officer', officer]] as const) {
      const figures = await apiSummary(name);
      expect(seen.users).toBe(figures.get('users'));
      expect(seen.grids).toBe(figures.get('grids'));
    }
    expect(admin.users).toBeGreaterThan(chief.users);
    expect(chief.users).toBeGreaterThan(officer.users);
    expect(chief.header).toContain('城关派出所');
  });

  it('is Chinese by default and switches to English', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await expect.poll(() => page.locator('body').innerText()).toContain('登录');
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('body').innerText()).toMatch(/Sign in/i);
    await context.close();
  });

  it('refuses a wrong password on the login page with a message', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('demo-chief');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
    await context.close();
  });

  it('fits a 375-pixel phone screen for a volunteer', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-volunteer');
    // A volunteer lands on the phone app's home with its five tiles.
    await page.getByTestId('volunteer-home').waitFor();
    expect(new URL(page.url()).pathname).toBe('/v');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifactPath('home-volunteer-375.png'), fullPage: true });
    await context.close();
  });

  it('reaches the login form and signs in with the keyboard alone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').focus();
    await page.keyboard.type('demo-bureau');
    await page.keyboard.press('Tab');
    await page.keyboard.type('fengqiao-demo');
    await page.keyboard.press('Enter');
    await page.getByTestId('nav-menu').waitFor();
    await context.close();
  });
});
