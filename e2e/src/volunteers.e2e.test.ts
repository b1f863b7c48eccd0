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

interface Team {
  id: number;
  name: string;
}
interface Member {
  id: number;
  name: string;
}
interface Board {
  items: { id: number; name: string; points: number }[];
  mine: { rank: number } | null;
}

describe('volunteer registry and points in the browser', () => {
  it('an officer finds a new member in the roster and rewards the month’s leader; a volunteer sees their points on a phone', async () => {
    const officer = await apiLogin(baseUrl, 'demo-officer');
    const me = await officer.get<{ user: { jurisdiction: { id: number } } }>('/api/me');
    const jurisdictionId = me.user.jurisdiction.id;
    const suffix = Date.now() % 100000;
    const team = await officer.post<Team>('/api/volunteer-teams', { name: `夜市红袖章${suffix}`, kind: 'red_armband', jurisdictionId });
    const member = await officer.post<Member>('/api/volunteers', { name: `测试队员${suffix}`, role: 'persuader', teamId: team.id, jurisdictionId, phone: '13712345678', skills: ['急救'] });

    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await desk.newPage();
    await signIn(page, baseUrl, 'demo-officer');
    await page.goto(`${baseUrl}/volunteers?tab=members`);
    await page.getByTestId('members-search').locator('input').fill(member.name);
    await page.getByTestId('members-search').locator('input').press('Enter');
    const row = page.getByTestId(`member-row-${member.id}`);
    await row.waitFor();
    const rowText = await page.getByTestId('members-table').innerText();
    expect(rowText).toContain('13712345678');
    expect(rowText).toContain(team.name);
    expect(rowText).toContain('文明劝导员');

    const board = await officer.get<Board>('/api/points/leaderboard?by=person&limit=5');
    expect(board.items.length).toBeGreaterThan(0);
    const leader = board.items[0]!;
    await page.goto(`${baseUrl}/volunteers/points`);
    await page.getByTestId(`board-row-${leader.id}`).waitFor();
    await page.getByTestId(`board-reward-${leader.id}`).click();
    // The form is mounted with its default title before OK is pressed (on a loaded machine the
    // dialog can still be opening), and the dialog closes once the reward is saved.
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.locator('input').first().inputValue()).toBe('月度平安之星');
    // On a loaded machine the save can take a while: wait for its answer, then for the dialog.
    const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/rewards' && r.request().method() === 'POST', { timeout: 60_000 });
    await dialog.getByRole('button', { name: /OK|确\s*定/ }).click();
    expect((await saved).status()).toBe(201);
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await expect.poll(async () => page.getByTestId('rewards-table').innerText()).toContain(leader.name);
    // The station reads the point rules; only the bureau edits them.
    await page.getByTestId('point-rules').getByText('巡逻打卡').waitFor();
    expect(await page.getByTestId('rule-points-patrol_checkin').count()).toBe(0);
    await page.screenshot({ path: artifactPath('volunteers-points-desktop.png'), fullPage: true });
    await desk.close();

    // The registry fits an officer's phone too.
    const officerPhone = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const op = await officerPhone.newPage();
    await signIn(op, baseUrl, 'demo-officer');
    await op.goto(`${baseUrl}/volunteers?tab=members`);
    await op.getByTestId('members-table').locator('[data-testid^="member-row-"]').first().waitFor();
    expect(await op.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await op.screenshot({ path: artifactPath('volunteers-members-phone.png'), fullPage: false });
    await officerPhone.close();

    const volunteer = await apiLogin(baseUrl, 'demo-volunteer');
    const mine = await volunteer.get<{ total: number; monthPoints: number }>('/api/my/points');
    expect(mine.monthPoints).toBeGreaterThan(0);
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const v = await phone.newPage();
    await signIn(v, baseUrl, 'demo-volunteer');
    await v.goto(`${baseUrl}/v/points`);
    await v.getByTestId('my-points-total').waitFor();
    await expect.poll(async () => (await v.getByTestId('my-points-total').innerText()).replace(/\D/g, '')).toContain(String(mine.total));
    const top = await v.getByTestId('my-board').innerText();
    expect(top).not.toMatch(/1[3-9]\d{9}/);
    expect(await v.getByTestId('my-board').locator('[data-testid^="my-board-"]').count()).toBeLessThanOrEqual(10);
    expect(await v.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await v.screenshot({ path: artifactPath('volunteer-points-phone.png'), fullPage: true });
    await phone.close();
  });
});
