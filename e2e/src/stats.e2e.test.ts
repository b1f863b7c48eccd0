import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
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

interface Overview {
  node: { id: number; name: string };
  rows: { id: number; name: string; drillable: boolean; figures: { metrics: { valid: { value: number } } } }[];
  total: { metrics: { valid: { value: number; yoy: { ratio: number | null } } } };
}

describe('statistics in the browser', () => {
  it('an officer marks a filed case solved (登记破案) on the incident page, and the page shows 破案时间', async () => {
    const officer = await apiLogin(baseUrl, 'demo-officer');
    const tag = Date.now().toString(36);
    const incident = await officer.post<{ id: number }>(
      '/api/incidents',
      { channel: '110', receivedAt: new Date(Date.now() - 40 * 60_000).toISOString(), categoryCode: '100100', summary: `电动车被盗-${tag}`, narrative: '报警人称停放在楼下的电动车被盗。', addressText: '东湖新村' },
      { 'idempotency-key': `case-solved-e2e-${tag}` },
    );
    await officer.post(`/api/incidents/${incident.id}/status`, { to: 'dispatched' });
    await officer.post(`/api/incidents/${incident.id}/status`, { to: 'arrived' });
    await officer.post(`/api/incidents/${incident.id}/outcome`, { outcome: 'administrative_case', caseNumber: `东公（治）立字〔2026〕${tag}号` });

    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-officer');
    await page.goto(`${baseUrl}/incidents/${incident.id}`);
    await page.getByTestId('incident-case-solved-button').click();
    await page.getByRole('dialog').getByRole('button', { name: /登记破案/ }).click();
    await page.getByTestId('incident-case-solved-at').waitFor();
    const state = await officer.get<{ caseSolvedAt: string | null }>(`/api/incidents/${incident.id}/case-solved`);
    expect(state.caseSolvedAt).not.toBeNull();
    expect(await page.getByTestId('incident-case-solved-button').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: artifactPath('incident-case-solved-phone.png'), fullPage: true });
    await context.close();
  });

  it('the bureau reads the year’s table with 同比, drills county → station → community and back, and downloads the Excel', async () => {
    const bureau = await apiLogin(baseUrl, 'demo-bureau');
    const county = await bureau.get<Overview>('/api/stats/overview?period=year');
    const station = county.rows.find((r) => r.drillable && r.figures.metrics.valid.value > 0)!;
    const atStation = await bureau.get<Overview>(`/api/stats/overview?period=year&node=${station.id}`);
    const community = atStation.rows.find((r) => r.drillable)!;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-bureau');
    await page.goto(`${baseUrl}/stats`);
    await page.getByTestId('stats').waitFor();
    await page.getByTestId('stats-total-valid').waitFor();
    expect(Number((await page.getByTestId('stats-total-valid').locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''))).toBe(county.total.metrics.valid.value);
    await expect.poll(() => page.getByTestId('stats-table').locator('.ant-tag').first().innerText()).toMatch(/上升|下降|持平|新增|—/);
    await page.getByTestId('stats-trend').waitFor();
    await page.screenshot({ path: artifactPath('stats-county.png'), fullPage: true });

    await page.getByTestId(`stats-drill-${station.id}`).click();
    await page.getByTestId('stats-breadcrumbs').getByText(station.name).waitFor();
    await page.getByTestId(`stats-drill-${community.id}`).click();
    await page.getByTestId('stats-breadcrumbs').getByText(community.name).waitFor();
    expect(page.url()).toContain(`node=${community.id}`);
    await page.screenshot({ path: artifactPath('stats-community.png'), fullPage: true });
    // Back up to the station through the breadcrumbs.
    await page.getByTestId('stats-breadcrumbs').getByRole('button', { name: station.name }).click();
    await page.getByTestId(`stats-drill-${community.id}`).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^统计分析_.+\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('单位');
    // Each figure: its value, the same period a year earlier, 同比, the previous period, 环比.
    expect([2, 3, 4, 5, 6].map((c) => ws.getRow(1).getCell(c).value)).toEqual(['有效警情', '有效警情去年同期', '有效警情同比', '有效警情上期', '有效警情环比']);
    expect(ws.getColumn(1).values).toContain(community.name);
    await context.close();
  });

  it('the page fits a 375 px phone', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-chief');
    await page.goto(`${baseUrl}/stats?period=month`);
    await page.getByTestId('stats-total-valid').waitFor();
    await page.getByTestId('stats-table').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: artifactPath('stats-phone.png'), fullPage: true });
    await context.close();
  });
});
