import { describe, expect, it } from 'vitest';
import { testCatalog } from '../test-fixtures.ts';
import { checkDisputeReport } from './check-dispute-report.ts';
import { outcome, TODAY } from './harness.ts';
import { LIBRARY_CALENDAR } from './working-calendar.ts';

describe('art-16: disputes', () => {
  it("art-16: a report names a known item, an entity and evidence, and goes to the item's provider, whose answer is due in 5 working days", () => {
    expect(
      checkDisputeReport(
        { field: 'Resident.pension', entityKey: '370306198503120122', description: '金额与证明不符', evidence: '社保卡流水' },
        testCatalog,
        TODAY,
        LIBRARY_CALENDAR,
        5,
      ),
    ).toEqual({ ok: true, value: { provider: 'human-resources', dueDate: '2026-06-08' } });
    expect(
      outcome(checkDisputeReport({ field: 'Resident.pension', entityKey: 'x', description: 'd', evidence: '' }, testCatalog, TODAY, LIBRARY_CALENDAR, 5)),
    ).toMatch(/evidence/);
  });
});
