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

interface Followups {
  items: { id: number; kind: string; dueOn: string; doneAt: string | null }[];
}

describe('follow-ups, the daily list and the monthly ledger in the browser', () => {
  it('a closed case’s three visits appear in the officer’s daily list on a phone, and one is recorded there', async () => {
    const officer = await apiLogin(baseUrl, 'demo-officer');
    const title = `回访测试纠纷${Date.now()}`;
    const opened = await officer.post<{ id: number; caseNo: string }>('/api/cases', { source: 'direct', title, summary: '楼上楼下噪音纠纷', disputeType: 'neighbour' });
    for (const step of [{ to: 'mediating' }, { to: 'agreement' }, { to: 'closed', resolution: 'resolved' }]) {
      await officer.post(`/api/cases/${opened.id}/transition`, step);
    }
    const scheduled = await officer.get<Followups>(`/api/cases/${opened.id}/followups`);
    expect(scheduled.items.map((i) => i.kind)).toEqual(['phone', 'field', 'community']);

    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-officer');
    await page.goto(`${baseUrl}/my-day`);
    await page.getByTestId('myday').waitFor();
    await page.getByTestId('notification-bell').waitFor();
    await page.getByTestId('myday-tab-dueToday').waitFor();
    await page.screenshot({ path: artifactPath('myday-today-phone.png') });
    await page.getByTestId('myday-tab-upcoming').click();
    const ours = page.locator('[data-testid="myday-item-followup"]', { hasText: title });
    await expect.poll(() => ours.count(), { timeout: 15_000 }).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: artifactPath('myday-phone.png'), fullPage: true });

    const phone = scheduled.items[0]!;
    await page.getByTestId(`myday-record-${phone.id}`).click();
    await page.getByTestId('followup-finding').fill('电话回访：双方已按协议履行，关系缓和。');
    await page.getByTestId('followup-submit').click();
    await expect.poll(() => ours.count(), { timeout: 15_000 }).toBe(2);
    const after = await officer.get<Followups>(`/api/cases/${opened.id}/followups`);
    expect(after.items.find((i) => i.id === phone.id)!.doneAt).not.toBeNull();

    // The bell lists the officer's reminders (the jobs ran at start) and marks them read.
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notifications-list').waitFor();
    await page.waitForTimeout(500); // the drawer slides in
    await page.screenshot({ path: artifactPath('notifications-phone.png') });
    await page.getByTestId('notifications-read-all').click();
    await expect.poll(() => officer.get<{ unread: number }>('/api/notifications').then((r) => r.unread), { timeout: 15_000 }).toBe(0);
    await page.keyboard.press('Escape');

    // On the case page, the field visit finds a relapse: the case is reopened.
    await ours.first().getByRole('link').click();
    await page.getByTestId('case-followups').waitFor();
    const field = after.items.find((i) => i.kind === 'field')!;
    await page.getByTestId(`followup-record-${field.id}`).click();
    await page.getByTestId('followup-finding').fill('实地走访发现双方再次争吵。');
    await page.getByTestId('followup-relapse').getByText('是，复发').click();
    await page.getByTestId('followup-submit').click();
    await expect.poll(() => officer.get<{ stage: string }>(`/api/cases/${opened.id}`).then((c) => c.stage), { timeout: 15_000 }).toBe('assessing');
    const last = await officer.get<Followups>(`/api/cases/${opened.id}/followups`);
    expect(last.items.filter((i) => i.doneAt === null)).toHaveLength(0);
    await page.screenshot({ path: artifactPath('case-followups-phone.png'), fullPage: true });
    await context.close();
  });

  it('the chief opens the month’s ledger with its chart and downloads the 台账', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-chief');
    await page.goto(`${baseUrl}/cases/ledger`);
    await page.getByTestId('ledger').waitFor();
    await page.getByTestId('ledger-registered').waitFor();
    expect(Number(await page.getByTestId('ledger-registered').locator('.ant-statistic-content-value').innerText())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('ledger-chart').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('ledger-export').click()]);
    expect(download.suggestedFilename()).toMatch(/矛盾纠纷排查化解月结台账（\d{4}年\d{1,2}月）\.xlsx$/);
    await page.screenshot({ path: artifactPath('ledger-desktop.png'), fullPage: true });
    await context.close();
  });
});
