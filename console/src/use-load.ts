/** Loads a page's data and reports failures in the person's language. */
import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import { errorMessage } from './error-messages.ts';
import { useLanguage, usePurposeName, useT } from './i18n.tsx';
import { ApiError, useSession } from './session.ts';

export function useReportError(): (error: unknown) => void {
  const { message } = App.useApp();
  const language = useLanguage();
  return (error) => void message.error(errorMessage(error instanceof ApiError ? error.code : 'NETWORK', language));
}

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[] = []): { data: T | undefined; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const report = useReportError();
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    setLoading(true);
    run()
      .then((value) => live && setData(value))
      .catch((error: unknown) => live && report(error))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [run, round]);
  return { data, loading, reload: () => setRound((value) => value + 1) };
}

/**
 * What every page reads: texts, language, purpose names, the signed-in department and whether it is the
 * coordination office, and how to tell success and failure.
 */
export function usePage() {
  const { message } = App.useApp();
  const session = useSession();
  return {
    t: useT(),
    language: useLanguage(),
    purposeName: usePurposeName(),
    dept: session?.dept,
    operator: session?.roles.includes('platform-admin') === true,
    report: useReportError(),
    success: (text: string) => void message.success(text),
  };
}
