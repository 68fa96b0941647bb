// The request guard lets keyed /api/ calls through whatever their origin (no cookies are read there), keeps the body
// limit for them, and keeps refusing cross-site posts everywhere else and to /api/ without a key (issue 20).
import { describe, expect, it } from "vitest";
import { checkIncomingRequest, MAX_BODY_BYTES } from "../../app/utils/request-guard.server";

const base = { host: "localhost:3000", origin: undefined, secFetchSite: undefined, contentLength: undefined };
const crossSite = { origin: "https://ats.example", secFetchSite: "cross-site" };

describe("request guard and the API", () => {
  it("lets a POST to /api/ with an Authorization header through from another origin", () => {
    const verdict = checkIncomingRequest({
      ...base,
      ...crossSite,
      method: "POST",
      path: "/api/v1/positions/x/invitations",
      authorization: "Bearer vb_live_abc",
    });
    expect(verdict).toEqual({ ok: true });
  });
  it("still refuses a cross-site POST to /api/ without a key, and to a page with one", () => {
    expect(
      checkIncomingRequest({ ...base, ...crossSite, method: "POST", path: "/api/v1/positions/x/invitations" }),
    ).toMatchObject({ ok: false, status: 403 });
    expect(
      checkIncomingRequest({
        ...base,
        ...crossSite,
        method: "POST",
        path: "/app/positions",
        authorization: "Bearer x",
      }),
    ).toMatchObject({ ok: false, status: 403 });
  });
  it("keeps the body limit for keyed API calls", () => {
    expect(
      checkIncomingRequest({
        ...base,
        method: "POST",
        path: "/api/v1/positions/x/invitations",
        authorization: "Bearer vb_live_abc",
        contentLength: String(MAX_BODY_BYTES + 1),
      }),
    ).toMatchObject({ ok: false, status: 413 });
  });
});
