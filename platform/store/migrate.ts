/** Runs the store's migrations (Kysely's Migrator); on start and by `npm run migrate`. */
import type { Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import * as governance from './migrations/0001-governance.ts';
import * as audit from './migrations/0002-audit.ts';
import * as auditIntegrity from './migrations/0003-audit-integrity.ts';
import * as tamperEvidence from './migrations/0004-tamper-evidence.ts';
import * as governanceBounds from './migrations/0005-governance-bounds.ts';
import * as dataMinimisation from './migrations/0006-data-minimisation.ts';
import * as verificationAndSubjectLog from './migrations/0007-verification-and-subject-log.ts';
import * as subgraphRegistry from './migrations/0008-subgraph-registry.ts';
import * as workingCalendar from './migrations/0009-working-calendar.ts';
import * as operationDocuments from './migrations/0010-operation-documents.ts';
import * as openCasesAndSubjectRows from './migrations/0011-open-cases-and-subject-rows.ts';
import * as regulationProfiles from './migrations/0012-regulation-profiles.ts';
import * as notifications from './migrations/0013-notifications.ts';
import * as evaluation from './migrations/0014-evaluation.ts';
import * as resourceFreshness from './migrations/0015-resource-freshness.ts';
import * as freshnessHistory from './migrations/0017-freshness-history.ts';
import * as auditRollUpRecount from './migrations/0018-audit-rollup-recount.ts';
import * as auditVerifications from './migrations/0019-audit-verifications.ts';
import * as auditPartitions from './migrations/0016-audit-partitions.ts';
import * as auditChainPlace from './migrations/0020-audit-chain-place.ts';
import * as subjectRowsPerSubject from './migrations/0021-subject-rows-per-subject.ts';
import * as subjectLogFromRecords from './migrations/0022-subject-log-from-records.ts';
import * as subjectList from './migrations/0023-subject-list.ts';
import type { Database } from './tables.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001-governance': governance,
  '0002-audit': audit,
  '0003-audit-integrity': auditIntegrity,
  '0004-tamper-evidence': tamperEvidence,
  '0005-governance-bounds': governanceBounds,
  '0006-data-minimisation': dataMinimisation,
  '0007-verification-and-subject-log': verificationAndSubjectLog,
  '0008-subgraph-registry': subgraphRegistry,
  '0009-working-calendar': workingCalendar,
  '0010-operation-documents': operationDocuments,
  '0011-open-cases-and-subject-rows': openCasesAndSubjectRows,
  '0012-regulation-profiles': regulationProfiles,
  '0013-notifications': notifications,
  '0014-evaluation': evaluation,
  '0015-resource-freshness': resourceFreshness,
  '0017-freshness-history': freshnessHistory,
  '0018-audit-rollup-recount': auditRollUpRecount,
  '0019-audit-verifications': auditVerifications,
  '0016-audit-partitions': auditPartitions,
  '0020-audit-chain-place': auditChainPlace,
  '0021-subject-rows-per-subject': subjectRowsPerSubject,
  '0022-subject-log-from-records': subjectLogFromRecords,
  '0023-subject-list': subjectList,
};

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // 0011 and 0012 were made side by side and touch different things: a store that ran 0012 first takes 0011 after it.
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`Migration failed: ${(error as Error).message ?? String(error)}`, { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
