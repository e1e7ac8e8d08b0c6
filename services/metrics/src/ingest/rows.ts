import type { AlertEvent, AuditRecord, CategorizedEvent, TicketEvent } from '@faultline/contracts';

/** Where a row came from in Kafka: stored with it, and the source of the offset watermark. */
export interface KafkaOrigin {
  topic: string;
  partition: number;
  offset: string;
}

function origin(from: KafkaOrigin) {
  return { kafka_topic: from.topic, kafka_partition: from.partition, kafka_offset: from.offset };
}

/** A `events` row: the dimensions dashboards filter on, flattened; the whole event kept as JSON. */
export function eventRow(categorized: CategorizedEvent, from: KafkaOrigin) {
  const event = categorized.event;
  const lastException = event.exception?.[event.exception.length - 1];
  return {
    project_id: event.projectId,
    group_id: categorized.groupId,
    time: event.timestamp,
    event_id: event.eventId,
    received_at: event.receivedAt ?? categorized.categorizedAt,
    categorized_at: categorized.categorizedAt,
    level: event.level,
    severity: categorized.severity,
    category: categorized.category,
    priority: categorized.priority,
    escalation: categorized.escalation,
    team: categorized.team,
    rule_id: categorized.ruleId,
    component: event.component ?? '',
    source: event.source,
    environment: event.environment ?? '',
    release: event.release ?? '',
    message: event.message,
    exception_type: lastException?.type ?? '',
    fingerprint_method: categorized.fingerprint.method,
    response_time_ms: event.responseTimeMs ?? null,
    memory_bytes: event.memoryBytes ?? null,
    user_id: event.userId ?? '',
    tags: event.tags ?? {},
    payload: JSON.stringify(categorized),
    ...origin(from),
  };
}

export function alertEventRow(value: AlertEvent, from: KafkaOrigin) {
  const { alert, notification } = value;
  return {
    project_id: alert.scope.projectId,
    alert_id: alert.alertId,
    at: value.at,
    event_id: value.eventId,
    type: value.type,
    status: alert.status,
    severity: alert.severity,
    dedup_key: alert.dedupKey,
    component: alert.scope.component ?? '',
    group_id: alert.scope.groupId ?? '',
    error_count: alert.errorCount,
    affected_components: alert.affectedComponents,
    message: alert.message,
    first_seen: alert.firstSeen,
    last_seen: alert.lastSeen,
    stage: alert.stage,
    acknowledged_by: alert.acknowledgedBy ?? '',
    resolved_by: alert.resolvedBy ?? '',
    actor: value.actor ?? '',
    reason: value.reason ?? '',
    notification_channel: notification?.channel ?? '',
    notification_recipient: notification?.recipient ?? '',
    notification_stage: notification?.stage ?? 0,
    notification_status: notification?.status ?? '',
    notification_error: notification?.error ?? '',
    payload: JSON.stringify(value),
    ...origin(from),
  };
}

export function ticketRow(value: TicketEvent, from: KafkaOrigin) {
  const { ticket } = value;
  return {
    project_id: ticket.projectId,
    ticket_id: ticket.ticketId,
    at: value.at,
    event_id: value.eventId,
    type: value.type,
    actor: value.actor,
    group_id: ticket.groupId ?? '',
    title: ticket.title,
    severity: ticket.severity ?? '',
    assignee: ticket.assignee,
    status: ticket.status,
    created_at: ticket.createdAt,
    first_response_at: firstResponseAt(value),
    resolved_at: ticket.resolvedAt ?? null,
    resolver: ticket.resolution?.resolver ?? '',
    steps: ticket.steps.length,
    payload: JSON.stringify(value),
    ...origin(from),
  };
}

/** The first sign someone worked on the ticket: its earliest step, or its resolution. SLAs are measured to it. */
export function firstResponseAt(value: TicketEvent): string | null {
  const times = value.ticket.steps.map((step) => step.at);
  if (value.ticket.resolvedAt) times.push(value.ticket.resolvedAt);
  if (times.length === 0) return null;
  return times.reduce((earliest, at) => (Date.parse(at) < Date.parse(earliest) ? at : earliest));
}

/** An `audit_log` row; instance-wide changes (no project) have project_id ''. */
export function auditRow(value: AuditRecord, from: KafkaOrigin) {
  return {
    project_id: value.projectId ?? '',
    at: value.at,
    audit_id: value.auditId,
    action: value.action,
    actor_kind: value.actor.kind,
    actor_id: value.actor.id,
    actor_name: value.actor.name,
    session_id: value.via?.sessionId ?? '',
    token_id: value.via?.tokenId ?? '',
    ip: value.ip ?? '',
    target: value.target ?? '',
    details: value.details ?? {},
    payload: JSON.stringify(value),
    ...origin(from),
  };
}
