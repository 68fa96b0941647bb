import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from "kysely";

// Text ids (random), ISO-8601 text timestamps and 0/1 integers keep this identical on SQLite and PostgreSQL.
// The two differences are spelled by the helpers below: an integer key filled in by the database (SQLite's
// AUTOINCREMENT, PostgreSQL's identity column) and `double precision` for measures (REAL affinity on SQLite,
// float8 on PostgreSQL, where `real` would be a 4-byte float).
const FLOAT = "double precision";

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function serialKey(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return isPostgres(db) ? (c) => c.primaryKey().generatedByDefaultAsIdentity() : (c) => c.primaryKey().autoIncrement();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organizations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("vision", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("default_locale", "text", (c) => c.notNull().defaultTo("en"))
    .addColumn("retention_days", "integer", (c) => c.notNull().defaultTo(365))
    .addColumn("show_scores_to_candidates", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("disabled_at", "text")
    .execute();
  await db.schema.createIndex("users_org_idx").on("users").column("organization_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey()) // SHA-256 of the cookie token
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "integer", serialKey(db))
    .addColumn("scope", "text", (c) => c.notNull()) // "account" | "ip" | "invite"
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("succeeded", "integer", (c) => c.notNull())
    .addColumn("attempted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("login_attempts_key_idx")
    .on("login_attempts")
    .columns(["scope", "key", "attempted_at"])
    .execute();

  await db.schema
    .createTable("org_values")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull()) // [a-z0-9-]+, the value id used in questionnaires
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("i_statement", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("metrics_json", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("direction", "text", (c) => c.notNull().defaultTo("higher"))
    .addColumn("weight", FLOAT, (c) => c.notNull().defaultTo(1))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("bank_value", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("org_values_org_key_uq", ["organization_id", "key"])
    .execute();

  await db.schema
    .createTable("questionnaires")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("slug", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("draft_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("questionnaires_org_slug_uq", ["organization_id", "slug"])
    .execute();

  await db.schema
    .createTable("questionnaire_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("questionnaire_id", "text", (c) => c.notNull().references("questionnaires.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("content_json", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("published_at", "text", (c) => c.notNull())
    .addColumn("published_by", "text")
    .addUniqueConstraint("qv_questionnaire_version_uq", ["questionnaire_id", "version"])
    .execute();

  await db.schema
    .createTable("positions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("questionnaire_version_id", "text", (c) => c.notNull().references("questionnaire_versions.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("positions_org_idx").on("positions").column("organization_id").execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("position_id", "text", (c) => c.notNull().references("positions.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull()) // "agent" | "candidate"
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("en"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique()) // SHA-256 hex of the 256-bit token
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("invitations_position_idx")
    .on("invitations")
    .columns(["organization_id", "position_id", "kind"])
    .execute();

  await db.schema
    .createTable("responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("position_id", "text", (c) => c.notNull().references("positions.id").onDelete("cascade"))
    .addColumn("invitation_id", "text", (c) => c.unique().references("invitations.id").onDelete("set null"))
    .addColumn("kind", "text", (c) => c.notNull()) // "agent" | "candidate"
    .addColumn("respondent_label", "text", (c) => c.notNull())
    .addColumn("questionnaire_version_id", "text", (c) => c.notNull().references("questionnaire_versions.id"))
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("en"))
    .addColumn("source", "text", (c) => c.notNull().defaultTo("web")) // "web" | "import"
    .addColumn("answers_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("revision", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("page_times_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("consent_at", "text")
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("submitted_at", "text")
    .execute();
  await db.schema
    .createIndex("responses_position_idx")
    .on("responses")
    .columns(["organization_id", "position_id", "kind"])
    .execute();

  await db.schema
    .createTable("respondent_sessions")
    .addColumn("id", "text", (c) => c.primaryKey()) // SHA-256 of the cookie token
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("benchmarks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("position_id", "text", (c) => c.notNull().references("positions.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull()) // "draft" | "active" | "archived"
    .addColumn("snapshot_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("activated_at", "text")
    .addColumn("activated_by", "text")
    .execute();
  await db.schema
    .createIndex("benchmarks_position_idx")
    .on("benchmarks")
    .columns(["organization_id", "position_id", "status"])
    .execute();

  await db.schema
    .createTable("benchmark_members")
    .addColumn("response_id", "text", (c) => c.primaryKey().references("responses.id").onDelete("cascade"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("position_id", "text", (c) => c.notNull().references("positions.id").onDelete("cascade"))
    .addColumn("decision", "text", (c) => c.notNull()) // "include" | "exclude" (recruiter override)
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("scores")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("position_id", "text", (c) => c.notNull().references("positions.id").onDelete("cascade"))
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("benchmark_id", "text", (c) => c.notNull().references("benchmarks.id"))
    .addColumn("questionnaire_version_id", "text", (c) => c.notNull().references("questionnaire_versions.id"))
    .addColumn("algorithm_version", "text", (c) => c.notNull())
    .addColumn("is_current", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("overall", FLOAT)
    .addColumn("min_alignment", FLOAT)
    .addColumn("review", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("result_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("scores_rank_idx")
    .on("scores")
    .columns(["organization_id", "position_id", "is_current", "overall"])
    .execute();
  await db.schema.createIndex("scores_response_idx").on("scores").column("response_id").execute();

  await db.schema
    .createTable("score_values")
    .addColumn("score_id", "text", (c) => c.notNull().references("scores.id").onDelete("cascade"))
    .addColumn("value_key", "text", (c) => c.notNull())
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("position_id", "text", (c) => c.notNull())
    .addColumn("is_current", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("score", FLOAT)
    .addColumn("percentile", FLOAT)
    .addColumn("alignment", FLOAT)
    .addColumn("band", "text")
    .addPrimaryKeyConstraint("score_values_pk", ["score_id", "value_key"])
    .execute();
  await db.schema
    .createIndex("score_values_rank_idx")
    .on("score_values")
    .columns(["organization_id", "position_id", "value_key", "is_current", "alignment"])
    .execute();

  await db.schema
    .createTable("decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("decision", "text", (c) => c.notNull()) // "advance" | "hold" | "reject"
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("decisions_response_idx").on("decisions").column("response_id").execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "integer", serialKey(db))
    .addColumn("organization_id", "text") // null for events before an organization is known (failed login)
    .addColumn("actor_user_id", "text")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target_type", "text")
    .addColumn("target_id", "text")
    .addColumn("details_json", "text", (c) => c.notNull().defaultTo("{}"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_org_idx").on("audit_log").columns(["organization_id", "id"]).execute();

  await db.schema
    .createTable("demographics")
    .addColumn("response_id", "text", (c) => c.primaryKey().references("responses.id").onDelete("cascade"))
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("gender", "text")
    .addColumn("age_band", "text")
    .addColumn("ethnicity", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "outbox",
    "demographics",
    "audit_log",
    "decisions",
    "score_values",
    "scores",
    "benchmark_members",
    "benchmarks",
    "respondent_sessions",
    "responses",
    "invitations",
    "positions",
    "questionnaire_versions",
    "questionnaires",
    "org_values",
    "login_attempts",
    "sessions",
    "users",
    "organizations",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
