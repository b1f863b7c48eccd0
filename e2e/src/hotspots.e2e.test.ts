import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiLogin } from './api.js';
import { artifactPath, choose, launch, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Proposal {
  id: number;
  status: string;
  areas: { band: string }[];
  adoptedPlanIds: number[];
}

describe('the hotspot page', () => {
  it('the chief sees the predicted grid with its data volume, proposes patrols for two shifts, adopts them and finds the plans on /patrols', async () => {
    const api = await apiLogin(baseUrl, 'demo-chief');
    const before = (await api.get<{ items: Proposal[] }>('/api/hotspots/proposals')).items.map((p) => p.id);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-chief');
    await page.getByTestId('nav-hotspots').click();
    await page.getByTestId('hotspots-page').waitFor();
    // The demo's saved run: risk cells on the map, the top ones numbered, and the data behind them.
    await expect.poll(async () => page.locator('[data-testid=hotspot-map] path.fq-risk-cell').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=hotspot-map] .fq-hotspot-rank').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('hotspot-volume').innerText()).toMatch(/^\d+ 起有坐标的警情$/);
    expect(Number(/^(\d+)/.exec(await page.getByTestId('hotspot-volume').innerText())![1])).toBeGreaterThan(0);
    await page.getByTestId('heat-volume').waitFor();
    expect(await page.getByTestId('feedback-note').innerText()).toContain('反馈回路');
    // The heat's period: a year at first, then the last 30 days; the data-volume line follows.
    const heatDays = async () => {
      const [from, to] = [...(await page.getByTestId('heat-volume').innerText()).matchAll(/(\d{4})\D(\d{1,2})\D(\d{1,2})/g)].map((m) => Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return Math.round((to! - from!) / 86_400_000) + 1;
    };
    await expect.poll(heatDays).toBe(365);
    await choose(page, 'heat-period', '近 30 天');
    await expect.poll(heatDays).toBe(30);

    // Two shifts: the form starts with an evening foot shift and a night vehicle shift.
    const panel = page.getByTestId('proposal-panel');
    await panel.getByLabel('时段 1').fill('19:00-23:00');
    await panel.getByLabel('时段 2').fill('22:00-02:00');
    await panel.getByRole('button', { name: '生成巡逻建议' }).click();
    await expect.poll(async () => (await api.get<{ items: Proposal[] }>('/api/hotspots/proposals')).items.filter((p) => !before.includes(p.id)).length).toBe(1);
    const made = (await api.get<{ items: Proposal[] }>('/api/hotspots/proposals')).items.find((p) => !before.includes(p.id))!;
    expect(new Set(made.areas.map((a) => a.band))).toEqual(new Set(['19:00-23:00', '22:00-02:00']));
    const detail = page.getByTestId('proposal-detail');
    await expect.poll(async () => detail.innerText()).toContain(`#${made.id}`);
    expect(await page.getByTestId('proposal-coverage').innerText()).toMatch(/各班次平均预期覆盖：\d+(\.\d)?%/);
    await expect.poll(async () => page.locator('[data-testid=hotspot-map] path.fq-patrol-cell').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('hotspots-proposal.png'), fullPage: true });

    await detail.getByRole('button', { name: '采纳为巡逻计划' }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    const link = page.getByTestId('adopted-plans-link');
    await link.waitFor();
    const adopted = await api.get<Proposal>(`/api/hotspots/proposals/${made.id}`);
    expect(adopted.status).toBe('adopted');
    expect(adopted.adoptedPlanIds).toHaveLength(made.areas.length);
    const plans = (await api.get<{ items: { id: number; name: string }[] }>('/api/patrol-plans')).items.filter((p) => adopted.adoptedPlanIds.includes(p.id));

    await link.click();
    await page.getByTestId('patrols-page').waitFor();
    // The plan list loads after the page frame: wait for the rows.
    for (const plan of plans) await expect.poll(() => page.getByTestId('patrols-page').innerText()).toContain(plan.name);
    expect(plans.map((p) => p.name)).toContain('热点巡逻·22:00-02:00·1');
    await context.close();
  });

  it('fits a 375-pixel screen: the map above, the panel below', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-chief');
    await page.goto(`${baseUrl}/hotspots`);
    await page.getByTestId('hotspot-map').waitFor();
    await page.getByTestId('hotspot-volume').waitFor();
    const map = await page.getByTestId('hotspot-map').boundingBox();
    const panel = await page.getByTestId('proposal-panel').boundingBox();
    expect(map!.y + map!.height).toBeLessThanOrEqual(panel!.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: artifactPath('hotspots-375.png'), fullPage: true });
    await context.close();
  });
});
