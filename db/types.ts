import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export type Role = "admin" | "recruiter";
export type RespondentKind = "agent" | "candidate";
/** Agents only: "top" agents form the benchmark, "comparison" agents are ordinary members of the team (issue 17). */
export type AgentGroup = "top" | "comparison";
export type MetricDirection = "higher" | "lower";

export interface OrganizationsTable {
  id: string;
  name: string;
  slug: string;
  vision: Generated<string>;
  default_locale: Generated<string>;
  retention_days: Generated<number>;
  show_scores_to_candidates: Generated<number>;
  created_at: string;
  /** 1 for the organizations the demo seed creates (staff pages show a "Demo" banner). */
  is_demo: Generated<number>;
  /** Automatic invitation reminders (migration 20261205190000): on (1) / off (0), and days before expiry. */
  reminders_enabled: Generated<number>;
  reminder_days_before: Generated<number>;
  /** The staff area's language for users who have not picked one (migration 20261207090000, issue 18). */
  staff_language: Generated<string>;
}

export interface UsersTable {
  id: string;
  organization_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  /** When the user last opened the dashboard (migration 20261205210000); null before the first visit. */
  last_seen_dashboard_at: string | null;
  /** The staff area's language this user picked (migration 20261207090000); null = the organization's default. */
  language: string | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  scope: "account" | "ip" | "invite";
  key: string;
  succeeded: number;
  attempted_at: string;
}

export interface OrgValuesTable {
  id: string;
  organization_id: string;
  key: string;
  name: string;
  description: Generated<string>;
  i_statement: Generated<string>;
  metrics_json: Generated<string>;
  direction: Generated<"higher" | "target">;
  weight: Generated<number>;
  sort_order: Generated<number>;
  bank_value: string | null;
  created_at: string;
  updated_at: string;
}

export interface QuestionnairesTable {
  id: string;
  organization_id: string;
  slug: string;
  title: string;
  draft_json: string;
  created_at: string;
  updated_at: string;
}

export interface QuestionnaireVersionsTable {
  id: string;
  organization_id: string;
  questionnaire_id: string;
  version: number;
  content_json: string;
  /** { [locale]: VersionTranslation } (app/questionnaire/translations.ts); "{}" = source language only. */
  translations_json: Generated<string>;
  sha256: string;
  published_at: string;
  published_by: string | null;
}

export interface PositionsTable {
  id: string;
  organization_id: string;
  title: string;
  description: Generated<string>;
  questionnaire_version_id: string;
  status: Generated<"open" | "closed">;
  created_at: string;
}

export interface InvitationsTable {
  id: string;
  organization_id: string;
  position_id: string;
  kind: RespondentKind;
  name: string;
  email: string | null;
  locale: Generated<string>;
  token_hash: string;
  expires_at: string;
  revoked_at: string | null;
  created_by: string | null;
  created_at: string;
  /** Migration 20261205160000. */
  agent_group: Generated<AgentGroup>;
  /** Migration 20261205190000: first shown in a browser; reminders of the current link. */
  opened_at: string | null;
  reminders_sent: Generated<number>;
  last_reminded_at: string | null;
}

export interface ResponsesTable {
  id: string;
  organization_id: string;
  position_id: string;
  invitation_id: string | null;
  kind: RespondentKind;
  respondent_label: string;
  questionnaire_version_id: string;
  locale: Generated<string>;
  source: Generated<"web" | "import">;
  answers_json: Generated<string>;
  revision: Generated<number>;
  page_times_json: Generated<string>;
  consent_at: string | null;
  started_at: string;
  updated_at: string;
  submitted_at: string | null;
  /** Copied from the invitation (web) or the CSV's group column (import); migration 20261205160000. */
  agent_group: Generated<AgentGroup>;
  /** Review before ranking of a flagged candidate (migration 20261205200000): pending until someone reviews it. */
  review_status: Generated<ReviewStatus>;
  review_note: string | null;
  /** The user id of the reviewer. */
  reviewed_by: string | null;
  reviewed_at: string | null;
}

export type ReviewStatus = "pending" | "usable" | "set_aside";

export interface RespondentSessionsTable {
  id: string;
  response_id: string;
  created_at: string;
  expires_at: string;
}

export interface BenchmarksTable {
  id: string;
  organization_id: string;
  position_id: string;
  status: "draft" | "active" | "archived";
  snapshot_json: string;
  /** The algorithm the snapshot was built with ("vb-1" for every benchmark stored before vb-2). */
  algorithm_version: Generated<string>;
  created_at: string;
  created_by: string | null;
  activated_at: string | null;
  activated_by: string | null;
}

export interface BenchmarkMembersTable {
  response_id: string;
  organization_id: string;
  position_id: string;
  decision: "include" | "exclude";
  reason: string;
  updated_by: string | null;
  updated_at: string;
}

export interface ScoresTable {
  id: string;
  organization_id: string;
  position_id: string;
  response_id: string;
  benchmark_id: string;
  questionnaire_version_id: string;
  algorithm_version: string;
  is_current: Generated<number>;
  overall: number | null;
  min_alignment: number | null;
  review: Generated<number>;
  result_json: string;
  created_at: string;
  /** Copy of the response's submitted_at: the ranking tie-break (migration 20261204130000). */
  submitted_at: string | null;
}

export interface ScoreValuesTable {
  score_id: string;
  value_key: string;
  organization_id: string;
  position_id: string;
  is_current: Generated<number>;
  score: number | null;
  percentile: number | null;
  alignment: number | null;
  band: string | null;
  /** Copies of the score's response_id and submitted_at: the ranking tie-break (migration 20261204130000). */
  response_id: string | null;
  submitted_at: string | null;
}

export interface DecisionsTable {
  id: string;
  organization_id: string;
  response_id: string;
  decision: "advance" | "hold" | "reject" | "hired";
  note: Generated<string>;
  decided_by: string;
  decided_at: string;
  /** The hire date (YYYY-MM-DD) of a `hired` decision; migration 20261205160000. */
  hired_on: string | null;
}

export interface MetricsTable {
  id: string;
  organization_id: string;
  /** [a-z][a-z0-9-]*, unique per organization. */
  key: string;
  label: string;
  unit: Generated<string>;
  direction: MetricDirection;
  created_at: string;
}

export interface OutcomesTable {
  id: string;
  organization_id: string;
  position_id: string;
  response_id: string;
  metric_id: string;
  value: number;
  /** How many per-ticket ratings `value` is the mean of; null when the value was uploaded as is. */
  rating_count: number | null;
  uploaded_at: string;
  uploaded_by: string | null;
}

/** One-time tokens of the first-run /setup page (SHA-256 only); all deleted once the first admin exists. */
export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  organization_id: string | null;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details_json: Generated<string>;
  created_at: string;
}

export interface DemographicsTable {
  response_id: string;
  organization_id: string;
  gender: string | null;
  age_band: string | null;
  ethnicity: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  organization_id: string;
  to_address: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  /** Migration 20261205190000 (see invitation-outbox.server.ts). */
  invitation_id: string | null;
  kind: Generated<OutboxKind>;
  /** The full text with the personal link, only while unsent and the link still works. */
  unsent_body: string | null;
  withdrawn_at: string | null;
  attempts: Generated<number>;
  last_error: string | null;
}

export type OutboxKind = "invitation" | "reminder" | "notice";

/** One row per scheduled job (migration 20261205190000; job-leases.server.ts). Not tenant data. */
export interface JobLeasesTable {
  job: string;
  holder: string | null;
  lease_until: string;
  last_run_at: string | null;
  last_result: string | null;
  last_ok: number | null;
}

/** A durable "to score" mark of a submitted candidate response (migration 20261205130000; scoring-jobs.server.ts). */
export interface ScoringJobsTable {
  response_id: string;
  organization_id: string;
  position_id: string;
  reason: ScoringJobReason;
  attempts: Generated<number>;
  last_error: string | null;
  last_attempt_at: string | null;
  created_at: string;
}

export type ScoringJobReason = "submitted" | "benchmark-activated";

/** The server's first view of a questionnaire page (0-based) of a response (migration 20261205130100). */
export interface ResponsePageViewsTable {
  response_id: string;
  organization_id: string;
  page: number;
  first_viewed_at: string;
}

/** One row written by /readyz and the start-up check to prove the database takes writes (migration 20261205120000). */
export interface HealthChecksTable {
  id: number;
  checked_at: string;
}

/** An organization's API key (migration 20261205170000): the secret's SHA-256 only; scopes_json a JSON array. */
export interface ApiKeysTable {
  id: string;
  organization_id: string;
  name: string;
  scopes_json: string;
  secret_hash: string;
  /** The secret's first characters (e.g. "vb_live_AbC1"), shown to tell keys apart. */
  prefix: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** The first answer to an API POST with an `Idempotency-Key` header, per organization and key, kept 24 h. */
export interface IdempotencyKeysTable {
  organization_id: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_body: string;
  created_at: string;
}

export type WebhookEventType = "response.submitted" | "response.scored" | "benchmark.activated" | "decision.recorded";

/** An organization's webhook receiver (migration 20261205180000); `secret` is the Standard Webhooks `whsec_…` secret. */
export interface WebhookEndpointsTable {
  id: string;
  organization_id: string;
  url: string;
  /** JSON array of WebhookEventType. */
  events_json: string;
  secret: string;
  created_by: string | null;
  created_at: string;
  disabled_at: string | null;
}

/** The webhook outbox (migration 20261205180000): `id` is the `webhook-id` (msg_…); see webhook-delivery.server.ts. */
export interface WebhookDeliveriesTable {
  id: string;
  organization_id: string;
  /** "webhook": signed POST to endpoint_id's URL; "greenhouse": PATCH to target_url (Greenhouse's test callback). */
  kind: Generated<"webhook" | "greenhouse">;
  endpoint_id: string | null;
  target_url: string | null;
  event_type: string;
  payload_json: string;
  status: Generated<"pending" | "delivered" | "failed">;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** A test Greenhouse sent through send_test (migration 20261205180100); `id` is the partner_interview_id. */
export interface GreenhouseTestsTable {
  id: string;
  organization_id: string;
  position_id: string;
  /** Null only between claiming the row and creating the invitation (greenhouse.server.ts). */
  invitation_id: string | null;
  callback_url: string;
  profile_url: string | null;
  /** The API key Greenhouse sent as the Basic user name; our PATCH to callback_url authenticates with it. */
  callback_key: string;
  created_at: string;
}

export interface Database {
  health_checks: HealthChecksTable;
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  setup_tokens: SetupTokensTable;
  org_values: OrgValuesTable;
  questionnaires: QuestionnairesTable;
  questionnaire_versions: QuestionnaireVersionsTable;
  positions: PositionsTable;
  invitations: InvitationsTable;
  responses: ResponsesTable;
  respondent_sessions: RespondentSessionsTable;
  scoring_jobs: ScoringJobsTable;
  response_page_views: ResponsePageViewsTable;
  benchmarks: BenchmarksTable;
  benchmark_members: BenchmarkMembersTable;
  scores: ScoresTable;
  score_values: ScoreValuesTable;
  decisions: DecisionsTable;
  audit_log: AuditLogTable;
  demographics: DemographicsTable;
  outbox: OutboxTable;
  metrics: MetricsTable;
  outcomes: OutcomesTable;
  api_keys: ApiKeysTable;
  idempotency_keys: IdempotencyKeysTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  greenhouse_tests: GreenhouseTestsTable;
  job_leases: JobLeasesTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type OrgValue = Selectable<OrgValuesTable>;
export type Position = Selectable<PositionsTable>;
export type Invitation = Selectable<InvitationsTable>;
export type ResponseRow = Selectable<ResponsesTable>;
export type Benchmark = Selectable<BenchmarksTable>;
export type ScoreRow = Selectable<ScoresTable>;
export type AuditEntry = Selectable<AuditLogTable>;
