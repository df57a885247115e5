/** Answers of the API the console's component tests render with: the zhoucun-2018 profile and calendar years. */
import type { ApiCalendar, CalendarYear, Profile } from './deadlines.ts';
import type { DeadlineRules } from './use-deadlines.ts';

export const ZHOUCUN_PROFILE: Profile = {
  name: 'zhoucun-2018',
  title: '周政发〔2018〕6号',
  complianceCheckWorkingDays: null,
  providerAnswerWorkingDays: 10,
  negotiationWorkingDays: 10,
  escalation: ['NEGOTIATION', 'COORDINATION_OFFICE', 'CITY_LEADING_GROUP'],
  disputeAnswerWorkingDays: 5,
  catalogReviewWorkingDays: 15,
  grantDefaultValidityDays: 365,
  grantMaxValidityDays: 365,
};

export function calendarYear(year: number, source: CalendarYear['source'], holidays: string[] = [], workdays: string[] = []): CalendarYear {
  return { year, source, holidays, workdays };
}

export function calendarOf(...years: CalendarYear[]): ApiCalendar {
  return new Map(years.map((year) => [year.year, year]));
}

export function rulesOf(profile: Partial<Profile>, ...years: CalendarYear[]): DeadlineRules {
  return { profile: { ...ZHOUCUN_PROFILE, ...profile }, calendar: calendarOf(...years) };
}
