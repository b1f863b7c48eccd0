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

interface MyTip {
  id: number;
  text: string;
  status: string;
  photos: { id: number }[];
  incident: { id: number } | null;
}
interface Category {
  code: string;
  nameZh: string;
  parentCode: string | null;
  kind: string;
  active: boolean;
}

/** The first bytes of a JPEG: the server judges the type by content. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(600, 7)]);

describe('a tip from a phone becomes an incident', () => {
  it('a volunteer on a 375×812 phone lands on /v, reports a tip with location and a photo; an officer accepts it; the incident exists and the volunteer sees it', async () => {
    const phone = await browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
      permissions: ['geolocation'],
      geolocation: { latitude: 30.2741, longitude: 120.1551, accuracy: 12 },
    });
    const v = await phone.newPage();
    await signIn(v, baseUrl, 'demo-volunteer');
    await v.getByTestId('volunteer-home').waitFor();
    expect(new URL(v.url()).pathname).toBe('/v');
    for (const tile of ['tasks', 'tip', 'broadcasts', 'patrol', 'points']) await v.getByTestId(`vtile-${tile}`).waitFor();
    expect(await v.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await v.screenshot({ path: artifactPath('volunteer-home-phone.png') });
    // The tiles are links reached by keyboard.
    await v.getByTestId('vtile-tip').focus();
    await v.keyboard.press('Enter');
    await v.getByTestId('tip-report-page').waitFor();

    const text = `菜市场北门有人推销假药 ${Date.now() % 100000}`;
    await v.getByTestId('tip-text').fill(text);
    await v.getByTestId('tip-locate').click();
    await v.getByTestId('tip-located').waitFor();
    await v.getByTestId('tip-photo-input').setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await v.getByTestId('tip-submit').click();
    await expect.poll(async () => v.getByTestId('my-tips').innerText()).toContain(text);
    expect(await v.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await v.screenshot({ path: artifactPath('tip-report-phone.png'), fullPage: true });

    const volunteer = await apiLogin(baseUrl, 'demo-volunteer');
    const tip = (await volunteer.get<{ items: MyTip[] }>('/api/my/tips')).items.find((i) => i.text === text)!;
    expect(tip.status).toBe('new');
    expect(tip.photos).toHaveLength(1);

    const officer = await apiLogin(baseUrl, 'demo-officer');
    const { categories } = await officer.get<{ categories: Category[] }>('/api/incident-categories');
    const parents = new Set(categories.map((c) => c.parentCode));
    const leaf = categories.find((c) => c.active && c.kind === 'criminal' && !parents.has(c.code) && categories.filter((o) => o.nameZh === c.nameZh).length === 1)!;

    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await desk.newPage();
    await signIn(page, baseUrl, 'demo-officer');
    await page.goto(`${baseUrl}/tips`);
    await page.getByTestId(`tip-row-${tip.id}`).waitFor();
    await page.getByTestId(`tip-accept-${tip.id}`).click();
    await page.getByTestId('tip-accept-category').click();
    await page.keyboard.type(leaf.nameZh);
    await page.locator(`.ant-select-tree-node-content-wrapper[title="${leaf.nameZh}"]`).first().click();
    await page.getByTestId('tip-accept-confirm').click();
    await expect.poll(async () => (await volunteer.get<{ items: MyTip[] }>('/api/my/tips')).items.find((i) => i.id === tip.id)?.incident?.id ?? null).not.toBeNull();
    await page.screenshot({ path: artifactPath('tips-triage-desktop.png'), fullPage: true });
    await desk.close();

    const after = (await volunteer.get<{ items: MyTip[] }>('/api/my/tips')).items.find((i) => i.id === tip.id)!;
    const incident = await officer.get<{ id: number; channel: string; categoryCode: string; narrative: string }>(`/api/incidents/${after.incident!.id}`);
    expect(incident).toMatchObject({ channel: 'tip', categoryCode: leaf.code });
    expect(incident.narrative).toContain(text);

    await v.reload();
    await v.getByTestId(`my-tip-incident-${tip.id}`).waitFor();
    await phone.close();
  });
});
