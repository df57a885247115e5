/** Loads the regulation profile in force and the working calendar of the years a page counts in (see deadlines.ts). */
import { useMemo, useRef } from 'react';
import { gql } from './api.ts';
import { REGULATION_PROFILE_QUERY, WORKING_CALENDAR_QUERY, yearsFrom, type ApiCalendar, type CalendarYear, type Profile } from './deadlines.ts';
import { useLoad } from './use-load.ts';

export interface DeadlineRules {
  profile: Profile;
  calendar: ApiCalendar;
}

/**
 * The profile and the calendar from `from`'s year (or `until`'s, if earlier) to the year after the later one.
 * The profile is asked for once per page and each year once: a new `from` or `until` asks only for the years not yet known.
 */
export function useDeadlines(from: string, until?: string): { data: DeadlineRules | undefined; loading: boolean } {
  const profile = useRegulationProfile();
  const years = yearsFrom(from, until);
  const asked = useRef(new Map<number, Promise<CalendarYear>>());
  const calendar = useLoad(async (): Promise<ApiCalendar> => {
    const known = asked.current;
    const answers = await Promise.all(
      years.map((year) => {
        let answer = known.get(year);
        if (!answer) {
          answer = gql(WORKING_CALENDAR_QUERY, { year }).then((entry) => entry.workingCalendar);
          // A failed year is asked again next time, not remembered as failed.
          answer.catch(() => known.delete(year));
          known.set(year, answer);
        }
        return answer;
      }),
    );
    return new Map(answers.map((entry) => [entry.year, entry]));
  }, [years.join()]);
  const data = useMemo(() => (profile.data && calendar.data ? { profile: profile.data, calendar: calendar.data } : undefined), [profile.data, calendar.data]);
  return { data, loading: profile.loading || calendar.loading };
}

/** The regulation profile in force alone, for a page that shows its working days but counts nothing. */
export function useRegulationProfile() {
  return useLoad(() => gql(REGULATION_PROFILE_QUERY).then((answer) => answer.regulationProfile));
}
