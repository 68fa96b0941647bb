import type { Kysely } from "kysely";

// Validity evidence (issue 17):
// - agent_group on invitations and responses: "top" (the default: top agents form the benchmark) or "comparison"
//   (ordinary agents of the same team, SCORING.md section 11). A web response copies its invitation's group; an
//   imported one takes the CSV's `group` column.
// - metrics: an organization's outcome measures (CSAT, QA score, handling time), key [a-z][a-z0-9-]*, unique per
//   organization, with the direction in which a value is better.
// - outcomes: one value per respondent (an agent, or a hired candidate) and metric; `rating_count` is the number of
//   per-ticket ratings a mean was aggregated from (null for a value uploaded as is).
// - decisions.hired_on: the hire date of a `hired` decision.

const FLOAT = "double precision";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("invitations")
    .addColumn("agent_group", "text", (c) => c.notNull().defaultTo("top"))
    .execute();
  await db.schema
    .alterTable("responses")
    .addColumn("agent_group", "text", (c) => c.notNull().defaultTo("top"))
    .execute();
  await db.schema.alterTable("decisions").addColumn("hired_on", "text").execute();

  await db.schema
    .createTable("metrics")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("direction", "text", (c) => c.notNull()) // "higher" | "lower"
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("metrics_org_key_unique", ["organization_id", "key"])
    .execute();

  await db.schema
    .createTable("outcomes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id").onDelete("cascade"))
    .addColumn("position_id", "text", (c) => c.notNull().references("positions.id").onDelete("cascade"))
    .addColumn("response_id", "text", (c) => c.notNull().references("responses.id").onDelete("cascade"))
    .addColumn("metric_id", "text", (c) => c.notNull().references("metrics.id").onDelete("cascade"))
    .addColumn("value", FLOAT, (c) => c.notNull())
    .addColumn("rating_count", "integer")
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text")
    .addUniqueConstraint("outcomes_response_metric_unique", ["response_id", "metric_id"])
    .execute();
  await db.schema
    .createIndex("outcomes_position_idx")
    .on("outcomes")
    .columns(["organization_id", "position_id", "metric_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("outcomes").execute();
  await db.schema.dropTable("metrics").execute();
  await db.schema.alterTable("decisions").dropColumn("hired_on").execute();
  await db.schema.alterTable("responses").dropColumn("agent_group").execute();
  await db.schema.alterTable("invitations").dropColumn("agent_group").execute();
}
