/** What the governance operations work with: the store, the catalog, the registry's codes, the clock; built once per process by the launcher. */
import type { Kysely } from 'kysely';
import type { WorkingCalendar } from '../../policies/governance/working-calendar.ts';
import type { RegulationProfile } from '../../policies/regulation-profile.ts';
import type { Consumer, ShareCatalog } from '../../policies/types.ts';
import type { ReadAuditIntegrity } from '../../platform/audit-integrity.ts';
import type { Database } from '../../platform/store/tables.ts';
import type { SubjectHmac } from '../../platform/subject-key.ts';
import type { SubgraphSource } from '../../schema/compose-supergraph.ts';

export interface GovernanceServices {
  db: Kysely<Database>;
  /** The share catalog of the composed supergraph (fails if not loaded yet: no decision on a guess). */
  catalog: () => ShareCatalog;
  departments: readonly string[];
  /** Longest validity of a grant, in days (`GRANT_MAX_VALIDITY_DAYS`, else the profile's). */
  grantMaxValidityDays: number;
  /** The regulation profile (`REGULATION_PROFILE`): every deadline, purpose, default validity and escalation step. */
  profile: RegulationProfile;
  now: () => Date;
  /** Called after a grant changed and committed; resolves when the gateway's grant source has it. */
  grantsChanged: () => Promise<void>;
  /** The keyed HMAC the audit records list subjects by (subject-level access log); absent: lookups find nothing. */
  subjectHmac?: SubjectHmac | undefined;
  /** The supergraph served now (interface documentation reads types and example paths from it). */
  supergraphSdl: () => string;
  /** Subgraphs composed beside the registry's published ones (the info-center's own), for the publish checks. */
  localSubgraphs: readonly SubgraphSource[];
  /** Called after a publication committed; resolves when this gateway serves the new supergraph. */
  supergraphChanged: () => Promise<void>;
  /** The audit trail's integrity as the gateway verifies it; absent: the answer says it is not verified here. */
  auditIntegrity?: ReadAuditIntegrity | undefined;
}

export type Actor = Consumer;

/** What one request reads at most once, however many records it resolves. */
export interface GovernanceLoaders {
  /** The working calendar as the store holds it when the request first asks. */
  calendar(): Promise<WorkingCalendar>;
  /** The kept freshness readings (art. 14): provider → resource → data-as-of, null when unknown. */
  freshnessReadings(): Promise<Map<string, Map<string, string | null>>>;
}
