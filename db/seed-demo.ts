import { countOrganizations, createOrganization, getOrganizationBySlug } from "../app/models/organization.server";
import { createUser, getUserByEmail } from "../app/models/user.server";
import { seedQuestionnaire } from "./seed-questionnaire";
import { seedBenchmark } from "./seed-benchmark";
import type { Role } from "./types";

export const DEMO_ORGANIZATIONS = [
  {
    name: "Northwind Support",
    slug: "northwind",
    questionnaireTemplate: "five-elements",
    vision: "Every customer leaves the conversation feeling heard and helped.",
    users: [
      { name: "Ada Admin", email: "admin@northwind.test", role: "admin" as Role, password: "northwind-admin-demo" },
      {
        name: "Rita Recruiter",
        email: "recruiter@northwind.test",
        role: "recruiter" as Role,
        password: "northwind-recruiter-demo",
      },
    ],
  },
  {
    name: "Contoso Care",
    slug: "contoso",
    questionnaireTemplate: "common-support-values",
    vision: "We own every problem until the customer says it is solved.",
    users: [
      { name: "Carl Admin", email: "admin@contoso.test", role: "admin" as Role, password: "contoso-admin-demo" },
      {
        name: "Rosa Recruiter",
        email: "recruiter@contoso.test",
        role: "recruiter" as Role,
        password: "contoso-recruiter-demo",
      },
    ],
  },
];

export type SeedResult = {
  created: boolean;
  accounts: { organization: string; role: Role; email: string; password: string }[];
};

/** Creates the demo organizations and their staff; skips whatever already exists (safe to run twice). */
export async function seedDemo({ onlyIfEmpty }: { onlyIfEmpty: boolean }): Promise<SeedResult> {
  const accounts = DEMO_ORGANIZATIONS.flatMap((o) =>
    o.users.map((u) => ({ organization: o.name, role: u.role, email: u.email, password: u.password })),
  );
  if (onlyIfEmpty && (await countOrganizations()) > 0) return { created: false, accounts };
  let created = false;
  for (const org of DEMO_ORGANIZATIONS) {
    const existing = await getOrganizationBySlug(org.slug);
    const orgId = existing?.id ?? (await createOrganization({ name: org.name, slug: org.slug, vision: org.vision }));
    created ||= !existing;
    for (const u of org.users) {
      if (await getUserByEmail(u.email)) continue;
      await createUser(orgId, u);
      created = true;
    }
    created = (await seedQuestionnaire(orgId, org.questionnaireTemplate)) || created;
    created = (await seedBenchmark(orgId)) || created;
  }
  return { created, accounts };
}
