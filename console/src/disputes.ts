/** The data-dispute fields the pages show (周政发〔2018〕6号 art. 16): reported doubtful values and the provider's answer. */
import { graphql } from './gql/index.ts';
import type { DisputesQuery } from './gql/graphql.ts';

export type Dispute = DisputesQuery['disputes'][number];

export const DISPUTES_QUERY = graphql(`
  query Disputes {
    disputes {
      id
      field
      entityKey
      description
      evidence
      status
      reportingDepartment
      provider
      reportedAt
      dueDate
      dueDateProvisional
      overdue
      answeredAt
      answer
      outcome
    }
  }
`);

export const DISPUTE_OUTCOMES: Readonly<Record<string, { zh: string; en: string }>> = {
  CONFIRMED: { zh: '经核实无误', en: 'Checked: the value is right' },
  CORRECTED: { zh: '已在源头更正', en: 'Corrected at the source' },
};
