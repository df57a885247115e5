import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../session.ts';
import { fakeApi, renderAs } from '../../test-support.tsx';
import { webhookUrlProblem, type Webhook, type WebhookDelivery } from './operations.ts';

vi.mock('../../api.ts', () => ({ gql: vi.fn() }));
const { gql } = await import('../../api.ts');
const { default: Webhooks } = await import('./Webhooks.tsx');

afterEach(() => {
  cleanup();
  vi.mocked(gql).mockReset();
});

const HOOK: Webhook = {
  department: 'human-resources',
  url: 'http://10.20.30.40:8080/zhoucun/hooks',
  registeredBy: 'human-resources-admin',
  registeredAt: '2026-11-27T01:00:00.000Z',
  secretRotatedAt: '2026-11-27T01:00:00.000Z',
  removedAt: null,
};

function delivery(status: string, overrides: Partial<WebhookDelivery> = {}): WebhookDelivery {
  return {
    id: status,
    eventId: `7d7f2c3e-${status}`,
    kind: 'NEW_REQUEST',
    status: status as WebhookDelivery['status'],
    attempts: 1,
    lastError: null,
    lastAttemptAt: '2026-11-27T01:01:00.000Z',
    nextAttemptAt: null,
    deliveredAt: null,
    ...overrides,
  };
}

const NO_DELIVERIES = { webhookDeliveries: { nextCursor: null, deliveries: [] } };

describe('Webhook 推送', () => {
  it('when the department has no webhook, then the page says so and offers to register one; no delivery is listed', async () => {
    vi.mocked(gql).mockImplementation(fakeApi({ Webhooks: { webhooks: [] }, WebhookDeliveries: NO_DELIVERIES }));
    renderAs(['consumer', 'provider-admin'], 'human-resources', <Webhooks />);
    expect(await screen.findByText('尚未登记推送地址')).toBeTruthy();
    expect(await screen.findByText('暂无推送记录')).toBeTruthy();
    expect(screen.getByRole('button', { name: '登记' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '停用' })).toBeNull();
  });

  it('when a webhook is registered, then its address shows and the deliveries with status and attempts', async () => {
    vi.mocked(gql).mockImplementation(
      fakeApi({
        Webhooks: { webhooks: [HOOK] },
        WebhookDeliveries: {
          webhookDeliveries: {
            nextCursor: null,
            deliveries: [
              delivery('PENDING', { attempts: 2, lastError: 'HTTP 503', nextAttemptAt: '2026-11-27T01:05:00.000Z' }),
              delivery('DELIVERED', { deliveredAt: '2026-11-27T01:01:00.000Z' }),
              delivery('DEAD', { attempts: 10, lastError: 'the webhook was removed' }),
            ],
          },
        },
      }),
    );
    renderAs(['consumer', 'provider-admin'], 'human-resources', <Webhooks />);
    expect((await screen.findByTestId('webhook-url')).textContent).toBe(HOOK.url);
    await screen.findByText('待投递');
    expect(screen.getByText('已送达')).toBeTruthy();
    expect(screen.getByText('投递失败')).toBeTruthy();
    expect(screen.getByText('HTTP 503')).toBeTruthy();
    expect(screen.getByText('10')).toBeTruthy();
    expect(screen.getByRole('button', { name: '更换密钥' })).toBeTruthy();
  });

  it('when an address is registered, then the secret is shown once and gone once the dialog is closed', async () => {
    const calls: Array<{ operation: string; variables: unknown }> = [];
    vi.mocked(gql).mockImplementation(
      fakeApi(
        {
          Webhooks: { webhooks: [] },
          WebhookDeliveries: NO_DELIVERIES,
          RegisterWebhook: {
            registerWebhook: { secret: 'whsec_5f0c0123', webhook: { department: 'human-resources', url: HOOK.url, registeredAt: HOOK.registeredAt } },
          },
        },
        calls,
      ),
    );
    renderAs(['consumer', 'provider-admin'], 'human-resources', <Webhooks />);
    fireEvent.change(await screen.findByLabelText('推送地址'), { target: { value: ` ${HOOK.url} ` } });
    fireEvent.click(screen.getByRole('button', { name: '登记' }));
    expect((await screen.findByTestId('webhook-secret')).textContent).toContain('whsec_5f0c0123');
    expect(calls.find((call) => call.operation === 'RegisterWebhook')?.variables).toEqual({ department: 'human-resources', url: HOOK.url });
    fireEvent.click(screen.getByRole('button', { name: '我已保存' }));
    await waitFor(() => expect(screen.queryByText('whsec_5f0c0123')).toBeNull());
  });

  it('when the address carries a password, then the form says why in Chinese and nothing is sent', async () => {
    vi.mocked(gql).mockImplementation(fakeApi({ Webhooks: { webhooks: [] }, WebhookDeliveries: NO_DELIVERIES }));
    renderAs(['consumer', 'provider-admin'], 'human-resources', <Webhooks />);
    fireEvent.change(await screen.findByLabelText('推送地址'), { target: { value: 'https://user:pw@10.1.1.1/hook' } });
    fireEvent.click(screen.getByRole('button', { name: '登记' }));
    expect(await screen.findByText('地址不得包含用户名或密码')).toBeTruthy();
    expect(vi.mocked(gql).mock.calls.map(([document]) => String(document))).not.toContainEqual(expect.stringContaining('mutation RegisterWebhook'));
  });

  it("when the office opens the page, then every department's webhook is listed and it manages the one it chooses", async () => {
    const calls: Array<{ operation: string; variables: unknown }> = [];
    vi.mocked(gql).mockImplementation(
      fakeApi(
        { Webhooks: { webhooks: [HOOK, { ...HOOK, department: 'civil-affairs', removedAt: '2026-11-27T03:00:00.000Z' }] }, WebhookDeliveries: NO_DELIVERIES },
        calls,
      ),
    );
    renderAs(['consumer', 'platform-admin'], 'info-center', <Webhooks />);
    expect(await screen.findByText('区人力资源和社会保障局', { selector: 'td' })).toBeTruthy();
    expect(screen.getByText('已停用')).toBeTruthy();
    expect(screen.getByText('推送中')).toBeTruthy();
    expect(screen.getByLabelText('部门')).toBeTruthy();
    expect(calls.find((call) => call.operation === 'WebhookDeliveries')?.variables).toMatchObject({ department: 'info-center' });
  });

  it('when the API refuses, then its error code is told in Chinese', async () => {
    vi.mocked(gql).mockImplementation(fakeApi({ Webhooks: new ApiError('FORBIDDEN'), WebhookDeliveries: new ApiError('FORBIDDEN') }));
    renderAs(['consumer', 'provider-admin'], 'human-resources', <Webhooks />);
    expect((await screen.findAllByText('您的角色或部门无权进行此操作')).length).toBeGreaterThan(0);
  });

  it('when an address breaks a rule of the API, then the rule is named: scheme, credentials, fragment, control characters, length', () => {
    expect(webhookUrlProblem('http://10.20.30.40:8080/zhoucun/hooks')).toBeUndefined();
    expect(webhookUrlProblem('ftp://10.1.1.1/x')?.zh).toBe('仅支持 http 或 https 地址');
    expect(webhookUrlProblem('/relative')?.zh).toBe('请填写完整的 http 或 https 地址');
    expect(webhookUrlProblem('https://10.1.1.1/x#frag')?.zh).toBe('地址不得包含 # 片段');
    expect(webhookUrlProblem('https://10.1.1.1/\u202ex')?.zh).toBe('地址含有控制字符');
    expect(webhookUrlProblem('https://10.1.1.1/\u0000')?.zh).toBe('地址含有控制字符');
    expect(webhookUrlProblem(`https://10.1.1.1/${'a'.repeat(2048)}`)?.zh).toBe('地址不超过 2048 个字符');
  });
});
