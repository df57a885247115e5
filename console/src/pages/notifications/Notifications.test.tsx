import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../session.ts';
import { fakeApi, renderAs } from '../../test-support.tsx';
import type { Notification } from './operations.ts';

vi.mock('../../api.ts', () => ({ gql: vi.fn() }));
const { gql } = await import('../../api.ts');
const { default: Notifications } = await import('./Notifications.tsx');
const { subjectLink } = await import('./notification-kinds.ts');

function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: '41',
    eventId: 'e-41',
    kind: 'NEW_REQUEST',
    at: '2026-11-27T01:02:03.000Z',
    role: 'provider-admin',
    read: false,
    readAt: null,
    subject: { kind: 'ACCESS_REQUEST', id: 'r-1', text: '新的共享申请：区民政局申请Resident.monthlyPension，请于2026-12-11前答复' },
    ...overrides,
  };
}

afterEach(() => {
  cleanup();
  vi.mocked(gql).mockReset();
  location.hash = '';
});

describe('消息通知', () => {
  it('when the inbox is empty, then it says so and nothing can be marked read', async () => {
    vi.mocked(gql).mockImplementation(fakeApi({ Notifications: { notifications: { unread: 0, nextCursor: null, notifications: [] } } }));
    renderAs(['consumer'], 'civil-affairs', <Notifications />);
    await screen.findByText('暂无消息');
    expect(screen.getByRole('button', { name: '全部标为已读' }).hasAttribute('disabled')).toBe(true);
  });

  it('when notifications come, then kind, time in China, subject and read state show, and 标为已读 marks that one', async () => {
    const calls: Array<{ operation: string; variables: unknown }> = [];
    let read = false;
    vi.mocked(gql).mockImplementation(
      fakeApi(
        {
          Notifications: () => ({
            notifications: {
              unread: read ? 1 : 2,
              nextCursor: null,
              notifications: [
                notification({ read }),
                notification({
                  id: '40',
                  kind: 'DISPUTE_OPENED',
                  read: false,
                  subject: { kind: 'DISPUTE', id: 'd-1', text: '数据疑义：Resident.monthlyPension' },
                }),
              ],
            },
          }),
          MarkNotificationsRead: () => ((read = true), { markNotificationsRead: 1 }),
        },
        calls,
      ),
    );
    renderAs(['consumer', 'provider-admin'], 'human-resources', <Notifications />);
    await screen.findByText(/新的共享申请：区民政局/);
    expect(screen.getByText('新的共享申请', { selector: '.ant-tag' })).toBeTruthy();
    expect(screen.getAllByText('2026/11/27 09:02:03')).toHaveLength(2);
    expect(screen.getAllByText('未读').length).toBeGreaterThan(1);
    fireEvent.click(screen.getByRole('button', { name: /^标为已读 新的共享申请/ }));
    await waitFor(() =>
      expect(calls.filter((call) => call.operation === 'MarkNotificationsRead')).toEqual([{ operation: 'MarkNotificationsRead', variables: { ids: ['41'] } }]),
    );
    await waitFor(() => expect(screen.queryByRole('button', { name: /^标为已读 新的共享申请/ })).toBeNull());
  });

  it('when 全部标为已读 is pressed, then every unread notification is marked, 100 at a time, until none is left', async () => {
    const unread = Array.from({ length: 130 }, (_, index) => notification({ id: String(index + 1) }));
    const marked: string[][] = [];
    vi.mocked(gql).mockImplementation(
      fakeApi({
        Notifications: (variables: { first: number }) => {
          const page = unread.slice(0, variables.first);
          return { notifications: { unread: unread.length, nextCursor: unread.length > variables.first ? 'next' : null, notifications: page } };
        },
        MarkNotificationsRead: ({ ids }: { ids: string[] }) => {
          marked.push(ids);
          unread.splice(0, ids.length);
          return { markNotificationsRead: ids.length };
        },
      }),
    );
    renderAs(['consumer'], 'civil-affairs', <Notifications />);
    fireEvent.click(await screen.findByRole('button', { name: '全部标为已读' }));
    await screen.findByText('已将 130 条消息标为已读');
    expect(marked.map((ids) => ids.length)).toEqual([100, 30]);
  });

  it('when the inbox cannot be read, then the error code is told in Chinese', async () => {
    vi.mocked(gql).mockImplementation(fakeApi({ Notifications: new ApiError('UNAUTHENTICATED') }));
    renderAs(['consumer'], 'civil-affairs', <Notifications />);
    expect(await screen.findByText('身份认证失败或已过期，请重新登录')).toBeTruthy();
  });

  it("when a notification's subject has a page for the inbox's role, then 查看 opens that page's tab; a subgraph publication has none", () => {
    expect(subjectLink(notification())).toEqual({ path: 'inbox', params: { tab: 'pending', id: 'r-1' } });
    expect(subjectLink(notification({ kind: 'DECIDED', role: 'consumer' }))).toEqual({ path: 'mine', params: { tab: 'requests', id: 'r-1' } });
    expect(subjectLink(notification({ kind: 'ESCALATED', role: 'platform-admin' }))?.path).toBe('office');
    expect(subjectLink(notification({ kind: 'GRANT_REVOKED', role: 'consumer', subject: { kind: 'GRANT', id: 'g', text: '' } }))?.params['tab']).toBe('grants');
    expect(subjectLink(notification({ kind: 'RECTIFICATION_NOTICE', subject: { kind: 'RECTIFICATION_NOTICE', id: 'n', text: '' } }))?.path).toBe('evaluation');
    expect(subjectLink(notification({ kind: 'PUBLISH_RESULT', subject: { kind: 'SUBGRAPH', id: 'human-resources', text: '' } }))).toBeUndefined();
  });
});
