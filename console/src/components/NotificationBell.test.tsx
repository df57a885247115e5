import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../session.ts';
import { fakeApi, renderAs } from '../test-support.tsx';

vi.mock('../api.ts', () => ({ gql: vi.fn() }));
const { gql } = await import('../api.ts');
const { default: NotificationBell, BELL_POLL_MS } = await import('./NotificationBell.tsx');
const { NOTIFICATIONS_CHANGED } = await import('../pages/notifications/operations.ts');

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.mocked(gql).mockReset();
});

/** The API's unread count, changed by the test; how many times the bell asked. */
function unreadCounter(start: number) {
  const state = { unread: start, asked: 0 };
  vi.mocked(gql).mockImplementation(fakeApi({ UnreadNotifications: () => (state.asked++, { notifications: { unread: state.unread } }) }));
  return state;
}

const bell = () => screen.getByTestId('notification-bell');

describe('the header bell', () => {
  it('when the inbox holds unread notifications, then the bell shows their number and says it', async () => {
    unreadCounter(3);
    renderAs(['consumer'], 'civil-affairs', <NotificationBell path="catalog" />);
    await waitFor(() => expect(bell().getAttribute('aria-label')).toBe('消息通知，3 条未读'));
    expect(bell().closest('.ant-badge')?.textContent).toContain('3');
  });

  it('when the person moves to another page, when this tab marks some read, and every 30 seconds, then the bell asks again', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const state = unreadCounter(2);
    const view = renderAs(['consumer'], 'civil-affairs', <NotificationBell path="catalog" />);
    await waitFor(() => expect(bell().dataset['unread']).toBe('2'));

    state.unread = 1;
    view.rerender(<NotificationBell path="mine" />);
    await waitFor(() => expect(bell().dataset['unread']).toBe('1'));

    state.unread = 0;
    act(() => void window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED)));
    await waitFor(() => expect(bell().dataset['unread']).toBe('0'));
    expect(bell().getAttribute('aria-label')).toBe('消息通知');

    state.unread = 5;
    const asked = state.asked;
    act(() => void vi.advanceTimersByTime(BELL_POLL_MS));
    await waitFor(() => expect(bell().dataset['unread']).toBe('5'));
    expect(state.asked).toBe(asked + 1);
  });

  it('when the count cannot be read, then the bell keeps quiet (no error every 30 seconds)', async () => {
    vi.mocked(gql).mockImplementation(fakeApi({ UnreadNotifications: new ApiError('INTERNAL_SERVER_ERROR') }));
    renderAs(['consumer'], 'civil-affairs', <NotificationBell path="catalog" />);
    await waitFor(() => expect(vi.mocked(gql)).toHaveBeenCalled());
    expect(bell().dataset['unread']).toBe('0');
    expect(screen.queryByText(/平台内部错误/)).toBeNull();
  });
});
