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

interface PeopleList {
  items: { id: number; name: string; idNumberMasked: string | null }[];
}

describe('incident parties in the browser', () => {
  it('an officer records a dispute with a named party (fixing a mistyped identity number), and the person page lists the incident', async () => {
    const officerApi = await apiLogin(baseUrl, 'demo-officer');
    const person = (await officerApi.get<PeopleList>('/api/people?page=1&pageSize=20')).items.find((p) => p.idNumberMasked)!;
    const { idNumber } = await officerApi.post<{ idNumber: string }>(`/api/people/${person.id}/identity`);
    const mistyped = idNumber.slice(0, 17) + (idNumber[17] === '1' ? '2' : '1');
    const summary = `邻里噪音纠纷（当事人测试${Date.now()}）`;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await signIn(page, baseUrl, 'demo-officer');
    await page.goto(`${baseUrl}/incidents/new`);
    await page.getByTestId('incident-form').waitFor();
    await page.getByTestId('incident-form-categoryCode').click();
    await page.keyboard.type('治安纠纷');
    await page.locator('.ant-select-tree-title', { hasText: /^治安纠纷$/ }).first().click();
    await page.getByTestId('incident-form-summary').fill(summary);
    await page.getByTestId('incident-form-party-add').click();
    await page.getByTestId('incident-form-party-0-name').fill(person.name);
    await page.getByTestId('incident-form-party-0-idNumber').fill(mistyped);
    await page.getByTestId('incident-submit').click();
    // The server's GB 11643 check lands under the party's identity-number field.
    await expect.poll(() => page.locator('.ant-form-item-explain-error').allInnerTexts(), { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringContaining('校验位')]));
    await page.getByTestId('incident-form-party-0-idNumber').fill(idNumber);
    await page.getByTestId('incident-submit').click();

    await page.getByTestId('incident-detail').waitFor({ timeout: 15_000 });
    const parties = page.getByTestId('incident-parties');
    await expect.poll(() => parties.innerText()).toContain(person.name);
    expect(await parties.innerText()).not.toContain(idNumber);
    await parties.getByRole('link', { name: new RegExp(person.name) }).click();

    await page.getByTestId('person-incidents').waitFor();
    await expect.poll(() => page.getByTestId('person-incidents').innerText()).toContain(summary);
    await page.screenshot({ path: artifactPath('person-incidents.png'), fullPage: true });
    await context.close();
  });
});
