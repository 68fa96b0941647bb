import { describe, expect, it } from "vitest";
import { checkIncomingRequest, MAX_BODY_BYTES } from "../../app/utils/request-guard.server";

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
    expect(checkIncomingRequest({ ...base, method: "DELETE", secFetchSite: "cross-site" })).toMatchObject({
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
