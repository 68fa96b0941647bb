// The API's error frame (issue 20): JSON pointers from zod paths, a model's plain 404 becomes problem+json, a busy
// database a 503 problem with Retry-After, anything else a 500 problem without internals.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { DatabaseUnavailableError, RETRY_AFTER_SECONDS } from "../../app/utils/database-unavailable.server";
import { handleApi } from "../../app/utils/api/handler.server";
import { fieldErrors, jsonPointer } from "../../app/utils/api/problem.server";

describe("API problems", () => {
  it("writes RFC 6901 pointers, escaping ~ and /", () => {
    expect(jsonPointer(["invitations", 0, "email"])).toBe("/invitations/0/email");
    expect(jsonPointer(["a/b", "c~d"])).toBe("/a~1b/c~0d");
    expect(jsonPointer([])).toBe("");
    const parsed = z.object({ n: z.number() }).safeParse({ n: "x" });
    expect(parsed.success ? [] : fieldErrors(parsed.error)).toEqual([
      { pointer: "/n", detail: "Expected number, received string" },
    ]);
  });

  it("turns a thrown plain 404 into problem+json, a busy database into 503 with Retry-After, a bug into 500", async () => {
    const notFound = await handleApi(async () => {
      throw new Response("Not found", { status: 404 });
    });
    expect([notFound.status, notFound.headers.get("Content-Type")]).toEqual([404, "application/problem+json"]);
    expect(await notFound.json()).toMatchObject({ title: "Not found", status: 404 });

    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const busy = await handleApi(async () => {
      throw new DatabaseUnavailableError("locked", "database is locked");
    });
    expect([busy.status, busy.headers.get("Retry-After")]).toEqual([503, String(RETRY_AFTER_SECONDS)]);
    const bug = await handleApi(async () => {
      throw new Error("secret internals");
    });
    expect(bug.status).toBe(500);
    expect(await bug.text()).not.toContain("secret internals");
    errors.mockRestore();
  });
});
