/**
 * The gateway's configuration: read from the environment once at start, validated, frozen.
 * Nothing else reads `process.env`. A bad setting stops the start with the variable's name.
 */
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { RegulationProfile } from '../policies/regulation-profile.ts';
import { loadRegulationProfile } from '../platform/load-regulation-profile.ts';
import type { MetricsListen } from '../platform/observe/metrics-endpoint.ts';
import { DEFAULT_SUBGRAPH_GUARD, type SubgraphGuardOptions } from './sign/subgraph-guard.ts';

export interface GatewayConfig {
  /** `PORT`, default 4000. */
  port: number;
  /** `HOST`, default 127.0.0.1 (set 0.0.0.0 in containers). */
  host: string;
  /** `DATA_DIR`, default `.data`: demo keys and generated files. */
  dataDir: string;
  /** `SUPERGRAPH_PATH`: run on this supergraph file instead of composing the department subgraphs. */
  supergraphPath: string | undefined;
  /** `UNDECLARED_FIELDS`: `deny` (default) or `unconditional`, for fields without `@share`. */
  undeclaredFields: 'deny' | 'unconditional';
  /** `SUBGRAPH_URLS`: `name=url,name=url` overriding the default `http://127.0.0.1:<port>/graphql`. */
  subgraphUrls: Readonly<Record<string, string>>;
  /** `TOKEN_PUBLIC_KEY_PATH`: Ed25519 public JWK of the consumer token issuer; default the demo key. */
  tokenPublicKeyPath: string | undefined;
  /** `GATEWAY_SIGNING_KEY_PATH`: Ed25519 private JWK signing subgraph calls; default the demo key. */
  gatewaySigningKeyPath: string | undefined;
  /** `AUDIT_SIGNING_KEY_PATH`: Ed25519 private JWK signing audit checkpoints (not the subgraph-call key); default the demo key. */
  auditSigningKeyPath: string | undefined;
  /** Hex secret (≥ 32 bytes) keying the subject HMACs of the access log; default the demo key in DATA_DIR/keys. */
  subjectHmacKeyPath: string | undefined;
  /** `AUDIT_PUBLIC_KEYS_PATH`: JWK set of every current and retired audit public key, for `audit:verify`; default the demo set. */
  auditPublicKeysPath: string | undefined;
  /** `ARCHIVE_DIR`: where `npm run audit:archive` writes the signed archives of audit months past retention; default DATA_DIR/audit-archive. */
  archiveDir: string;
  /** `LOG_LEVEL`, default `info`; `silent` turns logging off. */
  logLevel: string;
  /** `DATABASE_URL`: PostgreSQL; absent → embedded PGlite in `DATA_DIR/pglite`. */
  databaseUrl: string | undefined;
  /** `GOVERNANCE_PORT`, default 4100: the governance subgraph beside the gateway (loopback only). */
  governancePort: number;
  /** `AUDIT_CHAIN`: this instance's audit hash chain, stable across restarts; default `gateway-<host>-<port>`. */
  auditChain: string;
  /** `REDIS_URL`: shared caches, invalidation and rate limits across instances; absent → in memory. */
  redisUrl: string | undefined;
  /** `REDIS_PREFIX`, default `zhoucun:`: prefix of every key and channel. */
  redisPrefix: string;
  /** `RATE_LIMIT_DEPT_PER_MINUTE` (default 6000) and `RATE_LIMIT_APP_PER_MINUTE` (default 1200). */
  rateLimits: { perDepartment: number; perApp: number };
  /** `ENTITY_BUDGET_APP_PER_MINUTE` (default 6000): entities one application may be served per minute. */
  entityBudgetPerMinute: number;
  /** `MAX_KEYS_PER_REQUEST` (default 100): entity keys one HTTP request may name, over all its operations. */
  maxKeysPerRequest: number;
  /** `TOKEN_MAX_LIFETIME_HOURS` (default 24): longest lifetime (`exp` − `iat`) of a consumer token accepted. */
  tokenMaxLifetimeSeconds: number;
  /**
   * `REGULATION_PROFILE`, default `zhoucun-2018`: the deadlines, purposes, grant validities and escalation
   * steps governance runs by; a shipped profile's name or a path to a profile document (`.json`).
   */
  regulationProfile: RegulationProfile;
  /** `GRANT_MAX_VALIDITY_DAYS`, default the profile's longest validity (at most 3653): the longest validity of a grant, from the day it is asked for. */
  grantMaxValidityDays: number;
  /** Notifications: deadline sweeps, automatic escalation and webhook delivery (README, Notifications). */
  notifications: Readonly<NotificationConfig>;
  /** OpenID Connect sign-in for the console (`OIDC_*`); absent when `OIDC_ISSUER` is unset. */
  oidc: OidcConfig | undefined;
  /** `METRICS_HOST` (default 127.0.0.1) and `METRICS_PORT` (default 9464; `0` or `off`: none): the gateway's Prometheus endpoint. */
  metrics: MetricsListen | undefined;
  /** `METRICS_HOST` and `SUBGRAPH_METRICS_PORT` (default 9465; `0` or `off`: none): the endpoint of a `npm run subgraphs` process. */
  subgraphMetrics: MetricsListen | undefined;
  /** `SUBGRAPH_TIMEOUT_MS` (default 10000, at most 120000), `SUBGRAPH_BREAKER_FAILURES` (default 5), `SUBGRAPH_BREAKER_HALF_OPEN_MS` (default 10000). */
  subgraphGuard: Required<SubgraphGuardOptions>;
  /** `DRAIN_GRACE_MS` (default 5000): after SIGTERM, how long the gateway keeps accepting connections while `/readyz` says 503. */
  drainGraceMs: number;
  /**
   * `SHED_HEAP_USED_PERCENT` (20–95, default 60): share of V8's heap limit live after a full collection
   * above which GraphQL requests are shed with 503 OVERLOADED. Below 20 a healthy gateway (about a tenth
   * of its heap live) would shed from its start, every replica alike.
   */
  shedHeapUsedPercent: number;
  /** `DRAIN_TIMEOUT_MS` (default 30000): the longest a stop may take before the process gives up on what is in flight (exit 1). */
  drainTimeoutMs: number;
  /** `FRESHNESS_READ_INTERVAL_SECONDS` (default 900, 60 to 86400): how often the platform reads each provider's data-as-of dates (art. 14). */
  freshnessReadIntervalSeconds: number;
  /** `RESOLVER_CACHE_MAX_TTL_SECONDS` (default 3600, at most 86400): longest a subgraph caches a resolver answer, whatever the update cycle. */
  resolverCacheMaxTtlSeconds: number;
}

/** The console's sign-in at the district's OpenID provider: authorization code with PKCE (gateway/console/oidc-sign-in.ts). */
export interface OidcConfig {
  /** `OIDC_ISSUER`: the provider's issuer URL (discovery at `/.well-known/openid-configuration`); https, or http on a loopback host. */
  issuer: string;
  /** `OIDC_CLIENT_ID`. */
  clientId: string;
  /** `OIDC_CLIENT_SECRET`: the confidential client's secret (client_secret_basic); also keys the session cookie. */
  clientSecret: string;
  /** `OIDC_REDIRECT_URI`: this gateway's `/auth/oidc/callback` as the provider knows it; https, or http on a loopback host. */
  redirectUri: string;
  /** `OIDC_SCOPES`, default `openid profile`. */
  scopes: string;
  /** `OIDC_DEPARTMENT_CLAIM`, default `dept`: the claim naming the department code of the registry. */
  departmentClaim: string;
  /** `OIDC_ROLES_CLAIM`, default `roles`: the claim listing roles (array, or a space-separated string). */
  rolesClaim: string;
  /** `OIDC_SESSION_HOURS`, default 8 (at most 24): how long a console session lasts. */
  sessionHours: number;
}

export interface NotificationConfig {
  /** `AUTO_ESCALATE_OVERDUE` (default false): a request left pending past its due date escalates by itself to the coordination office. */
  autoEscalateOverdue: boolean;
  /** `NOTIFICATION_SWEEP_INTERVAL_MS` (default 60 000): how often deadlines are looked for. */
  sweepIntervalMs: number;
  delivery: {
    /** `WEBHOOK_MAX_ATTEMPTS` (default 10, at most 30): attempts before a delivery is DEAD. */
    maxAttempts: number;
    /** `WEBHOOK_TIMEOUT_MS` (default 10 000, at most 60 000): longest wait for a receiver. */
    timeoutMs: number;
    /** `WEBHOOK_RETRY_BASE_MS` (default 30 000): wait before the second attempt, doubled after each (times 1–2, at most an hour). */
    retryBaseMs: number;
    /** `WEBHOOK_ALLOW_LOOPBACK` (default false): let deliveries reach loopback addresses (development, tests). */
    allowLoopback: boolean;
  };
}

// Ten years: beyond that a grant is no longer time-limited in any sense a reviewer would accept.
const GRANT_MAX_VALIDITY_CEILING = 3653;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

function readPort(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(variable, `must be a port number, got "${raw}"`);
  return port;
}

export function readSubgraphUrls(raw: string | undefined, variable = 'SUBGRAPH_URLS'): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const entry of (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [name, url] = entry.split('=');
    if (!name || !url || !URL.canParse(url)) throw new ConfigError(variable, `must look like "name=http://host:port/graphql,...", got "${entry}"`);
    urls[name.trim()] = url.trim();
  }
  return urls;
}

/** A metrics listener, or none when the port is `0` or `off`: a metrics port is never chosen at random. */
function readMetricsListen(env: NodeJS.ProcessEnv, variable: string, fallback: number): MetricsListen | undefined {
  if (env[variable] === 'off') return undefined;
  const port = readPort(env, variable, fallback);
  return port === 0 ? undefined : { host: env['METRICS_HOST'] || '127.0.0.1', port };
}

function readRedisUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^rediss?:\/\//.test(raw) || !URL.canParse(raw)) throw new ConfigError('REDIS_URL', 'must be a redis:// URL');
  return raw;
}

function readPositiveInteger(env: NodeJS.ProcessEnv, variable: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(variable, `must be a positive integer, got "${raw}"`);
  if (value > max) throw new ConfigError(variable, `must be at most ${max}, got "${raw}"`);
  return value;
}

function readIntegerBetween(env: NodeJS.ProcessEnv, variable: string, fallback: number, min: number, max: number): number {
  const value = readPositiveInteger(env, variable, fallback, max);
  if (value < min) throw new ConfigError(variable, `must be at least ${min}, got "${env[variable] ?? ''}"`);
  return value;
}

function readRegulationProfileSetting(raw: string | undefined): RegulationProfile {
  const reading = loadRegulationProfile(raw);
  if (!reading.ok) throw new ConfigError('REGULATION_PROFILE', `"${raw ?? ''}" is not a usable regulation profile: ${reading.problems.join('; ')}`);
  return reading.profile;
}

function readBoolean(env: NodeJS.ProcessEnv, variable: string, fallback: boolean): boolean {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(variable, `must be true or false, got "${raw}"`);
}

const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

function readOidcUrl(env: NodeJS.ProcessEnv, variable: string): string {
  const raw = env[variable];
  if (!raw) throw new ConfigError(variable, 'must be set when OIDC_ISSUER is set');
  if (!URL.canParse(raw)) throw new ConfigError(variable, `must be a URL, got "${raw}"`);
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url)))
    throw new ConfigError(variable, 'must be https (http only on a loopback host)');
  return raw;
}

function readClaimName(env: NodeJS.ProcessEnv, variable: string, fallback: string): string {
  const raw = env[variable] || fallback;
  if (!/^[\w:./-]{1,128}$/.test(raw)) throw new ConfigError(variable, `must be a claim name, got "${raw}"`);
  return raw;
}

function readOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  if (!env['OIDC_ISSUER']) return undefined;
  const clientId = env['OIDC_CLIENT_ID'];
  const clientSecret = env['OIDC_CLIENT_SECRET'];
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'must be set when OIDC_ISSUER is set');
  if (!clientSecret || clientSecret.length < 16) throw new ConfigError('OIDC_CLIENT_SECRET', 'must be set (at least 16 characters) when OIDC_ISSUER is set');
  const scopes = env['OIDC_SCOPES'] || 'openid profile';
  if (!scopes.split(' ').includes('openid')) throw new ConfigError('OIDC_SCOPES', 'must include openid');
  return Object.freeze({
    issuer: readOidcUrl(env, 'OIDC_ISSUER'),
    clientId,
    clientSecret,
    redirectUri: readOidcUrl(env, 'OIDC_REDIRECT_URI'),
    scopes,
    departmentClaim: readClaimName(env, 'OIDC_DEPARTMENT_CLAIM', 'dept'),
    rolesClaim: readClaimName(env, 'OIDC_ROLES_CLAIM', 'roles'),
    sessionHours: readPositiveInteger(env, 'OIDC_SESSION_HOURS', 8, 24),
  });
}

function readNonNegativeInteger(env: NodeJS.ProcessEnv, variable: string, fallback: number, max: number): number {
  return env[variable] === '0' ? 0 : readPositiveInteger(env, variable, fallback, max);
}

function readDatabaseUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw) || !URL.canParse(raw)) throw new ConfigError('DATABASE_URL', 'must be a postgres:// connection string');
  return raw;
}

/** The local spool of an audit chain, in the data directory. */
export function auditSpoolPath(dataDir: string, chain: string): string {
  return join(dataDir, `audit-spool-${chain.replace(/[^\w.-]/g, '_')}.ndjson`);
}

/** Where records go that the store refused for their content when it cannot take even their quarantine row. */
export function auditQuarantinePath(dataDir: string, chain: string): string {
  return join(dataDir, `audit-quarantine-${chain.replace(/[^\w.-]/g, '_')}.ndjson`);
}

/** Where each chain's checkpoint log (the anchor outside the store) lives: `DATA_DIR/audit`. */
export function auditAnchorDir(dataDir: string): string {
  return join(dataDir, 'audit');
}

/**
 * How the gateway's own process is started wherever it ships (`npm run gateway`, the container image,
 * the Kubernetes manifest; a test checks they agree): an old generation of 768 MiB. V8 then collects
 * the old generation before it grows far past what is live, instead of towards its default of a
 * quarter of the machine's memory; the gateway's container limit is 1.5 GiB (heap limit 960 MiB).
 */
export const GATEWAY_NODE_FLAGS = ['--max-old-space-size=768'] as const;

/**
 * Default share of V8's heap limit (old and young generations) live after a full collection above
 * which requests are shed: with GATEWAY_NODE_FLAGS the limit is 960 MiB (768 old, 192 reserved for the
 * young generation), and 60 % is 576 MiB live, three quarters of the old generation; a healthy gateway
 * holds about 100 MiB live.
 */
export const DEFAULT_SHED_HEAP_USED_PERCENT = 60;

export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): Readonly<GatewayConfig> {
  const undeclared = env['UNDECLARED_FIELDS'] ?? 'deny';
  if (undeclared !== 'deny' && undeclared !== 'unconditional')
    throw new ConfigError('UNDECLARED_FIELDS', `must be "deny" or "unconditional", got "${undeclared}"`);
  const logLevel = env['LOG_LEVEL'] ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  const regulationProfile = readRegulationProfileSetting(env['REGULATION_PROFILE']);
  const dataDir = resolve(env['DATA_DIR'] || '.data');
  return Object.freeze({
    port: readPort(env, 'PORT', 4000),
    host: env['HOST'] || '127.0.0.1',
    dataDir,
    supergraphPath: env['SUPERGRAPH_PATH'] || undefined,
    undeclaredFields: undeclared,
    subgraphUrls: Object.freeze(readSubgraphUrls(env['SUBGRAPH_URLS'])),
    tokenPublicKeyPath: env['TOKEN_PUBLIC_KEY_PATH'] || undefined,
    gatewaySigningKeyPath: env['GATEWAY_SIGNING_KEY_PATH'] || undefined,
    auditSigningKeyPath: env['AUDIT_SIGNING_KEY_PATH'] || undefined,
    subjectHmacKeyPath: env['SUBJECT_HMAC_KEY_PATH'] || undefined,
    auditPublicKeysPath: env['AUDIT_PUBLIC_KEYS_PATH'] || undefined,
    archiveDir: resolve(env['ARCHIVE_DIR'] || join(dataDir, 'audit-archive')),
    logLevel,
    databaseUrl: readDatabaseUrl(env['DATABASE_URL']),
    governancePort: readPort(env, 'GOVERNANCE_PORT', 4100),
    auditChain: env['AUDIT_CHAIN'] || `gateway-${hostname()}-${readPort(env, 'PORT', 4000)}`,
    redisUrl: readRedisUrl(env['REDIS_URL']),
    redisPrefix: env['REDIS_PREFIX'] || 'zhoucun:',
    rateLimits: Object.freeze({
      perDepartment: readPositiveInteger(env, 'RATE_LIMIT_DEPT_PER_MINUTE', 6000),
      perApp: readPositiveInteger(env, 'RATE_LIMIT_APP_PER_MINUTE', 1200),
    }),
    entityBudgetPerMinute: readPositiveInteger(env, 'ENTITY_BUDGET_APP_PER_MINUTE', 6000),
    maxKeysPerRequest: readPositiveInteger(env, 'MAX_KEYS_PER_REQUEST', 100),
    tokenMaxLifetimeSeconds: readPositiveInteger(env, 'TOKEN_MAX_LIFETIME_HOURS', 24) * 3600,
    regulationProfile,
    grantMaxValidityDays: readPositiveInteger(env, 'GRANT_MAX_VALIDITY_DAYS', regulationProfile.grantValidity.maxDays, GRANT_MAX_VALIDITY_CEILING),
    notifications: Object.freeze({
      autoEscalateOverdue: readBoolean(env, 'AUTO_ESCALATE_OVERDUE', false),
      sweepIntervalMs: readPositiveInteger(env, 'NOTIFICATION_SWEEP_INTERVAL_MS', 60_000),
      delivery: Object.freeze({
        maxAttempts: readPositiveInteger(env, 'WEBHOOK_MAX_ATTEMPTS', 10, 30),
        timeoutMs: readPositiveInteger(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 60_000),
        retryBaseMs: readPositiveInteger(env, 'WEBHOOK_RETRY_BASE_MS', 30_000),
        allowLoopback: readBoolean(env, 'WEBHOOK_ALLOW_LOOPBACK', false),
      }),
    }),
    oidc: readOidcConfig(env),
    metrics: readMetricsListen(env, 'METRICS_PORT', 9464),
    subgraphMetrics: readMetricsListen(env, 'SUBGRAPH_METRICS_PORT', 9465),
    drainGraceMs: readNonNegativeInteger(env, 'DRAIN_GRACE_MS', 5_000, 300_000),
    drainTimeoutMs: readPositiveInteger(env, 'DRAIN_TIMEOUT_MS', 30_000, 600_000),
    shedHeapUsedPercent: readIntegerBetween(env, 'SHED_HEAP_USED_PERCENT', DEFAULT_SHED_HEAP_USED_PERCENT, 20, 95),
    subgraphGuard: Object.freeze({
      timeoutMs: readPositiveInteger(env, 'SUBGRAPH_TIMEOUT_MS', DEFAULT_SUBGRAPH_GUARD.timeoutMs, 120_000),
      failures: readPositiveInteger(env, 'SUBGRAPH_BREAKER_FAILURES', DEFAULT_SUBGRAPH_GUARD.failures, 1_000),
      halfOpenAfterMs: readPositiveInteger(env, 'SUBGRAPH_BREAKER_HALF_OPEN_MS', DEFAULT_SUBGRAPH_GUARD.halfOpenAfterMs, 600_000),
    }),
    freshnessReadIntervalSeconds: readIntegerBetween(env, 'FRESHNESS_READ_INTERVAL_SECONDS', 900, 60, 86_400),
    resolverCacheMaxTtlSeconds: readPositiveInteger(env, 'RESOLVER_CACHE_MAX_TTL_SECONDS', 3600, 86_400),
  });
}
