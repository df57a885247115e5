/**
 * The visibility scope (`policies/governance/visibility-scope.ts`) as a where-clause: a listing
 * returns exactly the rows `isInScope` would accept one by one, because both read the same scope.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Side, VisibilityScope } from '../../policies/governance/visibility-scope.ts';
import type { Database } from '../../platform/store/tables.ts';

type SidedTable = 'access_requests' | 'disputes';

/** The column holding each side's department, per table. */
const SIDE_COLUMNS = {
  access_requests: { requestingDept: 'requesting_dept', provider: 'provider' },
  disputes: { requestingDept: 'reporting_dept', provider: 'provider' },
} as const satisfies Record<SidedTable, Record<Side, string>>;

export function whereVisible<T extends SidedTable>(table: T, scope: VisibilityScope) {
  return (eb: ExpressionBuilder<Database, T>): Expression<SqlBool> => {
    if (scope.kind === 'all') return sql<SqlBool>`true`;
    const columns: Record<Side, string> = SIDE_COLUMNS[table];
    return eb.or(scope.sides.map((side) => eb(sql.ref<string>(columns[side]), '=', scope.dept)));
  };
}
