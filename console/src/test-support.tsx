/**
 * What the console's page tests share: a page rendered as the frame renders it (Ant Design's App for
 * messages, zh-CN), signed in as someone, with the API answered by operation name.
 */
import type { ReactElement } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { vi } from 'vitest';
import { configure, render } from '@testing-library/react';
import { ApiError, SessionContext, type Role } from './session.ts';

// A whole Ant Design page renders slowly in happy-dom on a shared machine: each query waits up to
// 5 s for what a person would wait for, and a test (several such steps) up to 20 s.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 20_000 });

/** An answer per operation name: a value (or a function of the variables), or an error code the API would send. */
export type FakeAnswers = Record<string, unknown>;

/** Stands in for `gql`: answers each document by its operation name; an unknown operation fails the test. */
export function fakeApi(answers: FakeAnswers, calls: Array<{ operation: string; variables: unknown }> = []) {
  return async (document: { toString(): string }, variables?: unknown): Promise<never> => {
    const operation = /(?:query|mutation)\s+(\w+)/.exec(document.toString())?.[1] ?? '';
    calls.push({ operation, variables });
    if (!Object.hasOwn(answers, operation)) throw new Error(`no fake answer for ${operation}`);
    const answer = answers[operation];
    const value = typeof answer === 'function' ? (answer as (variables: unknown) => unknown)(variables) : answer;
    if (value instanceof ApiError) throw value;
    return value as never;
  };
}

export function renderAs(roles: Role[], dept: string, page: ReactElement) {
  // Only in the frame's context, as App holds it: a page that read the tab's storage would find no one signed in.
  const session = { token: 'test', dept, roles, app: `${dept}-admin`, demo: true };
  return render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <SessionContext.Provider value={session}>
        <AntApp>{page}</AntApp>
      </SessionContext.Provider>
    </ConfigProvider>,
  );
}
