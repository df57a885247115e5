/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query RegulationProfile {\n    regulationProfile {\n      name\n      title\n      complianceCheckWorkingDays\n      providerAnswerWorkingDays\n      negotiationWorkingDays\n      escalation\n      disputeAnswerWorkingDays\n      catalogReviewWorkingDays\n      grantDefaultValidityDays\n      grantMaxValidityDays\n    }\n  }\n": typeof types.RegulationProfileDocument,
    "\n  query WorkingCalendar($year: Int!) {\n    workingCalendar(year: $year) {\n      year\n      source\n      holidays\n      workdays\n    }\n  }\n": typeof types.WorkingCalendarDocument,
    "\n  query Disputes {\n    disputes {\n      id\n      field\n      entityKey\n      description\n      evidence\n      status\n      reportingDepartment\n      provider\n      reportedAt\n      dueDate\n      dueDateProvisional\n      overdue\n      answeredAt\n      answer\n      outcome\n    }\n  }\n": typeof types.DisputesDocument,
    "\n  query Catalog {\n    catalog {\n      coordinate\n      resource\n      field\n      provider\n      providerCode\n      resourceCode\n      shareType\n      shareCondition\n      basis\n      classification\n      abstract\n      format\n      shareMethod\n      openToPublic\n      updateCycle\n      publishedOn\n      relatedResources\n    }\n  }\n": typeof types.CatalogDocument,
    "\n  mutation Apply($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n      dueDate\n      dueDateProvisional\n    }\n  }\n": typeof types.ApplyDocument,
    "\n  mutation Decide($id: ID!, $approve: Boolean!, $reason: String, $fields: [String!], $validUntil: Date, $condition: [RowConditionInput!]) {\n    decideAccessRequest(id: $id, approve: $approve, reason: $reason, fields: $fields, validUntil: $validUntil, condition: $condition) {\n      ...AccessRequestFields\n    }\n  }\n": typeof types.DecideDocument,
    "\n  mutation Revoke($id: ID!, $reason: String!) {\n    revokeGrant(id: $id, reason: $reason) {\n      id\n      live\n    }\n  }\n": typeof types.RevokeDocument,
    "\n  mutation AnswerDispute($id: ID!, $answer: String!, $outcome: DisputeOutcome!) {\n    answerDispute(id: $id, answer: $answer, outcome: $outcome) {\n      id\n    }\n  }\n": typeof types.AnswerDisputeDocument,
    "\n  query ConditionAttributes($provider: String) {\n    catalog(provider: $provider, shareType: UNCONDITIONAL) {\n      coordinate\n    }\n    rootFields: catalog(resource: \"Query\") {\n      coordinate\n    }\n    unconditional: catalog(shareType: UNCONDITIONAL) {\n      coordinate\n    }\n  }\n": typeof types.ConditionAttributesDocument,
    "\n  query MyGrants {\n    myGrants(includeInactive: true) {\n      id\n      kind\n      field\n      purpose\n      action\n      validUntil\n      live\n      revokedAt\n      revokeReason\n      basis\n      condition {\n        kind\n        attribute\n        anyOf\n      }\n    }\n  }\n": typeof types.MyGrantsDocument,
    "\n  mutation Escalate($id: ID!, $reason: String!) {\n    escalateAccessRequest(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.EscalateDocument,
    "\n  mutation NegotiationFailed($id: ID!, $text: String!) {\n    recordNegotiation(id: $id, outcome: FAILED, text: $text) {\n      id\n      status\n    }\n  }\n": typeof types.NegotiationFailedDocument,
    "\n  mutation Dispute($input: DisputeInput!) {\n    reportDispute(input: $input) {\n      id\n      dueDate\n      dueDateProvisional\n    }\n  }\n": typeof types.DisputeDocument,
    "\n  query Departments {\n    departments {\n      code\n      name\n      orgCode\n      administrators\n    }\n  }\n": typeof types.DepartmentsDocument,
    "\n  mutation Exception($input: ExceptionInput!) {\n    grantException(input: $input) {\n      id\n    }\n  }\n": typeof types.ExceptionDocument,
    "\n  mutation Close($id: ID!, $reason: String!) {\n    closeEscalation(id: $id, reason: $reason) {\n      id\n    }\n  }\n": typeof types.CloseDocument,
    "\n  mutation Appoint($department: String!, $user: String!, $reason: String!) {\n    appointSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n": typeof types.AppointDocument,
    "\n  mutation Remove($department: String!, $user: String!, $reason: String!) {\n    removeSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n": typeof types.RemoveDocument,
    "\n  query Audit($filter: AuditFilter, $after: String) {\n    auditRecords(filter: $filter, first: 20, after: $after) {\n      records {\n        id\n        at\n        app\n        department\n        purpose\n        matter\n        granted\n        denied\n        outcome\n        code\n      }\n      nextCursor\n    }\n  }\n": typeof types.AuditDocument,
    "\n  query Usage($from: String!, $to: String!, $groupBy: [UsageDimension!]!) {\n    dataUsage(from: $from, to: $to, groupBy: $groupBy) {\n      consumer\n      provider\n      field\n      purpose\n      requests\n    }\n  }\n": typeof types.UsageDocument,
    "\n  query PolicySimulation($change: PolicyChangeInput!, $days: Int!) {\n    simulatePolicyChange(change: $change, days: $days) {\n      from\n      to\n      replayed\n      requests\n      cap\n      capped\n      unreadable\n      gains {\n        ...PolicyEffectFields\n      }\n      losses {\n        ...PolicyEffectFields\n      }\n      operations {\n        department\n        operationName\n        requests\n        gained\n        lost\n      }\n    }\n  }\n": typeof types.PolicySimulationDocument,
    "\n  fragment PolicyEffectFields on PolicyEffect {\n    department\n    purpose\n    item\n    before\n    after\n    operations\n    requests\n    apps\n    lastSeen\n    examples {\n      operationName\n      documentHash\n    }\n  }\n": typeof types.PolicyEffectFieldsFragmentDoc,
    "\n  query DryRunCatalog($provider: String) {\n    catalog(provider: $provider) {\n      coordinate\n      provider\n      shareType\n    }\n    rootFields: catalog(resource: \"Query\") {\n      coordinate\n    }\n    unconditional: catalog(shareType: UNCONDITIONAL) {\n      coordinate\n    }\n  }\n": typeof types.DryRunCatalogDocument,
    "\n  query DryRunGrants {\n    myGrants {\n      id\n      department\n      field\n      purpose\n      action\n      validUntil\n    }\n  }\n": typeof types.DryRunGrantsDocument,
    "\n  query EvaluationReport($department: String!, $from: Date!, $to: Date!) {\n    evaluationReport(department: $department, from: $from, to: $to) {\n      department\n      from\n      to\n      generatedAt\n      catalog {\n        items\n        complete\n        incomplete {\n          coordinate\n          missing\n        }\n        reviewOverdue\n        overdueItems\n      }\n      requests {\n        received\n        answered\n        medianAnswerWorkingDays\n        maxAnswerWorkingDays\n        overdue\n      }\n      disputes {\n        received\n        answered\n        answeredOnTime\n        overdue\n      }\n      usage {\n        records\n        byConsumer {\n          key\n          records\n        }\n        byPurpose {\n          key\n          records\n        }\n        byItem {\n          key\n          records\n        }\n      }\n      service {\n        calls\n        failures\n        availability\n        meanLatencyMs\n        maxLatencyMs\n      }\n      rollUp {\n        incomplete\n        pendingDays\n        rolledUpTo\n        rolledNow\n      }\n      freshness {\n        resources {\n          resource\n          updateCycle\n          freshDays\n          staleDays\n          unknownDays\n          freshShare\n          longestStaleDays\n        }\n      }\n      violations {\n        kind\n        clause\n        count\n        examples\n      }\n      notDetected {\n        kind\n        clause\n        why\n      }\n    }\n  }\n": typeof types.EvaluationReportDocument,
    "\n  query RectificationNotices($department: String, $status: RectificationStatus) {\n    rectificationNotices(department: $department, status: $status) {\n      id\n      department\n      kind\n      examples\n      text\n      issuedBy\n      issuedAt\n      workingDays\n      dueDate\n      status\n      overdue\n      recordedBy\n      recordedAt\n      actionTaken\n    }\n  }\n": typeof types.RectificationNoticesDocument,
    "\n  mutation IssueRectificationNotice($department: String!, $kind: ViolationKind!, $examples: [String!], $text: String!, $workingDays: Int) {\n    issueRectificationNotice(department: $department, kind: $kind, examples: $examples, text: $text, workingDays: $workingDays) {\n      id\n      dueDate\n      status\n    }\n  }\n": typeof types.IssueRectificationNoticeDocument,
    "\n  mutation RecordRectification($id: ID!, $action: String!) {\n    recordRectification(id: $id, action: $action) {\n      id\n      status\n      actionTaken\n    }\n  }\n": typeof types.RecordRectificationDocument,
    "\n  query Notifications($unreadOnly: Boolean, $first: Int, $after: String) {\n    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {\n      unread\n      nextCursor\n      notifications {\n        id\n        eventId\n        kind\n        at\n        role\n        read\n        readAt\n        subject {\n          kind\n          id\n          text\n        }\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  query UnreadNotifications {\n    notifications(unreadOnly: true, first: 1) {\n      unread\n    }\n  }\n": typeof types.UnreadNotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query AuditIntegrity {\n    auditIntegrity {\n      verifiedAt\n      verifiedBy\n      stale\n      ok\n      chains\n      records\n      checkpoints\n      anchored\n      quarantined\n      problem\n      problemCount\n      lastCheckpoints {\n        chain\n        seq\n        at\n        keyId\n      }\n    }\n  }\n": typeof types.AuditIntegrityDocument,
    "\n  query CatalogReview {\n    catalog {\n      coordinate\n      provider\n      shareType\n      abstract\n      classification\n      updateCycle\n      shareCondition\n      publishedOn\n      changedOn\n      reviewStatus\n      reviewDueDate\n      reviewDueDateProvisional\n      reviewOverdue\n    }\n  }\n": typeof types.CatalogReviewDocument,
    "\n  mutation Review($coordinate: String!, $override: CatalogOverrideInput!, $reason: String!) {\n    reviewCatalogItem(coordinate: $coordinate, override: $override, reason: $reason) {\n      coordinate\n      reviewStatus\n    }\n  }\n": typeof types.ReviewDocument,
    "\n  query Webhooks {\n    webhooks {\n      department\n      url\n      registeredBy\n      registeredAt\n      secretRotatedAt\n      removedAt\n    }\n  }\n": typeof types.WebhooksDocument,
    "\n  query WebhookDeliveries($department: String, $first: Int, $after: String) {\n    webhookDeliveries(department: $department, first: $first, after: $after) {\n      nextCursor\n      deliveries {\n        id\n        eventId\n        kind\n        status\n        attempts\n        lastError\n        lastAttemptAt\n        nextAttemptAt\n        deliveredAt\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesDocument,
    "\n  mutation RegisterWebhook($department: String!, $url: String!) {\n    registerWebhook(department: $department, url: $url) {\n      secret\n      webhook {\n        department\n        url\n        registeredAt\n      }\n    }\n  }\n": typeof types.RegisterWebhookDocument,
    "\n  mutation RotateWebhookSecret($department: String!) {\n    rotateWebhookSecret(department: $department) {\n      secret\n      webhook {\n        department\n        secretRotatedAt\n      }\n    }\n  }\n": typeof types.RotateWebhookSecretDocument,
    "\n  mutation RemoveWebhook($department: String!) {\n    removeWebhook(department: $department) {\n      department\n      removedAt\n    }\n  }\n": typeof types.RemoveWebhookDocument,
    "\n  fragment AccessRequestFields on AccessRequest {\n    id\n    status\n    fields\n    purpose\n    action\n    matter\n    justification\n    requestingDepartment\n    provider\n    submittedAt\n    dueDate\n    dueDateProvisional\n    overdue\n    wantedUntil\n    decidedAt\n    decidedBy\n    reason\n    grantedFields\n    grantedUntil\n    escalatedAt\n    escalationReason\n    grants {\n      id\n      field\n      live\n      validUntil\n      condition {\n        kind\n        attribute\n        anyOf\n      }\n    }\n  }\n": typeof types.AccessRequestFieldsFragmentDoc,
    "\n  query Requests($status: AccessRequestStatus) {\n    accessRequests(status: $status) {\n      ...AccessRequestFields\n    }\n  }\n": typeof types.RequestsDocument,
};
const documents: Documents = {
    "\n  query RegulationProfile {\n    regulationProfile {\n      name\n      title\n      complianceCheckWorkingDays\n      providerAnswerWorkingDays\n      negotiationWorkingDays\n      escalation\n      disputeAnswerWorkingDays\n      catalogReviewWorkingDays\n      grantDefaultValidityDays\n      grantMaxValidityDays\n    }\n  }\n": types.RegulationProfileDocument,
    "\n  query WorkingCalendar($year: Int!) {\n    workingCalendar(year: $year) {\n      year\n      source\n      holidays\n      workdays\n    }\n  }\n": types.WorkingCalendarDocument,
    "\n  query Disputes {\n    disputes {\n      id\n      field\n      entityKey\n      description\n      evidence\n      status\n      reportingDepartment\n      provider\n      reportedAt\n      dueDate\n      dueDateProvisional\n      overdue\n      answeredAt\n      answer\n      outcome\n    }\n  }\n": types.DisputesDocument,
    "\n  query Catalog {\n    catalog {\n      coordinate\n      resource\n      field\n      provider\n      providerCode\n      resourceCode\n      shareType\n      shareCondition\n      basis\n      classification\n      abstract\n      format\n      shareMethod\n      openToPublic\n      updateCycle\n      publishedOn\n      relatedResources\n    }\n  }\n": types.CatalogDocument,
    "\n  mutation Apply($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n      dueDate\n      dueDateProvisional\n    }\n  }\n": types.ApplyDocument,
    "\n  mutation Decide($id: ID!, $approve: Boolean!, $reason: String, $fields: [String!], $validUntil: Date, $condition: [RowConditionInput!]) {\n    decideAccessRequest(id: $id, approve: $approve, reason: $reason, fields: $fields, validUntil: $validUntil, condition: $condition) {\n      ...AccessRequestFields\n    }\n  }\n": types.DecideDocument,
    "\n  mutation Revoke($id: ID!, $reason: String!) {\n    revokeGrant(id: $id, reason: $reason) {\n      id\n      live\n    }\n  }\n": types.RevokeDocument,
    "\n  mutation AnswerDispute($id: ID!, $answer: String!, $outcome: DisputeOutcome!) {\n    answerDispute(id: $id, answer: $answer, outcome: $outcome) {\n      id\n    }\n  }\n": types.AnswerDisputeDocument,
    "\n  query ConditionAttributes($provider: String) {\n    catalog(provider: $provider, shareType: UNCONDITIONAL) {\n      coordinate\n    }\n    rootFields: catalog(resource: \"Query\") {\n      coordinate\n    }\n    unconditional: catalog(shareType: UNCONDITIONAL) {\n      coordinate\n    }\n  }\n": types.ConditionAttributesDocument,
    "\n  query MyGrants {\n    myGrants(includeInactive: true) {\n      id\n      kind\n      field\n      purpose\n      action\n      validUntil\n      live\n      revokedAt\n      revokeReason\n      basis\n      condition {\n        kind\n        attribute\n        anyOf\n      }\n    }\n  }\n": types.MyGrantsDocument,
    "\n  mutation Escalate($id: ID!, $reason: String!) {\n    escalateAccessRequest(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.EscalateDocument,
    "\n  mutation NegotiationFailed($id: ID!, $text: String!) {\n    recordNegotiation(id: $id, outcome: FAILED, text: $text) {\n      id\n      status\n    }\n  }\n": types.NegotiationFailedDocument,
    "\n  mutation Dispute($input: DisputeInput!) {\n    reportDispute(input: $input) {\n      id\n      dueDate\n      dueDateProvisional\n    }\n  }\n": types.DisputeDocument,
    "\n  query Departments {\n    departments {\n      code\n      name\n      orgCode\n      administrators\n    }\n  }\n": types.DepartmentsDocument,
    "\n  mutation Exception($input: ExceptionInput!) {\n    grantException(input: $input) {\n      id\n    }\n  }\n": types.ExceptionDocument,
    "\n  mutation Close($id: ID!, $reason: String!) {\n    closeEscalation(id: $id, reason: $reason) {\n      id\n    }\n  }\n": types.CloseDocument,
    "\n  mutation Appoint($department: String!, $user: String!, $reason: String!) {\n    appointSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n": types.AppointDocument,
    "\n  mutation Remove($department: String!, $user: String!, $reason: String!) {\n    removeSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n": types.RemoveDocument,
    "\n  query Audit($filter: AuditFilter, $after: String) {\n    auditRecords(filter: $filter, first: 20, after: $after) {\n      records {\n        id\n        at\n        app\n        department\n        purpose\n        matter\n        granted\n        denied\n        outcome\n        code\n      }\n      nextCursor\n    }\n  }\n": types.AuditDocument,
    "\n  query Usage($from: String!, $to: String!, $groupBy: [UsageDimension!]!) {\n    dataUsage(from: $from, to: $to, groupBy: $groupBy) {\n      consumer\n      provider\n      field\n      purpose\n      requests\n    }\n  }\n": types.UsageDocument,
    "\n  query PolicySimulation($change: PolicyChangeInput!, $days: Int!) {\n    simulatePolicyChange(change: $change, days: $days) {\n      from\n      to\n      replayed\n      requests\n      cap\n      capped\n      unreadable\n      gains {\n        ...PolicyEffectFields\n      }\n      losses {\n        ...PolicyEffectFields\n      }\n      operations {\n        department\n        operationName\n        requests\n        gained\n        lost\n      }\n    }\n  }\n": types.PolicySimulationDocument,
    "\n  fragment PolicyEffectFields on PolicyEffect {\n    department\n    purpose\n    item\n    before\n    after\n    operations\n    requests\n    apps\n    lastSeen\n    examples {\n      operationName\n      documentHash\n    }\n  }\n": types.PolicyEffectFieldsFragmentDoc,
    "\n  query DryRunCatalog($provider: String) {\n    catalog(provider: $provider) {\n      coordinate\n      provider\n      shareType\n    }\n    rootFields: catalog(resource: \"Query\") {\n      coordinate\n    }\n    unconditional: catalog(shareType: UNCONDITIONAL) {\n      coordinate\n    }\n  }\n": types.DryRunCatalogDocument,
    "\n  query DryRunGrants {\n    myGrants {\n      id\n      department\n      field\n      purpose\n      action\n      validUntil\n    }\n  }\n": types.DryRunGrantsDocument,
    "\n  query EvaluationReport($department: String!, $from: Date!, $to: Date!) {\n    evaluationReport(department: $department, from: $from, to: $to) {\n      department\n      from\n      to\n      generatedAt\n      catalog {\n        items\n        complete\n        incomplete {\n          coordinate\n          missing\n        }\n        reviewOverdue\n        overdueItems\n      }\n      requests {\n        received\n        answered\n        medianAnswerWorkingDays\n        maxAnswerWorkingDays\n        overdue\n      }\n      disputes {\n        received\n        answered\n        answeredOnTime\n        overdue\n      }\n      usage {\n        records\n        byConsumer {\n          key\n          records\n        }\n        byPurpose {\n          key\n          records\n        }\n        byItem {\n          key\n          records\n        }\n      }\n      service {\n        calls\n        failures\n        availability\n        meanLatencyMs\n        maxLatencyMs\n      }\n      rollUp {\n        incomplete\n        pendingDays\n        rolledUpTo\n        rolledNow\n      }\n      freshness {\n        resources {\n          resource\n          updateCycle\n          freshDays\n          staleDays\n          unknownDays\n          freshShare\n          longestStaleDays\n        }\n      }\n      violations {\n        kind\n        clause\n        count\n        examples\n      }\n      notDetected {\n        kind\n        clause\n        why\n      }\n    }\n  }\n": types.EvaluationReportDocument,
    "\n  query RectificationNotices($department: String, $status: RectificationStatus) {\n    rectificationNotices(department: $department, status: $status) {\n      id\n      department\n      kind\n      examples\n      text\n      issuedBy\n      issuedAt\n      workingDays\n      dueDate\n      status\n      overdue\n      recordedBy\n      recordedAt\n      actionTaken\n    }\n  }\n": types.RectificationNoticesDocument,
    "\n  mutation IssueRectificationNotice($department: String!, $kind: ViolationKind!, $examples: [String!], $text: String!, $workingDays: Int) {\n    issueRectificationNotice(department: $department, kind: $kind, examples: $examples, text: $text, workingDays: $workingDays) {\n      id\n      dueDate\n      status\n    }\n  }\n": types.IssueRectificationNoticeDocument,
    "\n  mutation RecordRectification($id: ID!, $action: String!) {\n    recordRectification(id: $id, action: $action) {\n      id\n      status\n      actionTaken\n    }\n  }\n": types.RecordRectificationDocument,
    "\n  query Notifications($unreadOnly: Boolean, $first: Int, $after: String) {\n    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {\n      unread\n      nextCursor\n      notifications {\n        id\n        eventId\n        kind\n        at\n        role\n        read\n        readAt\n        subject {\n          kind\n          id\n          text\n        }\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  query UnreadNotifications {\n    notifications(unreadOnly: true, first: 1) {\n      unread\n    }\n  }\n": types.UnreadNotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query AuditIntegrity {\n    auditIntegrity {\n      verifiedAt\n      verifiedBy\n      stale\n      ok\n      chains\n      records\n      checkpoints\n      anchored\n      quarantined\n      problem\n      problemCount\n      lastCheckpoints {\n        chain\n        seq\n        at\n        keyId\n      }\n    }\n  }\n": types.AuditIntegrityDocument,
    "\n  query CatalogReview {\n    catalog {\n      coordinate\n      provider\n      shareType\n      abstract\n      classification\n      updateCycle\n      shareCondition\n      publishedOn\n      changedOn\n      reviewStatus\n      reviewDueDate\n      reviewDueDateProvisional\n      reviewOverdue\n    }\n  }\n": types.CatalogReviewDocument,
    "\n  mutation Review($coordinate: String!, $override: CatalogOverrideInput!, $reason: String!) {\n    reviewCatalogItem(coordinate: $coordinate, override: $override, reason: $reason) {\n      coordinate\n      reviewStatus\n    }\n  }\n": types.ReviewDocument,
    "\n  query Webhooks {\n    webhooks {\n      department\n      url\n      registeredBy\n      registeredAt\n      secretRotatedAt\n      removedAt\n    }\n  }\n": types.WebhooksDocument,
    "\n  query WebhookDeliveries($department: String, $first: Int, $after: String) {\n    webhookDeliveries(department: $department, first: $first, after: $after) {\n      nextCursor\n      deliveries {\n        id\n        eventId\n        kind\n        status\n        attempts\n        lastError\n        lastAttemptAt\n        nextAttemptAt\n        deliveredAt\n      }\n    }\n  }\n": types.WebhookDeliveriesDocument,
    "\n  mutation RegisterWebhook($department: String!, $url: String!) {\n    registerWebhook(department: $department, url: $url) {\n      secret\n      webhook {\n        department\n        url\n        registeredAt\n      }\n    }\n  }\n": types.RegisterWebhookDocument,
    "\n  mutation RotateWebhookSecret($department: String!) {\n    rotateWebhookSecret(department: $department) {\n      secret\n      webhook {\n        department\n        secretRotatedAt\n      }\n    }\n  }\n": types.RotateWebhookSecretDocument,
    "\n  mutation RemoveWebhook($department: String!) {\n    removeWebhook(department: $department) {\n      department\n      removedAt\n    }\n  }\n": types.RemoveWebhookDocument,
    "\n  fragment AccessRequestFields on AccessRequest {\n    id\n    status\n    fields\n    purpose\n    action\n    matter\n    justification\n    requestingDepartment\n    provider\n    submittedAt\n    dueDate\n    dueDateProvisional\n    overdue\n    wantedUntil\n    decidedAt\n    decidedBy\n    reason\n    grantedFields\n    grantedUntil\n    escalatedAt\n    escalationReason\n    grants {\n      id\n      field\n      live\n      validUntil\n      condition {\n        kind\n        attribute\n        anyOf\n      }\n    }\n  }\n": types.AccessRequestFieldsFragmentDoc,
    "\n  query Requests($status: AccessRequestStatus) {\n    accessRequests(status: $status) {\n      ...AccessRequestFields\n    }\n  }\n": types.RequestsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RegulationProfile {\n    regulationProfile {\n      name\n      title\n      complianceCheckWorkingDays\n      providerAnswerWorkingDays\n      negotiationWorkingDays\n      escalation\n      disputeAnswerWorkingDays\n      catalogReviewWorkingDays\n      grantDefaultValidityDays\n      grantMaxValidityDays\n    }\n  }\n"): typeof import('./graphql').RegulationProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WorkingCalendar($year: Int!) {\n    workingCalendar(year: $year) {\n      year\n      source\n      holidays\n      workdays\n    }\n  }\n"): typeof import('./graphql').WorkingCalendarDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Disputes {\n    disputes {\n      id\n      field\n      entityKey\n      description\n      evidence\n      status\n      reportingDepartment\n      provider\n      reportedAt\n      dueDate\n      dueDateProvisional\n      overdue\n      answeredAt\n      answer\n      outcome\n    }\n  }\n"): typeof import('./graphql').DisputesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalog {\n    catalog {\n      coordinate\n      resource\n      field\n      provider\n      providerCode\n      resourceCode\n      shareType\n      shareCondition\n      basis\n      classification\n      abstract\n      format\n      shareMethod\n      openToPublic\n      updateCycle\n      publishedOn\n      relatedResources\n    }\n  }\n"): typeof import('./graphql').CatalogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Apply($input: AccessRequestInput!) {\n    requestAccess(input: $input) {\n      id\n      status\n      dueDate\n      dueDateProvisional\n    }\n  }\n"): typeof import('./graphql').ApplyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Decide($id: ID!, $approve: Boolean!, $reason: String, $fields: [String!], $validUntil: Date, $condition: [RowConditionInput!]) {\n    decideAccessRequest(id: $id, approve: $approve, reason: $reason, fields: $fields, validUntil: $validUntil, condition: $condition) {\n      ...AccessRequestFields\n    }\n  }\n"): typeof import('./graphql').DecideDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Revoke($id: ID!, $reason: String!) {\n    revokeGrant(id: $id, reason: $reason) {\n      id\n      live\n    }\n  }\n"): typeof import('./graphql').RevokeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerDispute($id: ID!, $answer: String!, $outcome: DisputeOutcome!) {\n    answerDispute(id: $id, answer: $answer, outcome: $outcome) {\n      id\n    }\n  }\n"): typeof import('./graphql').AnswerDisputeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConditionAttributes($provider: String) {\n    catalog(provider: $provider, shareType: UNCONDITIONAL) {\n      coordinate\n    }\n    rootFields: catalog(resource: \"Query\") {\n      coordinate\n    }\n    unconditional: catalog(shareType: UNCONDITIONAL) {\n      coordinate\n    }\n  }\n"): typeof import('./graphql').ConditionAttributesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyGrants {\n    myGrants(includeInactive: true) {\n      id\n      kind\n      field\n      purpose\n      action\n      validUntil\n      live\n      revokedAt\n      revokeReason\n      basis\n      condition {\n        kind\n        attribute\n        anyOf\n      }\n    }\n  }\n"): typeof import('./graphql').MyGrantsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Escalate($id: ID!, $reason: String!) {\n    escalateAccessRequest(id: $id, reason: $reason) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').EscalateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation NegotiationFailed($id: ID!, $text: String!) {\n    recordNegotiation(id: $id, outcome: FAILED, text: $text) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').NegotiationFailedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Dispute($input: DisputeInput!) {\n    reportDispute(input: $input) {\n      id\n      dueDate\n      dueDateProvisional\n    }\n  }\n"): typeof import('./graphql').DisputeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Departments {\n    departments {\n      code\n      name\n      orgCode\n      administrators\n    }\n  }\n"): typeof import('./graphql').DepartmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Exception($input: ExceptionInput!) {\n    grantException(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').ExceptionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Close($id: ID!, $reason: String!) {\n    closeEscalation(id: $id, reason: $reason) {\n      id\n    }\n  }\n"): typeof import('./graphql').CloseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Appoint($department: String!, $user: String!, $reason: String!) {\n    appointSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n"): typeof import('./graphql').AppointDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Remove($department: String!, $user: String!, $reason: String!) {\n    removeSharingAdministrator(department: $department, user: $user, reason: $reason) {\n      code\n    }\n  }\n"): typeof import('./graphql').RemoveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Audit($filter: AuditFilter, $after: String) {\n    auditRecords(filter: $filter, first: 20, after: $after) {\n      records {\n        id\n        at\n        app\n        department\n        purpose\n        matter\n        granted\n        denied\n        outcome\n        code\n      }\n      nextCursor\n    }\n  }\n"): typeof import('./graphql').AuditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Usage($from: String!, $to: String!, $groupBy: [UsageDimension!]!) {\n    dataUsage(from: $from, to: $to, groupBy: $groupBy) {\n      consumer\n      provider\n      field\n      purpose\n      requests\n    }\n  }\n"): typeof import('./graphql').UsageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PolicySimulation($change: PolicyChangeInput!, $days: Int!) {\n    simulatePolicyChange(change: $change, days: $days) {\n      from\n      to\n      replayed\n      requests\n      cap\n      capped\n      unreadable\n      gains {\n        ...PolicyEffectFields\n      }\n      losses {\n        ...PolicyEffectFields\n      }\n      operations {\n        department\n        operationName\n        requests\n        gained\n        lost\n      }\n    }\n  }\n"): typeof import('./graphql').PolicySimulationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PolicyEffectFields on PolicyEffect {\n    department\n    purpose\n    item\n    before\n    after\n    operations\n    requests\n    apps\n    lastSeen\n    examples {\n      operationName\n      documentHash\n    }\n  }\n"): typeof import('./graphql').PolicyEffectFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DryRunCatalog($provider: String) {\n    catalog(provider: $provider) {\n      coordinate\n      provider\n      shareType\n    }\n    rootFields: catalog(resource: \"Query\") {\n      coordinate\n    }\n    unconditional: catalog(shareType: UNCONDITIONAL) {\n      coordinate\n    }\n  }\n"): typeof import('./graphql').DryRunCatalogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DryRunGrants {\n    myGrants {\n      id\n      department\n      field\n      purpose\n      action\n      validUntil\n    }\n  }\n"): typeof import('./graphql').DryRunGrantsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EvaluationReport($department: String!, $from: Date!, $to: Date!) {\n    evaluationReport(department: $department, from: $from, to: $to) {\n      department\n      from\n      to\n      generatedAt\n      catalog {\n        items\n        complete\n        incomplete {\n          coordinate\n          missing\n        }\n        reviewOverdue\n        overdueItems\n      }\n      requests {\n        received\n        answered\n        medianAnswerWorkingDays\n        maxAnswerWorkingDays\n        overdue\n      }\n      disputes {\n        received\n        answered\n        answeredOnTime\n        overdue\n      }\n      usage {\n        records\n        byConsumer {\n          key\n          records\n        }\n        byPurpose {\n          key\n          records\n        }\n        byItem {\n          key\n          records\n        }\n      }\n      service {\n        calls\n        failures\n        availability\n        meanLatencyMs\n        maxLatencyMs\n      }\n      rollUp {\n        incomplete\n        pendingDays\n        rolledUpTo\n        rolledNow\n      }\n      freshness {\n        resources {\n          resource\n          updateCycle\n          freshDays\n          staleDays\n          unknownDays\n          freshShare\n          longestStaleDays\n        }\n      }\n      violations {\n        kind\n        clause\n        count\n        examples\n      }\n      notDetected {\n        kind\n        clause\n        why\n      }\n    }\n  }\n"): typeof import('./graphql').EvaluationReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RectificationNotices($department: String, $status: RectificationStatus) {\n    rectificationNotices(department: $department, status: $status) {\n      id\n      department\n      kind\n      examples\n      text\n      issuedBy\n      issuedAt\n      workingDays\n      dueDate\n      status\n      overdue\n      recordedBy\n      recordedAt\n      actionTaken\n    }\n  }\n"): typeof import('./graphql').RectificationNoticesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueRectificationNotice($department: String!, $kind: ViolationKind!, $examples: [String!], $text: String!, $workingDays: Int) {\n    issueRectificationNotice(department: $department, kind: $kind, examples: $examples, text: $text, workingDays: $workingDays) {\n      id\n      dueDate\n      status\n    }\n  }\n"): typeof import('./graphql').IssueRectificationNoticeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordRectification($id: ID!, $action: String!) {\n    recordRectification(id: $id, action: $action) {\n      id\n      status\n      actionTaken\n    }\n  }\n"): typeof import('./graphql').RecordRectificationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($unreadOnly: Boolean, $first: Int, $after: String) {\n    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {\n      unread\n      nextCursor\n      notifications {\n        id\n        eventId\n        kind\n        at\n        role\n        read\n        readAt\n        subject {\n          kind\n          id\n          text\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').NotificationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNotifications {\n    notifications(unreadOnly: true, first: 1) {\n      unread\n    }\n  }\n"): typeof import('./graphql').UnreadNotificationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]!) {\n    markNotificationsRead(ids: $ids)\n  }\n"): typeof import('./graphql').MarkNotificationsReadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditIntegrity {\n    auditIntegrity {\n      verifiedAt\n      verifiedBy\n      stale\n      ok\n      chains\n      records\n      checkpoints\n      anchored\n      quarantined\n      problem\n      problemCount\n      lastCheckpoints {\n        chain\n        seq\n        at\n        keyId\n      }\n    }\n  }\n"): typeof import('./graphql').AuditIntegrityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatalogReview {\n    catalog {\n      coordinate\n      provider\n      shareType\n      abstract\n      classification\n      updateCycle\n      shareCondition\n      publishedOn\n      changedOn\n      reviewStatus\n      reviewDueDate\n      reviewDueDateProvisional\n      reviewOverdue\n    }\n  }\n"): typeof import('./graphql').CatalogReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Review($coordinate: String!, $override: CatalogOverrideInput!, $reason: String!) {\n    reviewCatalogItem(coordinate: $coordinate, override: $override, reason: $reason) {\n      coordinate\n      reviewStatus\n    }\n  }\n"): typeof import('./graphql').ReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Webhooks {\n    webhooks {\n      department\n      url\n      registeredBy\n      registeredAt\n      secretRotatedAt\n      removedAt\n    }\n  }\n"): typeof import('./graphql').WebhooksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveries($department: String, $first: Int, $after: String) {\n    webhookDeliveries(department: $department, first: $first, after: $after) {\n      nextCursor\n      deliveries {\n        id\n        eventId\n        kind\n        status\n        attempts\n        lastError\n        lastAttemptAt\n        nextAttemptAt\n        deliveredAt\n      }\n    }\n  }\n"): typeof import('./graphql').WebhookDeliveriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterWebhook($department: String!, $url: String!) {\n    registerWebhook(department: $department, url: $url) {\n      secret\n      webhook {\n        department\n        url\n        registeredAt\n      }\n    }\n  }\n"): typeof import('./graphql').RegisterWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookSecret($department: String!) {\n    rotateWebhookSecret(department: $department) {\n      secret\n      webhook {\n        department\n        secretRotatedAt\n      }\n    }\n  }\n"): typeof import('./graphql').RotateWebhookSecretDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveWebhook($department: String!) {\n    removeWebhook(department: $department) {\n      department\n      removedAt\n    }\n  }\n"): typeof import('./graphql').RemoveWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccessRequestFields on AccessRequest {\n    id\n    status\n    fields\n    purpose\n    action\n    matter\n    justification\n    requestingDepartment\n    provider\n    submittedAt\n    dueDate\n    dueDateProvisional\n    overdue\n    wantedUntil\n    decidedAt\n    decidedBy\n    reason\n    grantedFields\n    grantedUntil\n    escalatedAt\n    escalationReason\n    grants {\n      id\n      field\n      live\n      validUntil\n      condition {\n        kind\n        attribute\n        anyOf\n      }\n    }\n  }\n"): typeof import('./graphql').AccessRequestFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Requests($status: AccessRequestStatus) {\n    accessRequests(status: $status) {\n      ...AccessRequestFields\n    }\n  }\n"): typeof import('./graphql').RequestsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
