import { describe, expect, it } from 'vitest';
import { checkGovernanceArguments, MAX_LIST_ITEMS } from './check-governance-arguments.ts';

const problem = (verdict: ReturnType<typeof checkGovernanceArguments>) => (verdict.ok ? 'ok' : `${verdict.problem}: ${verdict.message}`);

describe('governance arguments', () => {
  const request = {
    input: {
      fields: ['Resident.monthlyPension'],
      purpose: 'DATA_VERIFICATION',
      matter: '食品经营许可审批',
      justification: '核验申请人养老金领取状态\n第二行',
      validUntil: '2027-06-30',
    },
  };

  it('when every text fits its kind, then the operation runs', () => {
    expect(checkGovernanceArguments('requestAccess', request)).toEqual({ ok: true, value: true });
    expect(checkGovernanceArguments('myGrants', { includeInactive: true })).toEqual({ ok: true, value: true });
  });

  it('when a text deep in an input object is bad, then BAD_USER_INPUT names its path', () => {
    expect(problem(checkGovernanceArguments('requestAccess', { input: { ...request.input, justification: 'x'.repeat(2001) } }))).toBe(
      'BAD_USER_INPUT: input.justification is too long: at most 2000 characters',
    );
    expect(
      problem(
        checkGovernanceArguments('reviewCatalogItem', {
          coordinate: 'Resident.name',
          override: { relatedResources: ['Enterprise', 'Res\u0000ident'] },
          reason: 'x',
        }),
      ),
    ).toBe('BAD_USER_INPUT: override.relatedResources contains an invisible or control character (U+0000); remove it');
  });

  it('when a list holds too many items, then BAD_USER_INPUT before any item is looked at', () => {
    const fields = Array.from({ length: MAX_LIST_ITEMS + 1 }, (_, i) => `Resident.f${i}`);
    expect(problem(checkGovernanceArguments('requestAccess', { input: { ...request.input, fields } }))).toBe(
      'BAD_USER_INPUT: input.fields has too many items: at most 100',
    );
  });

  it('when an argument is not listed with a kind, then it is held to the identifier kind: no spaces, 128 characters', () => {
    expect(problem(checkGovernanceArguments('accessRequest', { id: 'a b' }))).toBe('BAD_USER_INPUT: id must not contain spaces');
    expect(problem(checkGovernanceArguments('someFutureOperation', { note: 'x'.repeat(129) }))).toBe(
      'BAD_USER_INPUT: note is too long: at most 128 characters',
    );
  });

  it('when the matter is longer than X-Share-Matter allows, then it is refused as well', () => {
    expect(problem(checkGovernanceArguments('requestAccess', { input: { ...request.input, matter: '事'.repeat(129) } }))).toBe(
      'BAD_USER_INPUT: input.matter is too long: at most 128 characters',
    );
  });
});
