import fs from 'node:fs';
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

interface ReviewList {
  items: { id: number; weekStart: string; jurisdictionName: string }[];
}

describe('the Monday review (每周研判) in the browser', () => {
  it('the chief opens 每周研判, sees last week’s review with 同比 and downloads the PDF', async () => {
    const chief = await apiLogin(baseUrl, 'demo-chief');
    const list = await chief.get<ReviewList>('/api/reviews');
    const latest = list.items[0]!;
    expect(latest).toBeDefined();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-chief');
    await page.getByRole('menuitem', { name: '每周研判' }).click();
    await page.getByTestId('reviews-list').waitFor();
    await page.getByTestId('reviews-list').getByRole('link').first().click();
    await page.getByTestId('review').waitFor();
    expect(page.url()).toBe(`${baseUrl}/reviews/${latest.id}`);
    await expect.poll(() => page.getByTestId('review-week').innerText()).toContain(latest.weekStart.replaceAll('-', '.'));
    expect(await page.getByTestId('review-week').innerText()).toContain('364 天前的同一周');
    expect(await page.getByTestId('review-yoy').innerText()).toContain('同比');
    expect(await page.getByTestId('review-kinds').innerText()).toContain('同比');
    await page.getByTestId('review-chart').waitFor();
    await page.screenshot({ path: artifactPath('review-desktop.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('review-pdf').click()]);
    expect(download.suggestedFilename()).toMatch(/每周研判（\d{4}\.\d{2}\.\d{2}–\d{4}\.\d{2}\.\d{2}）\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });

  it('the review reads on a phone 375 px wide', async () => {
    const chief = await apiLogin(baseUrl, 'demo-chief');
    const latest = (await chief.get<ReviewList>('/api/reviews')).items[0]!;
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-chief');
    await page.goto(`${baseUrl}/reviews/${latest.id}`);
    await page.getByTestId('review-total').waitFor();
    await page.getByTestId('review-chart').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: artifactPath('review-phone.png'), fullPage: true });
    await page.goto(`${baseUrl}/reviews`);
    await page.getByTestId('reviews-list').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
