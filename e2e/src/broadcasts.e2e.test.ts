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

async function phone(username: string): Promise<Page> {
  const ctx = await browser.newContext({
    viewport: { width: 375, height: 812 },
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
    permissions: ['geolocation'],
    geolocation: { latitude: 30.2741, longitude: 120.1551, accuracy: 10 },
  });
  const page = await ctx.newPage();
  await signIn(page, baseUrl, username);
  await page.goto(`${baseUrl}/v/broadcasts`);
  await page.getByTestId('my-broadcasts-page').waitFor();
  return page;
}

describe('a broadcast reaches phones live and the board shows the time to found', () => {
  it('the officer broadcasts a missing person; two volunteer phones get it live; one replies found; the board shows it; closing tells the other', async () => {
    const a = await phone('demo-volunteer');
    const b = await phone('cg1-vol2');
    // Let both EventSources subscribe.
    await a.waitForTimeout(1500);

    const officer = await apiLogin(baseUrl, 'demo-officer');
    // The two phones' teams: earlier browser tests move volunteers' last known positions, so the
    // live-delivery check addresses their teams rather than an area (area targeting has API tests).
    const teamIds = new Set<number>();
    for (let page = 1; page <= 20 && teamIds.size < 2; page++) {
      const roster = await officer.get<{ items: { username: string | null; teamId: number | null }[] }>(`/api/volunteers?pageSize=200&page=${page}`);
      for (const v of roster.items) if ((v.username === 'demo-volunteer' || v.username === 'cg1-vol2') && v.teamId) teamIds.add(v.teamId);
      if (roster.items.length < 200) break;
    }
    expect(teamIds.size).toBeGreaterThan(0);
    const title = `寻找走失老人 ${Date.now() % 100000}`;
    const sent = await officer.post<{ id: number; counts: { recipients: number } }>('/api/broadcasts', {
      kind: 'missing_person',
      title,
      body: '男，80岁，穿灰色棉袄，拄拐杖。',
      target: { type: 'teams', teamIds: [...teamIds] },
      includeGrid: true,
    });
    expect(sent.counts.recipients).toBeGreaterThanOrEqual(2);

    for (const p of [a, b]) {
      await p.getByTestId('broadcast-banner').waitFor();
      await p.getByTestId(`my-broadcast-${sent.id}`).waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    }
    await a.screenshot({ path: artifactPath('broadcast-phone.png'), fullPage: true });

    const desk = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
    await signIn(desk, baseUrl, 'demo-officer');
    await desk.goto(`${baseUrl}/broadcasts/${sent.id}`);
    await desk.getByTestId('broadcast-page').waitFor();
    await expect.poll(async () => desk.getByTestId('time-to-found').innerText()).toContain('尚未找到');

    const card = a.getByTestId(`my-broadcast-${sent.id}`);
    await card.getByTestId('broadcast-ack').click();
    await card.getByText('已签收').waitFor();
    await card.getByTestId('broadcast-reply').click();
    await card.getByTestId('reply-kind').getByText('已找到').click();
    await card.getByTestId('reply-text').fill('在公园长椅上找到老人');
    await card.getByTestId('reply-locate').click();
    await card.getByText('已定位').waitFor();
    await card.getByTestId('reply-send').click();
    await card.getByText('在公园长椅上找到老人').waitFor();

    // The board updates without a reload.
    await expect.poll(async () => desk.getByTestId('time-to-found').innerText(), { timeout: 15_000 }).toMatch(/\d+ 分钟/);
    await desk.getByTestId('broadcast-replies').getByText('在公园长椅上找到老人').waitFor();
    // The "found" reply is drawn on the map (a teams broadcast has no area outline).
    await expect.poll(async () => desk.locator('[data-testid="broadcast-map"] path.leaflet-interactive').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    await desk.screenshot({ path: artifactPath('broadcast-board.png'), fullPage: true });

    await desk.getByTestId('broadcast-close').click();
    await desk.locator('#broadcast-close-confirm').click();
    await expect.poll(async () => desk.getByTestId('broadcast-status').innerText()).toBe('已结束');
    await expect.poll(async () => b.getByTestId(`my-broadcast-${sent.id}`).getByTestId('my-broadcast-status').innerText(), { timeout: 15_000 }).toBe('已结束');
  });
});
