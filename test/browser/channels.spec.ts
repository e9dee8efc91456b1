/**
 * The console's channels page sets a department's DingTalk robot and SMS: the robot's URL and secret
 * go in once and come back only masked or as "set", a blank field keeps them, and a refused address is
 * shown in Chinese naming the field.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DepartmentChannelEntity } from '../../db/entities';
import { axeCheck, screenshot, signIn, useBrowserSystem } from './browser-harness';

const system = useBrowserSystem();
const tag = randomBytes(3).toString('hex');
const code = `dept-chui${tag}`;
let page: Page;

beforeAll(async () => {
  await system
    .http()
    .post('/api/v1/departments')
    .set({ Authorization: `Bearer ${await system.token('admin')}` })
    .send({ code, name: `渠道界面测试局${tag}`, contacts: [{ name: '王科长', phone: '13700137123' }] })
    .expect(201);
  page = (await system.newPage()).page;
  await signIn(page, 'admin');
});

it('saves a DingTalk robot and SMS, showing the URL masked and the secret only as set', async () => {
  await page.goto('/admin/channels');
  await page.getByRole('heading', { name: '部门通知渠道' }).waitFor();
  await page.getByLabel('选择部门').fill(code);
  await page.locator('.ant-select-item-option', { hasText: code }).click();
  await page
    .getByLabel('钉钉机器人 Webhook 地址')
    .fill('http://169.254.169.254/robot/send?access_token=ui-token-1');
  await page.getByLabel('钉钉加签密钥（SEC 开头）').fill('SECui-secret-0001');
  await page.getByLabel('启用钉钉机器人').click();
  await page.getByRole('button', { name: '保存通知渠道' }).click();
  await page.getByText('「钉钉机器人 Webhook 地址」接收地址指向内网或保留地址').waitFor();

  await page.getByLabel('钉钉机器人 Webhook 地址').fill('https://8.8.8.8/robot/send?access_token=ui-token-1');
  await page.getByLabel('短信服务商').click();
  await page.locator('.ant-select-item-option', { hasText: '腾讯云短信' }).click();
  await page.getByLabel('启用短信').click();
  await page.getByRole('button', { name: '保存通知渠道' }).click();
  await page.getByText('已保存该部门的通知渠道').waitFor();
  await page.getByText('已设置：https://8.8.8.8/robot/send?access_token=***').waitFor();
  await page.getByText('部门联系人中的手机号也会收到：13700137123').waitFor();
  expect(await page.getByLabel('钉钉机器人 Webhook 地址').inputValue()).toBe('');
  expect(await page.content()).not.toContain('ui-token-1');
  expect(await page.content()).not.toContain('SECui-secret');
  await screenshot(page, 'admin-channels-robots');
  await axeCheck(page);

  // Saving again with the fields left blank keeps the stored URL and secret.
  await page.getByRole('button', { name: '保存通知渠道' }).click();
  await page.getByText('已保存该部门的通知渠道').waitFor();
  const stored = await system.dataSource
    .getRepository(DepartmentChannelEntity)
    .findOneByOrFail({ departmentId: code });
  expect(stored).toMatchObject({
    dingtalkUrl: 'https://8.8.8.8/robot/send?access_token=ui-token-1',
    dingtalkSecret: 'SECui-secret-0001',
    dingtalkEnabled: true,
    smsProvider: 'tencent',
    smsEnabled: true,
  });
});
