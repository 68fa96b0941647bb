import { describe, expect, it } from "vitest";
import { ALLOWED_METHODS, checkIncomingRequest, MAX_BODY_BYTES } from "../../app/utils/request-guard.server";

const base = { host: "localhost:3000", origin: undefined, secFetchSite: undefined, contentLength: undefined };

describe("request guard", () => {
  it("lets reads through whatever their origin", () => {
    expect(
      checkIncomingRequest({ ...base, method: "GET", origin: "https://evil.test", secFetchSite: "cross-site" }),
    ).toEqual({ ok: true });
  });
  it("refuses a POST from another origin with 403", () => {
    expect(checkIncomingRequest({ ...base, method: "POST", origin: "https://evil.test" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(checkIncomingRequest({ ...base, method: "POST", origin: "null" })).toMatchObject({ ok: false, status: 403 });
    expect(checkIncomingRequest({ ...base, method: "POST", secFetchSite: "cross-site" })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(
      checkIncomingRequest({ ...base, method: "POST", secFetchSite: "same-site", origin: "http://localhost:3000" }),
    ).toMatchObject({ status: 403 });
  });
  it("accepts a same-origin POST", () => {
    expect(
      checkIncomingRequest({ ...base, method: "POST", origin: "http://localhost:3000", secFetchSite: "same-origin" }),
    ).toEqual({ ok: true });
  });
  it("answers methods other than GET, HEAD and POST with 405 and Allow, before any other check", () => {
    expect(ALLOWED_METHODS).toEqual(["GET", "HEAD", "POST"]);
    for (const method of ["TRACE", "TRACK", "CONNECT", "OPTIONS", "PUT", "PATCH", "DELETE", "get"]) {
      expect(checkIncomingRequest({ ...base, method, origin: "https://evil.test" })).toEqual({
        ok: false,
        status: 405,
        message: `The method ${method} is not allowed.`,
        headers: { Allow: "GET, HEAD, POST" },
      });
    }
    expect(checkIncomingRequest({ ...base, method: "HEAD" })).toEqual({ ok: true });
  });
  it("refuses bodies over the limit with 413", () => {
    expect(
      checkIncomingRequest({
        ...base,
        method: "POST",
        origin: "http://localhost:3000",
        contentLength: String(MAX_BODY_BYTES + 1),
      }),
    ).toMatchObject({
      ok: false,
      status: 413,
    });
  });
});
