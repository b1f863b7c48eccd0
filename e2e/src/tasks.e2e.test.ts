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

/** The first bytes of a PNG: the server judges the type by content. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(400, 3)]);
const TARGET = { lat: 35.0712, lon: 111.0561 };

interface MyTask {
  id: number;
  taskId: number;
  volunteerId: number;
  title: string;
  status: string;
}
interface TaskDetail {
  id: number;
  assignments: { id: number; status: string; checkinOnSite: boolean | null; photoCount: number }[];
}

describe('a dispatched task on the phone', () => {
  it('an officer dispatches to demo-volunteer; on a 375 px phone the volunteer accepts, checks in on site and completes with a photo; the officer sees it done', async () => {
    const officer = await apiLogin(baseUrl, 'demo-officer');
    const volunteer = await apiLogin(baseUrl, 'demo-volunteer');
    const mine = await volunteer.get<{ items: MyTask[] }>('/api/my/tasks');
    expect(mine.items.length).toBeGreaterThan(0);
    // demo-volunteer's member id, from one of the own demo assignments.
    const me = mine.items[0]!.volunteerId;
    const title = `走访核查 ${Date.now() % 100000}`;
    const task = await officer.post<TaskDetail>('/api/tasks', {
      kind: 'visit',
      title,
      volunteerId: me,
      placeText: '东湖新村 3 幢',
      ...TARGET,
      radiusM: 200,
      windowStart: new Date(Date.now() + 2 * 3_600_000).toISOString(),
      windowEnd: new Date(Date.now() + 4 * 3_600_000).toISOString(),
    });
    const assignmentId = task.assignments[0]!.id;

    const phone = await browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
      permissions: ['geolocation'],
      geolocation: { latitude: TARGET.lat + 0.0005, longitude: TARGET.lon, accuracy: 10 },
    });
    const v = await phone.newPage();
    await signIn(v, baseUrl, 'demo-volunteer');
    await v.getByTestId('vtile-tasks').click();
    await v.getByTestId('my-tasks-page').waitFor();
    const card = v.getByTestId(`my-task-${assignmentId}`);
    await card.waitFor();
    await card.getByTestId('task-accept').click();
    await card.getByTestId('task-checkin').waitFor();
    await card.getByTestId('task-checkin').click();
    const result = card.getByTestId('task-checkin-result');
    await result.waitFor();
    // 0.0005° of latitude is about 56 m: inside the 200 m radius.
    expect(await result.innerText()).toMatch(/距目标 5\d 米/);
    expect(await result.innerText()).toContain('在场');
    await card.getByTestId('task-record').fill('已上门走访，情况正常');
    await card.locator('input[type=file]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG });
    await card.getByTestId('task-complete').click();
    await expect.poll(async () => card.innerText()).toContain('已完成');
    expect(await v.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await v.screenshot({ path: artifactPath('my-tasks-phone.png'), fullPage: true });

    const after = await officer.get<TaskDetail>(`/api/tasks/${task.id}`);
    expect(after.assignments[0]).toMatchObject({ status: 'completed', checkinOnSite: true, photoCount: 1 });

    // The patrol page of the phone renders today's plans and guard posts within 375 px.
    await v.goto(`${baseUrl}/v/patrol`);
    await v.getByTestId('my-patrol-page').waitFor();
    expect(await v.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await desk.newPage();
    await signIn(page, baseUrl, 'demo-officer');
    await page.goto(`${baseUrl}/tasks?id=${task.id}`);
    await page.getByTestId('task-drawer').waitFor();
    await expect.poll(async () => page.getByTestId('task-assignments').innerText()).toContain('已完成');
    await page.screenshot({ path: artifactPath('tasks-officer.png') });
    await page.goto(`${baseUrl}/patrols`);
    await page.getByTestId('patrol-coverage').waitFor();
    await expect.poll(async () => page.getByTestId('patrol-coverage').innerText()).toContain('%');
    await page.goto(`${baseUrl}/guard-posts`);
    await page.getByTestId('guard-posts').waitFor();
    await expect.poll(async () => page.getByTestId('guard-posts').innerText()).toContain('护学岗');
    await page.screenshot({ path: artifactPath('guard-posts-officer.png') });
    await phone.close();
    await desk.close();
  });
});
