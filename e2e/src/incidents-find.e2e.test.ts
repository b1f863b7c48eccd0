import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { artifactPath, choose, launch, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Registers incidents as an officer through the API (intake needs an Idempotency-Key). */
async function reportAs(username: string, bodies: Record<string, unknown>[]): Promise<number[]> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'fengqiao-demo' }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const ids: number[] = [];
  for (const [n, body] of bodies.entries()) {
    const res = await fetch(`${baseUrl}/api/incidents`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', 'idempotency-key': `e2e-find-${Date.now()}-${n}` },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`intake: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: number }).id);
  }
  return ids;
}

describe('finding incidents in the browser', () => {
  it('an officer searches, filters, keeps the filters in the link, saves them, exports, and opens the linked repeats', async () => {
    const token = `查找${Date.now().toString(36)}`;
    const phone = `136${String(Date.now()).slice(-8)}`;
    const day = 86_400_000;
    const ids = await reportAs(
      'demo-officer',
      [3, 2, 1].map((d) => ({ channel: '110', receivedAt: new Date(Date.now() - d * day).toISOString(), categoryCode: '100100', summary: `电动车被盗 ${token}-${d}`, narrative: `报警人称电动车被盗（${token}）`, callerPhone: phone })),
    );

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-officer');
    await page.goto(`${baseUrl}/incidents`);
    const search = page.getByTestId('incidents-search').locator('input');
    await search.fill(token);
    await search.press('Enter');
    await expect.poll(() => page.url()).toContain(`q=${encodeURIComponent(token)}`);
    for (const id of ids) await page.getByTestId(`incident-row-${id}`).waitFor();

    // The has-warning filter (three calls from one phone raise a warning) goes into the URL too.
    await choose(page, 'incidents-warning', '有未关闭预警');
    await expect.poll(() => page.url()).toContain('hasWarning=true');
    await page.getByTestId(`incident-row-${ids[0]}`).waitFor();

    // A reload (or a shared link) opens the same list.
    await page.reload();
    await expect.poll(() => search.inputValue()).toBe(token);
    await page.getByTestId(`incident-row-${ids[2]}`).waitFor();

    // Save the filters, clear them, and apply them again from the menu.
    const name = `常用${Date.now().toString(36)}`;
    await page.getByTestId('incidents-saved-filters').click();
    await page.getByRole('menuitem', { name: '保存当前筛选' }).click();
    await page.getByTestId('saved-filter-name').fill(name);
    await page.keyboard.press('Enter');
    await page.getByText('筛选条件已保存').waitFor();
    await page.getByTestId('incidents-clear').click();
    await expect.poll(() => page.url()).not.toContain('q=');
    await page.getByTestId('incidents-saved-filters').click();
    await page.getByRole('menuitem', { name }).click();
    await expect.poll(() => page.url()).toContain('hasWarning=true');
    await page.getByTestId(`incident-row-${ids[1]}`).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('incidents-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^警情台账-\d{8}\.xlsx$/);
    await page.screenshot({ path: artifactPath('incidents-find.png'), fullPage: true });

    // The detail page lists the other incidents of the phone cluster and its warning.
    await page.getByTestId(`incident-row-${ids[1]}`).click();
    const links = page.getByTestId('incident-links');
    await links.waitFor();
    await links.getByTestId(`incident-link-${ids[0]}`).waitFor();
    await links.getByTestId(`incident-link-${ids[2]}`).waitFor();
    expect(await links.innerText()).toContain(phone);
    expect(await links.locator('a[href^="/warnings/"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('incident-links.png'), fullPage: true });
    await context.close();

    // A phone: the shared link works at 375 px without sideways scrolling.
    const phoneContext = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const small = await phoneContext.newPage();
    await signIn(small, baseUrl, 'demo-officer');
    await small.goto(`${baseUrl}/incidents?q=${encodeURIComponent(token)}&hasWarning=true`);
    await small.getByTestId(`incident-row-${ids[0]}`).waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);
    await small.screenshot({ path: artifactPath('incidents-find-375.png'), fullPage: true });
    // With only words searched, the other filters fold under 更多筛选 until asked for.
    await small.goto(`${baseUrl}/incidents?q=${encodeURIComponent(token)}`);
    await small.getByTestId(`incident-row-${ids[0]}`).waitFor();
    expect(await small.getByTestId('incidents-status').count()).toBe(0);
    await small.getByTestId('incidents-more').click();
    await small.getByTestId('incidents-status').waitFor();
    await phoneContext.close();
  });
});
