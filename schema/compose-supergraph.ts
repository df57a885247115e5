/**
 * Composes the department subgraphs into the supergraph between the publish checks: a subgraph that
 * breaks a share rule, a set that does not compose, or a composed supergraph whose share declarations
 * contradict each other is refused with every problem named.
 */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { buildSubgraphSdl } from './build-subgraph-sdl.ts';
import { expandShareDefaults } from './expand-share-defaults.ts';
import { checkSubgraph } from './publish-checks/check-subgraph.ts';
import { checkSupergraph } from './publish-checks/check-supergraph.ts';
import type { PublishViolation } from './publish-checks/publish-check-context.ts';

export interface SubgraphSource {
  name: string;
  url: string;
  /** The department's own type definitions (without the federation header). */
  typeDefs: string;
}

/** Composition refused; `message` lists every problem, one per line. */
export class SupergraphRejectedError extends Error {
  readonly violations: readonly PublishViolation[];
  readonly compositionErrors: readonly string[];
  constructor(violations: readonly PublishViolation[], compositionErrors: readonly string[]) {
    const lines = [...violations.map((v) => `  [${v.subgraph}] ${v.coordinate} ${v.message}`), ...compositionErrors.map((message) => `  ${message}`)];
    super(`The supergraph cannot be composed:\n${lines.join('\n')}`);
    this.name = 'SupergraphRejectedError';
    this.violations = violations;
    this.compositionErrors = compositionErrors;
  }
}

export function composeSupergraph(subgraphs: readonly SubgraphSource[]): string {
  const violations: PublishViolation[] = [];
  const services = subgraphs.map((subgraph) => {
    let document;
    try {
      document = parse(buildSubgraphSdl(subgraph.typeDefs));
    } catch (error) {
      violations.push({ subgraph: subgraph.name, coordinate: '(schema)', message: `does not parse: ${(error as Error).message}` });
      return undefined;
    }
    violations.push(...checkSubgraph(subgraph.name, document));
    return { name: subgraph.name, url: subgraph.url, typeDefs: expandShareDefaults(document) };
  });
  if (violations.length > 0) throw new SupergraphRejectedError(violations, []);

  const result = composeServices(services.filter((service) => service !== undefined));
  if (result.errors) {
    throw new SupergraphRejectedError(
      [],
      result.errors.map((error) => error.message),
    );
  }
  const contradictions = checkSupergraph(result.supergraphSdl);
  if (contradictions.length > 0) throw new SupergraphRejectedError(contradictions, []);
  return result.supergraphSdl;
}
