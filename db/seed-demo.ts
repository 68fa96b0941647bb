import { countOrganizations, createOrganization, getOrganizationBySlug } from "../app/models/organization.server";
import { createUser, EmailTakenError, getUserByEmail } from "../app/models/user.server";
import { generateDemoPassword, listDemoStaff, setDemoStaffPassword } from "../app/models/demo.server";
import { verifyPassword } from "../app/utils/password.server";
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
      { name: "Ada Admin", email: "admin@northwind.test", role: "admin" as Role },
      { name: "Rita Recruiter", email: "recruiter@northwind.test", role: "recruiter" as Role },
    ],
  },
  {
    name: "Contoso Care",
    slug: "contoso",
    questionnaireTemplate: "common-support-values",
    vision: "We own every problem until the customer says it is solved.",
    users: [
      { name: "Carl Admin", email: "admin@contoso.test", role: "admin" as Role },
      { name: "Rosa Recruiter", email: "recruiter@contoso.test", role: "recruiter" as Role },
    ],
  },
];

const DEMO_STAFF = DEMO_ORGANIZATIONS.flatMap((o) => o.users.map((u) => ({ ...u, organization: o.name })));

/**
 * The passwords the seed gave every database before they were generated per database (the README printed them):
 * a database seeded then still accepts them until `rotatePublishedDemoPasswords` replaces them.
 */
export const PUBLISHED_DEMO_PASSWORDS: Readonly<Record<string, string>> = {
  "admin@northwind.test": "northwind-admin-demo",
  "recruiter@northwind.test": "northwind-recruiter-demo",
  "admin@contoso.test": "contoso-admin-demo",
  "recruiter@contoso.test": "contoso-recruiter-demo",
};

/** A demo login; `password` is null for an account that existed before this run (its password is unchanged). */
export type DemoLogin = { organization: string; role: Role; email: string; password: string | null };

export type SeedResult = { created: boolean; skipped: boolean; logins: DemoLogin[] };

/**
 * Creates the demo organizations (marked as demo) and their staff, each with a password generated now; skips
 * whatever already exists (safe to run twice) and never adds demo staff to a real organization of the same slug.
 */
export async function seedDemo({ onlyIfEmpty }: { onlyIfEmpty: boolean }): Promise<SeedResult> {
  if (onlyIfEmpty && (await countOrganizations()) > 0) return { created: false, skipped: true, logins: [] };
  let created = false;
  const logins: DemoLogin[] = [];
  for (const org of DEMO_ORGANIZATIONS) {
    const existing = await getOrganizationBySlug(org.slug);
    if (existing && existing.is_demo !== 1) {
      console.warn(`An organization with the slug "${org.slug}" exists and is not a demo one: left untouched.`);
      continue;
    }
    const orgId =
      existing?.id ?? (await createOrganization({ name: org.name, slug: org.slug, vision: org.vision, isDemo: true }));
    created ||= !existing;
    for (const u of org.users) {
      const login = { organization: org.name, role: u.role, email: u.email };
      if (await getUserByEmail(u.email)) {
        logins.push({ ...login, password: null });
        continue;
      }
      const password = generateDemoPassword();
      try {
        await createUser(orgId, { ...u, password });
      } catch (error) {
        if (!(error instanceof EmailTakenError)) throw error;
        logins.push({ ...login, password: null }); // a disabled account keeps its email
        continue;
      }
      logins.push({ ...login, password });
      created = true;
    }
    created = (await seedQuestionnaire(orgId, org.questionnaireTemplate)) || created;
    created = (await seedBenchmark(orgId)) || created;
  }
  return { created, skipped: false, logins };
}

/** The demo organizations' seeded staff accounts this database holds, in the order of DEMO_ORGANIZATIONS. */
async function demoStaffAccounts() {
  const accounts = await listDemoStaff(DEMO_STAFF.map((s) => s.email));
  return DEMO_STAFF.flatMap((staff) => {
    const account = accounts.find((a) => a.email === staff.email);
    return account ? [{ ...account, staff }] : [];
  });
}

async function giveNewPassword(
  account: Awaited<ReturnType<typeof demoStaffAccounts>>[number],
  actorLabel: string,
): Promise<DemoLogin> {
  const password = generateDemoPassword();
  await setDemoStaffPassword(account.organizationId, account.id, password, actorLabel);
  return { organization: account.staff.organization, role: account.staff.role, email: account.email, password };
}

/** New generated passwords for the demo organizations' seeded staff (only those), ending their sessions. */
export async function resetDemoPasswords(): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const account of await demoStaffAccounts())
    logins.push(await giveNewPassword(account, "npm run db:seed -- --reset-demo-passwords"));
  return logins;
}

/** Replaces the passwords of demo staff who still accept a once-published password (databases seeded before). */
export async function rotatePublishedDemoPasswords(): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const account of await demoStaffAccounts()) {
    const published = PUBLISHED_DEMO_PASSWORDS[account.email];
    if (published && (await verifyPassword(published, account.passwordHash)))
      logins.push(await giveNewPassword(account, "seed: replaced a once-published demo password"));
  }
  return logins;
}

/** Whether this database holds any of the demo organizations' seeded staff. */
export async function hasDemoStaff(): Promise<boolean> {
  return (await demoStaffAccounts()).length > 0;
}
