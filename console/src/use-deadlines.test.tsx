import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { calendarYear, ZHOUCUN_PROFILE } from './test-fixtures.ts';
import { fakeApi } from './test-support.tsx';

vi.mock('./api.ts', () => ({ gql: vi.fn() }));
const { gql } = await import('./api.ts');
const { useDeadlines } = await import('./use-deadlines.ts');

afterEach(() => {
  cleanup();
  vi.mocked(gql).mockReset();
});

function setup() {
  const calls: Array<{ operation: string; variables: unknown }> = [];
  vi.mocked(gql).mockImplementation(
    fakeApi(
      {
        RegulationProfile: { regulationProfile: ZHOUCUN_PROFILE },
        WorkingCalendar: ({ year }: { year: number }) => ({ workingCalendar: calendarYear(year, 'LIBRARY') }),
      },
      calls,
    ),
  );
  const hook = renderHook(({ from, until }: { from: string; until?: string }) => useDeadlines(from, until), {
    initialProps: { from: '2026-12-24' } as { from: string; until?: string },
  });
  const asked = (operation: string) => calls.filter((call) => call.operation === operation).map((call) => call.variables);
  return { hook, asked };
}

describe('useDeadlines', () => {
  it('when only the start date changes within the same years, then neither the profile nor a calendar year is asked for again', async () => {
    const { hook, asked } = setup();
    await waitFor(() => expect(hook.result.current.data?.calendar.size).toBe(2));
    hook.rerender({ from: '2026-12-25' });
    hook.rerender({ from: '2026-12-28', until: '2026-12-30' });
    await waitFor(() => expect(hook.result.current.loading).toBe(false));
    expect(asked('RegulationProfile')).toHaveLength(1);
    expect(asked('WorkingCalendar')).toEqual([{ year: 2026 }, { year: 2027 }]);
  });

  it('when an earlier due date widens the years, then only the new year is asked for and the calendar holds all three', async () => {
    const { hook, asked } = setup();
    await waitFor(() => expect(hook.result.current.data?.calendar.size).toBe(2));
    hook.rerender({ from: '2026-12-24', until: '2025-12-30' });
    await waitFor(() => expect([...(hook.result.current.data?.calendar.keys() ?? [])]).toEqual([2025, 2026, 2027]));
    expect(asked('RegulationProfile')).toHaveLength(1);
    expect(asked('WorkingCalendar')).toEqual([{ year: 2026 }, { year: 2027 }, { year: 2025 }]);
    expect(hook.result.current.data?.profile).toEqual(ZHOUCUN_PROFILE);
  });
});
