/** Every department subgraph of the district, in start order, with the port it listens on in the demo (DESIGN.md: 4101…). */
import { approval } from './approval/plugin.ts';
import { civilAffairs } from './civil-affairs/plugin.ts';
import { humanResources } from './human-resources/plugin.ts';
import { marketRegulation } from './market-regulation/plugin.ts';
import { naturalResources } from './natural-resources/plugin.ts';
import { publicSecurity } from './public-security/plugin.ts';
import type { DepartmentCode, DepartmentDefinition } from './shared/department.ts';

export interface RegisteredSubgraph {
  name: DepartmentCode;
  /** Store and loader types differ per department; only the platform's launcher handles them all. */
  definition: DepartmentDefinition<unknown, unknown>;
  defaultPort: number;
}

function register<Store, Loaders>(definition: DepartmentDefinition<Store, Loaders>, defaultPort: number): RegisteredSubgraph {
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
