import { createOrganization } from "../app/models/organization.server";
import { getDb, nowIso } from "../app/utils/db.server";
import { hashPassword } from "../app/utils/password.server";
import { newId } from "../app/utils/tokens.server";
import { createStaffSession } from "../app/utils/session.server";
import type { Role } from "../db/types";

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export async function makeOrganization(name = "Test Org") {
  const slug = unique("org");
  const id = await createOrganization({ name, slug });
  return { id, slug, name };
}

export const TEST_PASSWORD = "correct horse battery staple";

// scrypt at full cost takes ~0.4 s; hash the shared test password once per test file.
let testPasswordHash: Promise<string> | undefined;

export async function makeUser(orgId: string, role: Role = "recruiter") {
  const email = `${unique(role)}@example.test`;
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const id = newId();
  await getDb()
    .insertInto("users")
    .values({
      id,
      organization_id: orgId,
      email,
      name: `Test ${role}`,
      role,
      password_hash: await testPasswordHash,
      created_at: nowIso(),
      disabled_at: null,
    })
    .execute();
  return { id, email, role, organizationId: orgId };
}

/** A Cookie header value for a logged-in session of that user. */
export async function sessionCookieFor(userId: string): Promise<string> {
  const setCookie = await createStaffSession(userId);
  return setCookie.split(";")[0];
}

const BASE = "http://localhost:3000";

export function getRequest(pathname: string, cookie?: string): Request {
  return new Request(BASE + pathname, { headers: cookie ? { Cookie: cookie } : {} });
}

export function postForm(pathname: string, fields: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  }
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE };
  if (cookie) headers.Cookie = cookie;
  return new Request(BASE + pathname, { method: "POST", body, headers });
}

/** Runs a loader/action and returns the thrown or returned Response-like result for assertions. */
export async function run<T>(fn: () => Promise<T>): Promise<T | Response> {
  try {
    return await fn();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export type Outcome = { status: number; data: unknown; headers: Headers; location: string | null };

/** Normalises what a loader/action returned or threw: a Response, a `data()` value, or plain data. */
export async function outcome(fn: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await fn();
  } catch (thrown) {
    result = thrown;
    if (!(thrown instanceof Response) && !isDataWithInit(thrown)) throw thrown;
  }
  if (result instanceof Response) {
    const text = await result.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // plain text body
    }
    return { status: result.status, data: body, headers: result.headers, location: result.headers.get("Location") };
  }
  if (isDataWithInit(result)) {
    const headers = new Headers(result.init?.headers);
    return { status: result.init?.status ?? 200, data: result.data, headers, location: headers.get("Location") };
  }
  return { status: 200, data: result, headers: new Headers(), location: null };
}

function isDataWithInit(v: unknown): v is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof v === "object" && v !== null && (v as { type?: unknown }).type === "DataWithResponseInit";
}
