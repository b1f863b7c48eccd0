import crypto from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin } from './api.js';
import { artifactPath, launch, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Address {
  id: number;
  parentId: number | null;
  level: string;
  name: string;
  fullName: string;
}
interface Incident {
  id: number;
  addressId: number | null;
}

/** A signed-in raw session, for the writes that need headers of their own (Idempotency-Key). */
async function rawLogin(username: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'fengqiao-demo' }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> => {
    const r = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
}

/** Resolves with Date.now() in the page when the board's incident list first shows `text`. */
function whenListShows(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((resolve) => {
        const seen = () => document.querySelector('[data-testid="board-incidents"]')?.textContent?.includes(wanted) ?? false;
        if (seen()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (!seen()) return;
          observer.disconnect();
          resolve(Date.now());
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      }),
    text,
  );
}

describe('the live command board', () => {
  it('shows an incident entered by an officer on the chief’s open board within a second, and a third incident at one address raises a warning there without reload', async () => {
    const officerApi = await apiLogin(baseUrl, 'demo-officer');
    const post = await rawLogin('demo-officer');
    const tag = crypto.randomBytes(3).toString('hex');

    // A brand-new room has no incidents in the last 30 days, whatever the demo data holds.
    const rooms = await officerApi.get<{ items: Address[] }>(`/api/addresses/search?q=${encodeURIComponent('室')}&limit=50`);
    const sibling = rooms.items.find((a) => a.level === 'room' && a.parentId !== null);
    expect(sibling, 'a room in the officer’s scope').toBeDefined();
    const roomName = `${8000 + crypto.randomInt(1000)}室`;
    const room = await post<Address>('/api/addresses', { parentId: sibling!.parentId, level: 'room', name: roomName });
    const match = await officerApi.get<{ best: { address: { id: number }; confidence: number } | null }>(`/api/addresses/match?q=${encodeURIComponent(room.fullName)}`);
    expect(match.best?.address.id).toBe(room.id);
    expect(match.best!.confidence).toBeGreaterThanOrEqual(0.6);

    // The chief has the board open at a desk.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const board = await desk.newPage();
    await signIn(board, baseUrl, 'demo-chief');
    await board.goto(`${baseUrl}/board`);
    await board.getByTestId('board').waitFor();
    await expect.poll(() => board.getByTestId('board-live').getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
    await board.evaluate(() => ((window as unknown as { boardMarker: string }).boardMarker = 'not reloaded'));

    // The officer registers a walk-in report in the intake form.
    const office = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const form = await office.newPage();
    await signIn(form, baseUrl, 'demo-officer');
    await form.goto(`${baseUrl}/incidents/new`);
    await form.getByTestId('incident-form').waitFor();
    await form.getByTestId('incident-form-categoryCode').click();
    await form.keyboard.type('盗窃案');
    await form.locator('.ant-select-tree-node-content-wrapper[title="盗窃案"]').first().click();
    const summary = `大屏测试-${tag}-门前电动车被盗`;
    await form.getByTestId('incident-form-summary').fill(summary);
    await form.getByTestId('incident-form-addressText').fill(room.fullName);

    const seen = whenListShows(board, summary);
    const submittedAt = Date.now();
    // A plain DOM click: the clock measures the product, not Playwright's actionability checks.
    await form.getByTestId('incident-submit').dispatchEvent('click');
    const appearedAt = await seen;
    const delay = appearedAt - submittedAt;
    expect(delay).toBeLessThan(1000);
    await form.waitForURL(/\/incidents\/\d+$/);
    const firstId = Number(/\/incidents\/(\d+)$/.exec(form.url())![1]);
    const first = await officerApi.get<Incident>(`/api/incidents/${firstId}`);
    expect(first.addressId).toBe(room.id);
    const item = board.getByTestId(`board-incident-${firstId}`);
    await expect.poll(() => item.getAttribute('data-new')).toBe('true');
    await board.screenshot({ path: artifactPath('board-new-incident.png') });

    // Two more reports at the same address: the third crosses 3-in-30-days and raises a yellow warning.
    for (let i = 2; i <= 3; i++) {
      await post<Incident>(
        '/api/incidents',
        { channel: '110', receivedAt: new Date().toISOString(), categoryCode: '100100', summary: `大屏测试-${tag}-第${i}次报警`, addressText: room.fullName },
        { 'idempotency-key': `board-e2e-${tag}-${i}` },
      );
    }
    const warning = board.locator('[data-testid^="board-warning-"]', { hasText: room.fullName });
    await warning.waitFor({ timeout: 5_000 });
    await expect(warning.getAttribute('data-level')).resolves.toBe('yellow');
    await expect(warning.innerText()).resolves.toContain('黄色预警');
    await board.getByText(`大屏测试-${tag}-第3次报警`).waitFor({ timeout: 1_000 });
    await expect(board.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker)).resolves.toBe('not reloaded');
    await board.screenshot({ path: artifactPath('board-warning.png') });
    await office.close();
    await desk.close();
  });

  it('stacks the map under the incident list on a 375 px phone, without sideways scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await phone.newPage();
    await signIn(page, baseUrl, 'demo-chief');
    await page.goto(`${baseUrl}/board`);
    await page.getByTestId('board').waitFor();
    await page.getByTestId('board-map').waitFor();
    const list = await page.locator('.fq-board-incidents').boundingBox();
    const map = await page.getByTestId('board-map').boundingBox();
    expect(list && map).toBeTruthy();
    expect(map!.y).toBeGreaterThan(list!.y + list!.height - 1);
    expect(map!.width).toBeLessThanOrEqual(375);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifactPath('board-375.png'), fullPage: true });
    await phone.close();
  });
});
