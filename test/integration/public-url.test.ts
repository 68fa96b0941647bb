// Absolute links come from PUBLIC_URL, never from the request's Host header (issue 15, item 7): a forged Host must not
// put another site's address into an invitation link the recruiter hands on.
import { afterEach, describe, expect, it } from "vitest";
import { action as overviewAction } from "../../app/routes/app.positions.$positionId._index";
import { getEnv, publicOrigin, resetEnvCache } from "../../app/utils/env.server";
import { withTestDatabase } from "../db";
import { outcome } from "../factories";
import { makeRecruiterWithPosition } from "../factories-answering";

withTestDatabase();

const saved = { PUBLIC_URL: process.env.PUBLIC_URL, NODE_ENV: process.env.NODE_ENV, PORT: process.env.PORT };

function setEnv(values: Partial<Record<keyof typeof saved, string | undefined>>) {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
}

afterEach(() => setEnv(saved));

/** invite-one posted to a request whose URL and Host name evil.example (what a forged Host header produces). */
async function inviteWithForgedHost(setup: Awaited<ReturnType<typeof makeRecruiterWithPosition>>) {
  const body = new URLSearchParams({ intent: "invite-one", kind: "agent", name: "Hal Host", email: "", locale: "en" });
  const request = new Request(`http://evil.example/app/positions/${setup.positionId}`, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Host: "evil.example",
      Origin: "http://evil.example",
      Cookie: setup.cookie,
    },
  });
  const res = await outcome(() => overviewAction({ request, params: { positionId: setup.positionId }, context: {} }));
  expect(res.status).toBe(200);
  return (res.data as { issued: { link: string }[] }).issued[0].link;
}

describe("PUBLIC_URL", () => {
  it("builds invitation links from PUBLIC_URL whatever the Host header says", async () => {
    setEnv({ PUBLIC_URL: "https://hiring.example.com" });
    const link = await inviteWithForgedHost(await makeRecruiterWithPosition("Host Org"));
    expect(link).toMatch(/^https:\/\/hiring\.example\.com\/i\/[A-Za-z0-9_-]{43}$/);
  });

  it("defaults to the listening address in development and test", async () => {
    setEnv({ PUBLIC_URL: undefined, PORT: "4123" });
    expect(publicOrigin()).toBe("http://localhost:4123");
    const link = await inviteWithForgedHost(await makeRecruiterWithPosition("Default Org"));
    expect(link.startsWith("http://localhost:4123/i/")).toBe(true);
    // a trailing slash is not doubled
    setEnv({ PUBLIC_URL: "https://hiring.example.com/" });
    expect(publicOrigin()).toBe("https://hiring.example.com");
  });

  it("is required in production, and must be an http(s) origin", () => {
    setEnv({ NODE_ENV: "production", PUBLIC_URL: undefined });
    expect(() => getEnv()).toThrow(/PUBLIC_URL: PUBLIC_URL is required in production/);
    setEnv({ NODE_ENV: "production", PUBLIC_URL: "https://hiring.example.com/valuebench" });
    expect(() => getEnv()).toThrow(/PUBLIC_URL must be an origin/);
    setEnv({ NODE_ENV: "production", PUBLIC_URL: "ftp://hiring.example.com" });
    expect(() => getEnv()).toThrow(/PUBLIC_URL must start with http:\/\/ or https:\/\//);
    setEnv({ NODE_ENV: "production", PUBLIC_URL: "hiring.example.com" });
    expect(() => getEnv()).toThrow(/PUBLIC_URL must be a URL/);
    setEnv({ NODE_ENV: "production", PUBLIC_URL: "https://hiring.example.com:8443" });
    expect(publicOrigin()).toBe("https://hiring.example.com:8443");
  });
});
