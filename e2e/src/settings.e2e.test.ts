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

interface Rule {
  name: string;
  linkBy: string;
  windowDays: number;
  threshold: number;
  level: string;
  active: boolean;
}

describe('the bureau edits its rules without a release', () => {
  it('adds a repeat-incident rule and a holiday, and a bad rule is refused with the field named', async () => {
    const bureau = await apiLogin(baseUrl, 'demo-bureau');
    const before = await bureau.get<{ rules: Rule[] }>('/api/repeat-rules');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-bureau');
    await page.goto(`${baseUrl}/settings`);
    await page.getByTestId('settings-page').waitFor();
    await page.getByTestId('repeat-rules').locator('.ant-table-row').first().waitFor();

    // A new row with a count of 2 but left without a name: refused, naming the row's field.
    await page.getByRole('button', { name: /新\s*增/ }).click();
    const n = before.rules.length;
    await page.getByTestId('repeat-save').click();
    await expect.poll(() => page.getByTestId('settings-error').innerText()).toContain(`rules.${n}.name`);

    await page.getByLabel(`名称 ${n + 1}`).fill('同一电话7天内报警2次（测试）');
    await page.getByLabel(`启用 ${n + 1}`).click();
    await page.getByTestId('repeat-save').click();
    await expect.poll(async () => (await bureau.get<{ rules: Rule[] }>('/api/repeat-rules')).rules.length).toBe(n + 1);
    const added = (await bureau.get<{ rules: Rule[] }>('/api/repeat-rules')).rules.find((r) => r.name === '同一电话7天内报警2次（测试）')!;
    expect(added).toMatchObject({ linkBy: 'address', windowDays: 30, threshold: 3, level: 'yellow', active: false });

    // The weekly review's suggestion rules: the rise in percent on the page, a share in the API; back to the defaults after.
    await page.getByRole('tab', { name: '研判建议' }).click();
    await page.getByTestId('review-count').fill('6');
    await page.getByTestId('review-rise').fill('40');
    await page.getByTestId('review-rules-save').click();
    await expect.poll(async () => (await bureau.get<{ rules: Record<string, number> }>('/api/review-rules')).rules).toMatchObject({ campaignMinCount: 6, campaignMinRise: 0.4 });
    await page.getByRole('button', { name: '恢复默认值' }).click();
    await page.getByTestId('review-rules-save').click();
    await expect.poll(async () => (await bureau.get<{ rules: Record<string, number> }>('/api/review-rules')).rules).toEqual({ campaignMinRise: 0.3, campaignMinCount: 5, patrolCells: 3, busyHours: 3 });

    await page.getByRole('tab', { name: '工作日历' }).click();
    await page.getByTestId('calendar-day').fill('2030-10-01');
    await page.getByTestId('calendar-add').click();
    await page.getByRole('tab', { name: '工作日历' }).waitFor();
    await expect.poll(async () => (await bureau.get<{ items: { day: string; workday: boolean }[] }>('/api/case-settings/calendar?year=2030')).items.map((d) => d.day)).toContain('2030-10-01');
    await page.screenshot({ path: artifactPath('settings.png'), fullPage: true });
    await context.close();

    // An officer has no settings page.
    const officer = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const op = await officer.newPage();
    await signIn(op, baseUrl, 'demo-officer');
    await op.goto(`${baseUrl}/settings`);
    await expect.poll(() => op.getByTestId('settings-page').count()).toBe(0);
    await officer.close();
  });
});
