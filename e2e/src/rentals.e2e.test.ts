import { idCheckCharacter } from '@fengqiao/shared';
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

function identity(first17: string): string {
  return first17 + idCheckCharacter(first17);
}

function beijingDate(offsetDays: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

interface MyRentals {
  items: { id: number; address: string; tenancies: { id: number; person: { name: string }; state: string }[] }[];
}

describe('rental housing in the browser', () => {
  it('imports a rental sheet with a bad row, fixes it, commits; the landlord checks the tenant out on a phone; the officer verifies', async () => {
    const landlordApi = await apiLogin(baseUrl, 'demo-landlord');
    const house = (await landlordApi.get<MyRentals>('/api/my/rentals')).items[0]!;
    const good = identity('14087119900215311');
    const bad = `${identity('14087119920704522').slice(0, 17)}${identity('14087119920704522')[17] === '1' ? '2' : '1'}`;
    const fixed = identity('14087119920704522');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('出租房屋');
    ws.addRow(['出租房屋地址', '承租人姓名', '承租人身份证号', '承租人电话', '入住日期']);
    ws.addRow([house.address, '浏览器租客甲', good, '13912340001', beijingDate(-2)]);
    ws.addRow([house.address, '浏览器租客乙', bad, '13912340002', beijingDate(-2)]);
    const sheet = Buffer.from(await wb.xlsx.writeBuffer());

    // The officer imports at a desk.
    const office = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await office.newPage();
    await signIn(page, baseUrl, 'demo-officer');
    await page.goto(`${baseUrl}/imports`);
    await page.locator('input[type=file]').setInputFiles({ name: '出租房屋登记表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: sheet });
    await expect.poll(() => page.getByTestId('import-error-rows').getAttribute('data-count'), { timeout: 20_000 }).toBe('1');
    await expect.poll(() => page.getByTestId('import-errors').innerText(), { timeout: 10_000 }).toContain('校验位');
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
    await page.getByTestId('fix-row-3').click();
    await page.getByTestId('fix-tenantIdNumber').fill(fixed);
    await page.getByTestId('fix-save').click();
    await page.getByTestId('import-ready').waitFor();
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor();
    await page.screenshot({ path: artifactPath('import-done.png') });

    const after = (await landlordApi.get<MyRentals>('/api/my/rentals')).items.find((h) => h.id === house.id)!;
    const stay = after.tenancies.find((x) => x.person.name === '浏览器租客甲' && x.state === 'pending_check_in')!;
    expect(stay).toBeDefined();
    expect(after.tenancies.some((x) => x.person.name === '浏览器租客乙')).toBe(true);

    // The landlord checks the tenant out from a phone.
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const mobile = await phone.newPage();
    await signIn(mobile, baseUrl, 'demo-landlord');
    await mobile.getByTestId(`my-rental-${house.id}`).waitFor();
    const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await mobile.getByTestId(`tenant-checkout-${stay.id}`).click();
    await mobile.getByTestId('checkout-confirm').click();
    await expect.poll(async () => (await landlordApi.get<MyRentals>('/api/my/rentals')).items.find((h) => h.id === house.id)!.tenancies.find((x) => x.id === stay.id)!.state, { timeout: 10_000 }).toBe('pending_check_out');
    await mobile.screenshot({ path: artifactPath('landlord-checkout-375.png'), fullPage: true });
    await phone.close();

    // The officer verifies the check-out on the house page.
    await page.goto(`${baseUrl}/rentals/${house.id}`);
    await page.getByTestId(`verify-${stay.id}`).click();
    const officerApi = await apiLogin(baseUrl, 'demo-officer');
    await expect.poll(async () => (await officerApi.get<{ tenancies: { id: number; state: string }[] }>(`/api/rentals/${house.id}`)).tenancies.find((x) => x.id === stay.id)!.state, { timeout: 10_000 }).toBe('closed');
    await office.close();
  });
});
