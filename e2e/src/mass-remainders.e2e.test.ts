import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin, type ApiSession } from './api.js';
import { artifactPath, launch, signIn } from './browser.js';

// Mass prevention, the remainders: a broadcast area drawn as a polygon (with the recipient
// preview), cancelling a task from the officer's task page, and a volunteer's member page.

const baseUrl = inject('baseUrl');
let browser: Browser;
let officer: ApiSession;
beforeAll(async () => {
  browser = await launch();
  officer = await apiLogin(baseUrl, 'demo-officer');
});
afterAll(async () => {
  await browser?.close();
});

async function desk(username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  await signIn(page, baseUrl, username);
  return page;
}

/** The member record (registry id) of a demo volunteer account, looked up in the officer's roster. */
async function memberId(username: string): Promise<number> {
  for (let page = 1; page <= 30; page++) {
    const roster = await officer.get<{ items: { id: number; username: string | null }[] }>(`/api/volunteers?pageSize=200&page=${page}`);
    const hit = roster.items.find((v) => v.username === username);
    if (hit) return hit.id;
    if (roster.items.length < 200) break;
  }
  throw new Error(`no member record for ${username}`);
}

describe('a broadcast to a drawn polygon', () => {
  it('the officer draws a polygon around the phones (undo, clear and typed corners too); the preview count is what the send reaches', async () => {
    const page = await desk('demo-officer');
    await page.goto(`${baseUrl}/broadcasts/new`);
    await page.getByTestId('broadcast-new-page').waitFor();
    await page.getByTestId('broadcast-map').locator('.leaflet-container, .leaflet-pane').first().waitFor({ state: 'attached' });
    await page.getByTestId('broadcast-mode-polygon').click();

    // Keyboard path: two typed corners are refused with a clear message on send.
    await page.getByTestId('broadcast-title').fill('多边形区域协查');
    await page.getByTestId('broadcast-body').fill('女，72岁，穿红色外套，走失前在菜市场附近。');
    await page.getByTestId('broadcast-polygon-text').fill('30.1,120.1\n30.2,120.2');
    await page.getByTestId('broadcast-send').click();
    await expect.poll(() => page.getByTestId('broadcast-polygon-error').innerText()).toContain('至少需要 3 个顶点');
    await page.getByTestId('broadcast-polygon-text').fill('30.1,120.1\nabc');
    await expect.poll(() => page.getByTestId('broadcast-polygon-error').innerText()).toContain('第 2 行');
    await page.getByTestId('broadcast-polygon-clear').click();
    expect(await page.getByTestId('broadcast-polygon-count').innerText()).toContain('0');

    // Mouse path: three corners on the map, a fourth taken back with undo.
    const box = (await page.getByTestId('broadcast-map').boundingBox())!;
    const at = (fx: number, fy: number) => page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    await at(0.2, 0.2);
    await at(0.8, 0.2);
    await at(0.5, 0.85);
    await at(0.9, 0.9);
    expect(await page.getByTestId('broadcast-polygon-count').innerText()).toContain('4');
    await page.getByTestId('broadcast-polygon-undo').click();
    expect(await page.getByTestId('broadcast-polygon-count').innerText()).toContain('3');
    const corners = (await page.getByTestId('broadcast-polygon-text').inputValue())
      .split('\n')
      .map((l) => l.split(',').map(Number) as [number, number]);
    expect(corners).toHaveLength(3);
    await page.screenshot({ path: artifactPath('broadcast-polygon.png'), fullPage: true });

    // The two phones stand inside the drawn area: a tip from where they are updates their last position.
    const inside = { lat: (corners[0]![0] + corners[1]![0] + corners[2]![0]) / 3, lon: (corners[0]![1] + corners[1]![1] + corners[2]![1]) / 3 };
    for (const username of ['demo-volunteer', 'cg1-vol2']) {
      const phone = await apiLogin(baseUrl, username);
      await phone.post('/api/tips', { text: '我在这里巡逻，发现路灯不亮', category: 'hazard', lat: inside.lat, lon: inside.lon, accuracy: 10 });
    }
    // Leaving out the grid workers recomputes the preview with the phones in place.
    await page.getByText('同时推送给区域内网格员').click();
    await expect.poll(() => page.getByTestId('broadcast-preview').innerText(), { timeout: 10_000 }).toMatch(/预计送达 \d+ 人/);
    const previewed = Number(/预计送达 (\d+) 人/.exec(await page.getByTestId('broadcast-preview').innerText())![1]);
    expect(previewed).toBeGreaterThanOrEqual(2);

    await page.getByTestId('broadcast-send').click();
    await page.waitForURL(/\/broadcasts\/\d+$/);
    const id = Number(/\/broadcasts\/(\d+)$/.exec(page.url())![1]);
    const sent = await officer.get<{ target: { type: string; polygon: { coordinates: [number, number][][] } | null }; counts: { recipients: number } }>(`/api/broadcasts/${id}`);
    expect(sent.target.type).toBe('polygon');
    expect(sent.target.polygon!.coordinates[0]).toHaveLength(4);
    expect(sent.counts.recipients).toBe(previewed);
    for (const username of ['demo-volunteer', 'cg1-vol2']) {
      const phone = await apiLogin(baseUrl, username);
      const mine = await phone.get<{ items: { id: number }[] }>('/api/my/broadcasts');
      expect(mine.items.map((b) => b.id)).toContain(id);
    }
  });
});

describe('cancelling a task and the member page', () => {
  it('the officer cancels an open task with a reason from the task page; the volunteer sees it cancelled', async () => {
    const vid = await memberId('demo-volunteer');
    const now = Date.now();
    const task = await officer.post<{ id: number }>('/api/tasks', {
      kind: 'visit',
      title: `走访独居老人（取消测试 ${now % 100000}）`,
      description: '',
      lat: 30.27,
      lon: 120.15,
      radiusM: 200,
      windowStart: new Date(now + 3_600_000).toISOString(),
      windowEnd: new Date(now + 7_200_000).toISOString(),
      volunteerId: vid,
    });
    const page = await desk('demo-officer');
    await page.goto(`${baseUrl}/tasks?id=${task.id}`);
    await page.getByTestId('task-drawer').waitFor();
    await page.getByTestId('task-cancel-open').click();
    await page.getByTestId('task-cancel-confirm').click();
    await page.getByText('请填写取消原因').waitFor();
    await page.getByTestId('task-cancel-reason').fill('老人已被家属接走');
    await page.getByTestId('task-cancel-confirm').click();
    await page.getByTestId('task-cancelled').waitFor();
    expect(await page.getByTestId('task-cancel-open').count()).toBe(0);

    const phone = await apiLogin(baseUrl, 'demo-volunteer');
    const mine = await phone.get<{ items: { title: string; cancelled: boolean }[] }>('/api/my/tasks');
    expect(mine.items.find((i) => i.title.includes(`取消测试 ${now % 100000}`))).toMatchObject({ cancelled: true });
  });

  it('the officer opens a member from the roster: profile, points, training, rewards, tasks and tips; it fits 375 px', async () => {
    const vid = await memberId('demo-volunteer');
    const page = await desk('demo-officer');
    await page.goto(`${baseUrl}/volunteers/${vid}`);
    await page.getByTestId('volunteer-member-page').waitFor();
    await page.getByTestId('member-profile').waitFor();
    const profile = await officer.get<{ points: { total: number }; tasks: unknown[]; tips: unknown[] }>(`/api/volunteers/${vid}/profile`);
    expect(profile.tasks.length).toBeGreaterThan(0);
    expect(profile.tips.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('member-points-total').innerText()).toContain(String(profile.points.total));
    expect(await page.getByTestId('member-tasks').locator('tbody tr').count()).toBeGreaterThan(0);

    const narrow = await (await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true })).newPage();
    await signIn(narrow, baseUrl, 'demo-officer');
    await narrow.goto(`${baseUrl}/volunteers/${vid}`);
    await narrow.getByTestId('member-profile').waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await narrow.screenshot({ path: artifactPath('volunteer-member-375.png'), fullPage: true });
  });
});
