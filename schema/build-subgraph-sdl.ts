/** The full SDL a department subgraph publishes: Federation 2 header, share spec, shared scalars, its own types. */
import { SHARED_SCALARS_SDL } from './scalars/index.ts';
import { SHARE_DIRECTIVE_SDL, SUBGRAPH_SCHEMA_HEADER } from './share-spec.ts';

export function buildSubgraphSdl(departmentTypeDefs: string): string {
  return [SUBGRAPH_SCHEMA_HEADER, SHARE_DIRECTIVE_SDL, SHARED_SCALARS_SDL, departmentTypeDefs].join('\n');
}
