import { makeOrganization, makeUser, sessionCookieFor } from "./factories";

/** An organization with a logged-in admin and recruiter. */
export async function makeStaffedOrganization(name = "Test Org") {
  const org = await makeOrganization(name);
  const admin = await makeUser(org.id, "admin");
  const recruiter = await makeUser(org.id, "recruiter");
  return {
    org,
    admin,
    recruiter,
    adminCookie: await sessionCookieFor(admin.id),
    recruiterCookie: await sessionCookieFor(recruiter.id),
  };
}
