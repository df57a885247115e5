/**
 * The share directive spec: how a provider department declares, in its own subgraph SDL, the
 * share type of every data item (art. 10) and the legal basis of a non-shared one (art. 11(1)).
 * `@composeDirective` carries it through composition into the supergraph, where the gateway reads it.
 */

import { UPDATE_CYCLES } from '../policies/freshness.ts';
import { MASK_KINDS, PURPOSES, SHARE_TYPES } from '../policies/types.ts';

const SHARE_SPEC_URL = 'https://zhoucun.gov.cn/share/v1.0';

/** Resource classification of the national catalog guide (基础 / 主题 / 部门). */
const RESOURCE_CLASSES = ['BASE', 'THEMATIC', 'DEPARTMENTAL'] as const;
export type ResourceClass = (typeof RESOURCE_CLASSES)[number];

/**
 * Definitions every subgraph includes verbatim (composition requires identical definitions of a
 * composed directive in each subgraph that uses it).
 *
 * - `type`: the share type of the data item.
 * - `basis`: the law, regulation or policy a `NONE` item rests on (mandatory for `NONE`).
 * - `condition`: the share condition (共享条件) in words, shown in the catalog.
 * - `resource`: on an OBJECT, the resource classification; `BASE` makes its key fields subject to art. 11(2).
 * - `mask`: by purpose, the mask every consumer but the provider receives the item under
 *   (`mask: { WORK_REFERENCE: ADDRESS_TO_SUBDISTRICT }`); the kind must fit the field's type (art. 23).
 * - `updateCycle`: how often the provider brings the data up to date (art. 14); mandatory on a type
 *   that declares `resource`, and on an item of no such type; WORKDAY counts working days.
 */
export const SHARE_DIRECTIVE_SDL = `
enum ShareType { ${SHARE_TYPES.join(' ')} }
enum ResourceClass { ${RESOURCE_CLASSES.join(' ')} }
enum MaskKind { ${MASK_KINDS.join(' ')} }
enum UpdateCycle { ${UPDATE_CYCLES.join(' ')} }
input ShareMasks { ${PURPOSES.map((purpose) => `${purpose}: MaskKind`).join(' ')} }
directive @share(type: ShareType!, basis: String, condition: String, resource: ResourceClass, mask: ShareMasks, updateCycle: UpdateCycle) on OBJECT | FIELD_DEFINITION
`;

/** The `extend schema` header of a department subgraph: Federation 2 plus the share spec. */
export const SUBGRAPH_SCHEMA_HEADER = `
extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@composeDirective"])
  @link(url: "${SHARE_SPEC_URL}", import: ["@share"])
  @composeDirective(name: "@share")
`;
