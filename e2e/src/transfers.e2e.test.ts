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

interface Transfer {
  id: number;
  docNo: string;
  status: string;
  updates: { kind: string }[];
}

describe('两书一函 and the partner portal in the browser', () => {
  it('a partner accepts a transfer on a phone, reports progress and the result, and the officer sees it with the printable letter', async () => {
    const officer = await apiLogin(baseUrl, 'demo-officer');
    const title = `移交测试纠纷${Date.now()}`;
    const opened = await officer.post<{ id: number; caseNo: string }>('/api/cases', {
      source: 'direct',
      title,
      summary: '小区物业与业主因停车费发生纠纷',
      disputeType: 'neighbour',
      parties: [
        { side: 'applicant', name: '业主甲', idNumber: '110101198003076515', claims: '要求退还多收的停车费' },
        { side: 'respondent', name: '物业乙', claims: '按合同收费' },
      ],
    });
    const departments = await officer.get<{ items: { id: number; name: string }[] }>(`/api/cases/${opened.id}/transfers/departments`);
    const dept = departments.items.find((d) => d.name === '城关司法所')!;
    const sent = await officer.post<Transfer>(`/api/cases/${opened.id}/transfers`, { kind: 'gongdiao', departmentId: dept.id, note: '请组织人民调解员联系双方' });

    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-partner');
    await page.goto(`${baseUrl}/partner/transfers`);
    const item = page.locator('[data-testid="partner-transfer-item"]', { hasText: title });
    await item.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: artifactPath('partner-transfers-phone.png') });
    await item.click();
    await page.getByTestId('partner-transfer-page').waitFor();
    const body = await page.getByTestId('partner-transfer-page').innerText();
    expect(body).toContain('要求退还多收的停车费');
    expect(body).not.toContain('110101198003076515');

    await page.getByTestId('partner-accept').click();
    await page.getByTestId('partner-submit').click();
    await expect.poll(() => page.getByTestId('partner-transfer-status').innerText()).toBe('办理中');
    await page.getByTestId('partner-progress').click();
    await page.getByTestId('partner-note').fill('已约双方本周五到司法所调解');
    await page.getByTestId('partner-submit').click();
    await page.locator('[data-testid="partner-update"]', { hasText: '已约双方' }).waitFor();
    await page.getByTestId('partner-result').click();
    await page.getByTestId('partner-note').fill('双方达成协议，物业退还200元');
    await page.getByTestId('partner-submit').click();
    await expect.poll(() => page.getByTestId('partner-transfer-status').innerText()).toBe('已化解');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: artifactPath('partner-transfer-phone.png'), fullPage: true });
    await context.close();

    const mine = await officer.get<{ items: Transfer[] }>(`/api/cases/${opened.id}/transfers`);
    expect(mine.items[0]).toMatchObject({ id: sent.id, status: 'resolved' });
    expect(mine.items[0]!.updates.map((u) => u.kind)).toEqual(['accepted', 'progress', 'resolved']);

    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const officerPage = await desk.newPage();
    await signIn(officerPage, baseUrl, 'demo-officer');
    await officerPage.goto(`${baseUrl}/cases/${opened.id}`);
    const panel = officerPage.getByTestId('case-transfers-panel');
    await panel.locator('[data-testid="transfer-status"]', { hasText: '已化解' }).waitFor();
    const href = await officerPage.getByTestId(`transfer-${sent.id}-pdf`).getAttribute('href');
    const pdf = await officerPage.request.get(`${baseUrl}${href}`);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await panel.screenshot({ path: artifactPath('case-transfers.png') });
    await desk.close();
  });
});
