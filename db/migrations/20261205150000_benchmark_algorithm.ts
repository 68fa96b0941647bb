import type { Kysely } from "kysely";

// Each benchmark names the scoring algorithm its snapshot was built with (issue 16). Every benchmark stored before
// this migration was built with vb-1; new activations write vb-2. Scores already name theirs (scores.algorithm_version).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("benchmarks")
    .addColumn("algorithm_version", "text", (c) => c.notNull().defaultTo("vb-1"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("benchmarks").dropColumn("algorithm_version").execute();
}
