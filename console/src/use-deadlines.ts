/** Loads the regulation profile in force and the working calendar of the years a page counts in (see deadlines.ts). */
import { gql } from './api.ts';
import { REGULATION_PROFILE_QUERY, WORKING_CALENDAR_QUERY, yearsFrom, type ApiCalendar, type Profile } from './deadlines.ts';
import { useLoad } from './use-load.ts';

export interface DeadlineRules {
  profile: Profile;
  calendar: ApiCalendar;
}

/** The profile and the calendar from `from`'s year (or `until`'s, if earlier) to the year after the later one. */
export function useDeadlines(from: string, until?: string) {
  return useLoad(async (): Promise<DeadlineRules> => {
    const years = yearsFrom(from, until);
    const [answer, calendars] = await Promise.all([gql(REGULATION_PROFILE_QUERY), Promise.all(years.map((year) => gql(WORKING_CALENDAR_QUERY, { year })))]);
    return { profile: answer.regulationProfile, calendar: new Map(calendars.map((entry) => [entry.workingCalendar.year, entry.workingCalendar])) };
  }, [from, until]);
}

/** The regulation profile in force alone, for a page that shows its working days but counts nothing. */
export function useRegulationProfile() {
  return useLoad(() => gql(REGULATION_PROFILE_QUERY).then((answer) => answer.regulationProfile));
}
