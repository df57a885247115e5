/** The evaluation report and rectification notices (README "Evaluation report", 周政发〔2018〕6号 art. 17, 22). */
import { graphql } from '../../gql/index.ts';
import type { EvaluationReportQuery, RectificationNoticesQuery } from '../../gql/graphql.ts';

export const EVALUATION_REPORT_QUERY = graphql(`
  query EvaluationReport($department: String!, $from: Date!, $to: Date!) {
    evaluationReport(department: $department, from: $from, to: $to) {
      department
      from
      to
      generatedAt
      catalog {
        items
        complete
        incomplete {
          coordinate
          missing
        }
        reviewOverdue
        overdueItems
      }
      requests {
        received
        answered
        medianAnswerWorkingDays
        maxAnswerWorkingDays
        overdue
      }
      disputes {
        received
        answered
        answeredOnTime
        overdue
      }
      usage {
        records
        byConsumer {
          key
          records
        }
        byPurpose {
          key
          records
        }
        byItem {
          key
          records
        }
      }
      service {
        calls
        failures
        availability
        meanLatencyMs
        maxLatencyMs
      }
      rollUp {
        incomplete
        pendingDays
        rolledUpTo
        rolledNow
      }
      freshness {
        resources {
          resource
          updateCycle
          freshDays
          staleDays
          unknownDays
          freshShare
          longestStaleDays
        }
      }
      violations {
        kind
        clause
        count
        examples
      }
      notDetected {
        kind
        clause
        why
      }
    }
  }
`);

export const RECTIFICATION_NOTICES_QUERY = graphql(`
  query RectificationNotices($department: String, $status: RectificationStatus) {
    rectificationNotices(department: $department, status: $status) {
      id
      department
      kind
      examples
      text
      issuedBy
      issuedAt
      workingDays
      dueDate
      status
      overdue
      recordedBy
      recordedAt
      actionTaken
    }
  }
`);

export const ISSUE_RECTIFICATION_NOTICE = graphql(`
  mutation IssueRectificationNotice($department: String!, $kind: ViolationKind!, $examples: [String!], $text: String!, $workingDays: Int) {
    issueRectificationNotice(department: $department, kind: $kind, examples: $examples, text: $text, workingDays: $workingDays) {
      id
      dueDate
      status
    }
  }
`);

export const RECORD_RECTIFICATION = graphql(`
  mutation RecordRectification($id: ID!, $action: String!) {
    recordRectification(id: $id, action: $action) {
      id
      status
      actionTaken
    }
  }
`);

export type EvaluationReport = EvaluationReportQuery['evaluationReport'];
export type Violation = EvaluationReport['violations'][number];
export type ResourceFreshness = EvaluationReport['freshness']['resources'][number];
export type RectificationNotice = RectificationNoticesQuery['rectificationNotices'][number];

/** Art. 22's cases as the report detects them, in the words of the XLSX export. */
export const VIOLATION_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  CATALOG_INCOMPLETE: { zh: '目录要素不全', en: 'Catalog entry incomplete' },
  CATALOG_NOT_UPDATED: { zh: '目录未及时更新', en: 'Catalog not updated in time' },
  REQUEST_ANSWERED_LATE: { zh: '共享申请超期答复', en: 'Request answered late' },
  REQUEST_UNANSWERED: { zh: '共享申请超期未答复', en: 'Request unanswered past due' },
  DISPUTE_ANSWERED_LATE: { zh: '数据异议超期答复', en: 'Dispute answered late' },
  DISPUTE_UNANSWERED: { zh: '数据异议超期未答复', en: 'Dispute unanswered past due' },
  DATA_NOT_UPDATED: { zh: '未及时更新数据', en: 'Data not updated in time' },
  SUBGRAPH_UNAVAILABLE: { zh: '共享服务可用性不足', en: 'Service availability below 99 %' },
  USE_BEYOND_GRANT_ATTEMPTED: { zh: '超出授权调用（已拦截）', en: 'Use beyond grants attempted (refused)' },
};

/** The catalog elements of art. 8/10 a report may find missing, in the catalog page's words. */
export const CATALOG_ELEMENT_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  abstract: { zh: '摘要', en: 'abstract' },
  classification: { zh: '资源分类', en: 'classification' },
  format: { zh: '信息项格式', en: 'format' },
  shareType: { zh: '共享类型', en: 'share type' },
  shareCondition: { zh: '共享条件', en: 'share condition' },
  basis: { zh: '依据', en: 'basis' },
  shareMethod: { zh: '共享方式', en: 'share method' },
  openToPublic: { zh: '开放属性', en: 'open to the public' },
  updateCycle: { zh: '更新周期', en: 'update cycle' },
};

/** What the platform rules out or cannot see (the API says why in English; these are the zh-CN texts). */
export const NOT_DETECTED_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  REFUSAL_WITHOUT_REASON: {
    zh: '不予共享未说明理由：平台不接受无理由的不予共享答复，不可能发生',
    en: 'Refusal without a reason: impossible, a refusal needs one',
  },
  USE_BEYOND_PURPOSE: {
    zh: '超出用途使用：每次调用须声明用途，仅在该用途的有效授权内提供；尝试记为“超出授权调用”',
    en: 'Use beyond purpose: every call names its purpose and is served only within a live grant for it',
  },
  DATA_INCONSISTENT: {
    zh: '数据与本部门掌握信息不一致：仅能通过数据疑义（第十六条）发现',
    en: 'Data inconsistent with own records: seen only through disputes',
  },
  LEAK_OUTSIDE_PLATFORM: { zh: '平台外的滥用或泄露：平台无法看到使用部门获取数据后的处理', en: 'Misuse outside the platform: not visible here' },
};

export const RECTIFICATION_STATUSES: Readonly<Record<string, { zh: string; en: string; color: string }>> = {
  OPEN: { zh: '整改中', en: 'Open', color: 'processing' },
  RECORDED: { zh: '已记录整改', en: 'Recorded', color: 'success' },
  OVERDUE: { zh: '逾期未整改', en: 'Overdue', color: 'error' },
};
