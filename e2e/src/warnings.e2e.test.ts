import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { artifactPath, launch, signIn } from './browser.js';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Intake needs an Idempotency-Key header, which the shared API helper does not send. */
async function officerApi(username: string) {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'fengqiao-demo' }) });
  expect(login.ok).toBe(true);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    async reportDispute(summary: string, narrative: string): Promise<{ id: number; riskScore: number | null }> {
      const res = await fetch(`${baseUrl}/api/incidents`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', 'idempotency-key': `e2e-warn-${Date.now()}` },
        body: JSON.stringify({ channel: '110', receivedAt: new Date(Date.now() - 60_000).toISOString(), categoryCode: '200200', disputeType: 'neighbour', summary, narrative }),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: number; riskScore: number | null };
    },
    async escalationWarningOf(incidentId: number): Promise<number> {
      const res = await fetch(`${baseUrl}/api/warnings?source=escalation&incidentId=${incidentId}`, { headers: { cookie } });
      const body = (await res.json()) as { items: { id: number }[] };
      expect(body.items).toHaveLength(1);
      return body.items[0]!.id;
    },
  };
}

describe('escalation warnings in the browser', () => {
  it('an officer on a phone finds the escalation warning, sees the score and its factors, and works it from open to closed', async () => {
    const summary = `扬言报复的邻里纠纷${Date.now()}`;
    const api = await officerApi('demo-officer');
    const incident = await api.reportDispute(summary, '男子扬言要砍死邻居，和他同归于尽，拿着菜刀在门口威胁。');
    expect(incident.riskScore).toBeGreaterThanOrEqual(60);
    const warningId = await api.escalationWarningOf(incident.id);

    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-officer');
    await page.goto(`${baseUrl}/warnings?source=escalation`);
    await page.getByTestId('warnings-table').waitFor();
    const row = page.getByTestId(`warning-row-${warningId}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('民转刑风险');
    // The page fits the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: artifactPath('warnings-phone.png'), fullPage: true });
    await row.getByRole('link').click();

    await page.getByTestId('warning-detail').waitFor();
    await page.getByTestId(`warning-incident-${incident.id}`).waitFor();
    expect(await page.getByTestId('warning-reason').innerText()).toMatch(/^民转刑风险\d+分：/);
    // The escalation warning shows the score that raised it, with the words found.
    await expect.poll(() => page.getByTestId('incident-risk-score').innerText()).toBe(String(incident.riskScore));
    expect(await page.getByTestId('incident-risk-factors').innerText()).toContain('同归于尽');

    await page.getByTestId('warning-acknowledge').click();
    await expect.poll(() => page.getByTestId('warning-status').innerText()).toBe('已签收');
    await page.getByTestId('warning-plan-text').fill('社区民警会同人民调解员上门调解，收缴管制刀具，三日内回访。');
    await page.getByTestId('warning-plan').click();
    await expect.poll(() => page.getByTestId('warning-status').innerText()).toBe('已定策');
    // Keyboard only: focus the reason, type it, and submit with Enter on the button.
    await page.getByTestId('warning-close-text').focus();
    await page.keyboard.type('双方达成调解协议，矛盾已化解。');
    await page.getByTestId('warning-close').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('warning-status').innerText()).toBe('已关闭');
    const events = await page.getByTestId('warning-events').innerText();
    for (const step of ['待签收', '已签收', '已定策', '已关闭']) expect(events).toContain(step);
    await page.screenshot({ path: artifactPath('warning-detail-phone.png'), fullPage: true });

    await page.getByTestId(`warning-incident-${incident.id}`).click();
    await page.getByTestId('incident-detail').waitFor();
    await expect.poll(() => page.getByTestId('incident-risk-score').innerText()).toBe(String(incident.riskScore));
    await context.close();
  });
});
