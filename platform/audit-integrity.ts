/**
 * What the operator reads of the audit trail's integrity (周政发〔2018〕6号 art. 15, 19): the result of
 * the last verification of the store's chains (as `npm run audit:verify` checks them) and the last
 * signed checkpoint of each chain. The gateway verifies; governance only shows it.
 */
export interface AuditIntegrityView {
  /** When the last verification finished; null before the first one. */
  verifiedAt: string | null;
  /** Its verdict; null before the first one. */
  ok: boolean | null;
  chains: number;
  records: number;
  checkpoints: number;
  anchored: number;
  quarantined: number;
  /** The first break it found, naming chain and record. */
  problem: string | null;
  /** A verification is running now (its result replaces this one when done). */
  running: boolean;
  /** The newest signed checkpoint of each chain, as the store holds it. */
  lastCheckpoints: Array<{ chain: string; seq: number; at: string; keyId: string }>;
}

/** Reads the audit trail's integrity; absent where no gateway verifies (a subgraph alone). */
export type ReadAuditIntegrity = () => Promise<AuditIntegrityView>;
