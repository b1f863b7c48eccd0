import type { Browser, Page } from 'playwright-core';
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

interface CaseDetail {
  id: number;
  caseNo: string;
  stage: string;
  sourceIncidentId: number | null;
  parties: { name: string; claims: string }[];
}

async function move(page: Page, to: string, options: { reason?: string; resolution?: string | RegExp } = {}): Promise<void> {
  await page.getByTestId(`case-move-${to}`).click();
  const dialog = page.locator('.ant-modal:visible');
  if (options.resolution) await choose(page, 'case-move-resolution', options.resolution);
  if (options.reason) await page.getByTestId('case-move-reason').fill(options.reason);
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('a dispute worked from the incident to the follow-up visits (issue 5)', () => {
  it('incident → case → mediation session → transfer accepted by the partner → agreement printed → closure → three visits in the daily list', async () => {
    const officer = await apiLogin(baseUrl, 'demo-officer');
    const tag = Date.now().toString(36);
    const incident = await officer.post<{ id: number }>('/api/incidents', {
      channel: '110',
      receivedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
      categoryCode: '200200', // 治安纠纷 (110 alarm type), a dispute
      summary: `宅基地边界纠纷-${tag}`,
      narrative: '两户因院墙边界发生争吵，要求民警到场处理',
      disputeType: 'housing_homestead',
      addressText: '东湖新村',
      parties: [
        { role: 'caller', name: '李大山', phone: '13900002222' },
        { role: 'party', name: '王小河' },
      ],
    }, { 'idempotency-key': `cases-e2e-${tag}` });

    // The officer turns the incident into a case from the incident page.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await desk.newPage();
    await signIn(page, baseUrl, 'demo-officer');
    await page.goto(`${baseUrl}/incidents/${incident.id}`);
    await page.getByTestId('incident-to-case').click();
    await page.getByTestId('case-new-form').waitFor();
    await page.getByTestId('case-submit').click();
    await page.getByTestId('case-detail').waitFor();
    const caseId = Number(new URL(page.url()).pathname.split('/').pop());
    const opened = await officer.get<CaseDetail>(`/api/cases/${caseId}`);
    expect(opened.sourceIncidentId).toBe(incident.id);
    expect(opened.parties.map((p) => p.name)).toContain('李大山');
    await expect.poll(() => page.getByTestId('case-no').innerText()).toContain(opened.caseNo);

    // Mediation starts and a session with mediators of two of the four forces is recorded.
    await move(page, 'mediating');
    await page.getByTestId('session-add').click();
    await page.getByTestId('session-place').fill('东湖新村警务室');
    await page.getByTestId('session-mediator-name-0').fill('赵调解');
    await page.getByTestId('session-mediator-add').click();
    await choose(page, 'session-mediator-force-1', '司法专职调解');
    await page.getByTestId('session-mediator-name-1').fill('钱律师');
    await page.getByTestId('session-record').fill('双方陈述边界争议，同意请司法所测量后再议。');
    await choose(page, 'session-outcome', '择期再调');
    await page.getByTestId('session-submit').click();
    await page.locator('[data-testid="session-item"]', { hasText: '东湖新村警务室' }).waitFor();

    // A 公调对接通知单 goes to the justice office.
    await page.getByTestId('transfer-send').click();
    await choose(page, 'transfer-department', '城关司法所');
    await page.getByTestId('transfer-note').fill('请司法所组织测量并参与调解');
    await page.getByTestId('transfer-submit').click();
    const transferItem = page.locator('[data-testid="transfer-item"]', { hasText: '城关司法所' });
    await transferItem.waitFor();
    await expect.poll(async () => (await officer.get<CaseDetail>(`/api/cases/${caseId}`)).stage).toBe('transferred');

    // The partner accepts it on a phone and reports the result.
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const partner = await phone.newPage();
    await signIn(partner, baseUrl, 'demo-partner');
    await partner.goto(`${baseUrl}/partner/transfers`);
    await partner.locator('[data-testid="partner-transfer-item"]', { hasText: opened.caseNo }).or(partner.locator('[data-testid="partner-transfer-item"]', { hasText: `宅基地边界纠纷-${tag}` })).first().click();
    await partner.getByTestId('partner-transfer-page').waitFor();
    await partner.getByTestId('partner-accept').click();
    await partner.getByTestId('partner-submit').click();
    await expect.poll(() => partner.getByTestId('partner-transfer-status').innerText()).toBe('办理中');
    await partner.getByTestId('partner-result').click();
    await partner.getByTestId('partner-note').fill('测量完毕，双方同意按测量结果重砌院墙');
    await partner.getByTestId('partner-submit').click();
    await expect.poll(() => partner.getByTestId('partner-transfer-status').innerText()).toBe('已化解');
    await phone.close();
    await page.reload();
    await transferItem.locator('[data-testid="transfer-status"]', { hasText: '已化解' }).waitFor();

    // Agreement reached: the 调解协议书 is drafted, signed and printed as a PDF that opens.
    await move(page, 'agreement');
    await page.getByTestId('agreement-edit').click();
    await page.getByTestId('agreement-facts').fill('李大山与王小河两户院墙相邻，因边界位置发生争执。');
    await page.getByTestId('agreement-issues').fill('院墙边界位置。');
    await page.getByTestId('agreement-terms').fill('按司法所测量结果，由王小河于一个月内拆除越界部分并重砌院墙。');
    await page.getByTestId('agreement-performance').fill('2026年12月31日前履行完毕，李大山配合施工。');
    await page.getByTestId('agreement-mediatorNames').fill('赵调解、钱律师');
    await page.getByTestId('agreement-save').click();
    await page.getByTestId('agreement-no').waitFor();
    const pdfHref = await page.getByTestId('agreement-pdf').getAttribute('href');
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('agreement-pdf').click()]);
    await popup.waitForLoadState();
    await popup.close();
    const pdf = await page.request.get(`${baseUrl}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.screenshot({ path: artifactPath('case-agreement.png'), fullPage: true });

    // Closure schedules the three follow-up visits (phone, field, community).
    await move(page, 'closed', { resolution: /^化解$/ });
    await page.getByTestId('case-followups').waitFor();
    await expect.poll(() => page.locator('[data-testid="followup-phone"], [data-testid="followup-field"], [data-testid="followup-community"]').count()).toBe(3);

    await page.goto(`${baseUrl}/my-day`);
    await page.getByTestId('myday').waitFor();
    await page.getByTestId('myday-tab-upcoming').click();
    const visits = page.locator('[data-testid="myday-item-followup"]', { hasText: `宅基地边界纠纷-${tag}` });
    await expect.poll(() => visits.count(), { timeout: 15_000 }).toBe(3);
    await page.screenshot({ path: artifactPath('case-myday.png'), fullPage: true });
    await desk.close();
  });
});
