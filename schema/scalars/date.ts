/** Calendar date without time zone, `YYYY-MM-DD` (ISO 8601). */
import { describeInvalidDate } from '../../policies/calendar-date.ts';
import { createKeyScalar } from './create-key-scalar.ts';

export const DateScalar = createKeyScalar({
  name: 'Date',
  description: 'Calendar date, YYYY-MM-DD',
  describeInvalid: describeInvalidDate,
});
