/** Every department subgraph of the district, in start order, with the port it listens on in the demo (README, Demo data: 4101…). */
import { approval } from './approval/definition.ts';
import { civilAffairs } from './civil-affairs/definition.ts';
import { humanResources } from './human-resources/definition.ts';
import { marketRegulation } from './market-regulation/definition.ts';
import { naturalResources } from './natural-resources/definition.ts';
import { publicSecurity } from './public-security/definition.ts';
import type { DepartmentCode } from '../platform/departments.ts';
import type { DepartmentDefinition } from './shared/department.ts';

export interface RegisteredSubgraph {
  name: DepartmentCode;
  /** Backend and loader types differ per department; only the platform's launcher handles them all. */
  definition: DepartmentDefinition<unknown, unknown>;
  defaultPort: number;
}

function register<Backend, Loaders>(definition: DepartmentDefinition<Backend, Loaders>, defaultPort: number): RegisteredSubgraph {
  return { name: definition.name, definition, defaultPort };
}

export const SUBGRAPHS: readonly RegisteredSubgraph[] = [
  register(publicSecurity, 4101),
  register(marketRegulation, 4102),
  register(humanResources, 4103),
  register(approval, 4104),
  register(naturalResources, 4105),
  register(civilAffairs, 4106),
];
