/**
 * The store's queries as spans of the traced work that runs them: a Kysely dialect around the real one
 * (pg or PGlite) whose connections run each statement in a `db.query` client span, child of the active
 * span (a consumer request's, a subgraph's), with `db.system` `postgresql` and the statement as Kysely
 * compiled it: placeholders (`$1`), never the parameter values, so no citizen id or record reaches a
 * collector. Queries outside any trace (schedulers, grant refreshes, start-up) start no trace of
 * their own. An audit group commit shows in the trace of the request whose record started it.
 *
 * One wrapper at Kysely's driver rather than @opentelemetry/instrumentation-pg: PGlite is not pg, and
 * both stores then give the same spans; nor does it depend on hooking `pg` before an ES module loads it.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { AbortableOperationOptions, CompiledQuery, DatabaseConnection, Dialect, Driver } from 'kysely';

const tracer = trace.getTracer('zhoucun');
/** Long enough for any statement the platform writes; a batch insert's placeholder list is cut there. */
const STATEMENT_MAX_CHARS = 4096;

/** `dialect`, with every query traced as `db.query` while a trace is active. */
export function traceQueries(dialect: Dialect): Dialect {
  return {
    createDriver: () => traceDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  };
}

function traceDriver(driver: Driver): Driver {
  const traced = new WeakSet<DatabaseConnection>();
  const acquire = driver.acquireConnection.bind(driver);
  // As Kysely adds its own query logging: on each connection once, the first time it is handed out.
  driver.acquireConnection = async (options) => {
    const connection = await acquire(options);
    if (!traced.has(connection)) {
      traced.add(connection);
      traceConnection(connection);
    }
    return connection;
  };
  return driver;
}

function traceConnection(connection: DatabaseConnection): void {
  const execute = connection.executeQuery.bind(connection);
  connection.executeQuery = <R>(query: CompiledQuery, options?: AbortableOperationOptions) => {
    if (!trace.getSpan(context.active())?.isRecording()) return execute<R>(query, options);
    const attributes = {
      'db.system': 'postgresql',
      'db.system.name': 'postgresql',
      'db.query.text': query.sql.length > STATEMENT_MAX_CHARS ? `${query.sql.slice(0, STATEMENT_MAX_CHARS)}…` : query.sql,
    };
    return tracer.startActiveSpan('db.query', { kind: SpanKind.CLIENT, attributes }, async (span) => {
      try {
        return await execute<R>(query, options);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    });
  };
}
