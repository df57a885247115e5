/**
 * What the operator reads of the audit trail's integrity (周政发〔2018〕6号 art. 15, 19): the result of
 * the last verification of the store's chains (as `npm run audit:verify` checks them) and the last
 * signed checkpoint of each chain. A scheduled job verifies (`npm run audit:verify -- --record`) and
 * stores its result; the gateway reads the newest one, governance only shows it.
 */
export interface AuditIntegrityView {
  /** When the last verification started; null before the first one. */
  startedAt: string | null;
  /** When the last verification finished; null before the first one. */
  verifiedAt: string | null;
  /** Host and process that ran it; null before the first one. */
  verifiedBy: string | null;
  /** No result, or the last one is older than the bound: the scheduled verification stopped running. */
  stale: boolean;
  /** Its verdict; null before the first one. */
  ok: boolean | null;
  chains: number;
  records: number;
  checkpoints: number;
  anchored: number;
  quarantined: number;
  /** The first break it found, naming chain and record. */
  problem: string | null;
  /** The problems it found (at most 50), and how many in all. */
  problems: string[];
  problemCount: number;
  /** A verification is running now; always false since the gateway no longer verifies (kept for older clients). */
  running: boolean;
  /** The newest signed checkpoint of each chain, as the store holds it. */
  lastCheckpoints: Array<{ chain: string; seq: number; at: string; keyId: string }>;
}

/** Reads the audit trail's integrity; absent where no gateway verifies (a subgraph alone). */
export type ReadAuditIntegrity = () => Promise<AuditIntegrityView>;
