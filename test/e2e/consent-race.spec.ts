// Round two's flaky "Start" (seen in CI on several journeys): the landing page posted its "opened" beacon through a
// Remix fetcher; when that fetcher's revalidation began while "Start" was navigating, it aborted the route discovery
// of /r and left the person on a broken /r page. This walk makes that interleaving happen every time: the beacon's
// answer is held until the consent has been answered, and the discovery of /r waits until any revalidation of the
// landing page has finished (or 1.5 s, when there is none).
import { expect, test } from "@playwright/test";
import { logIn, NORTHWIND_RECRUITER as recruiter } from "./helpers";

test("'Start' pressed while the page's opened beacon is still under way reaches the first page", async ({
  page,
  browser,
}) => {
  await logIn(page, recruiter);
  await page.goto("/app/positions");
  await page.getByRole("link", { name: "Customer support agent" }).first().click();
  const candidates = page.getByRole("region", { name: "Candidates" });
  await candidates.getByLabel("Name", { exact: true }).fill("Quinn Quick");
  await candidates.getByRole("button", { name: "Invite candidate" }).click();
  await expect(candidates.getByRole("status").filter({ hasText: "Invited Quinn Quick." })).toBeVisible();
  const link = await candidates.getByLabel(/^Quinn Quick/).inputValue();

  const context = await browser.newContext();
  const p = await context.newPage();
  let beaconSent = false;
  let releaseBeacon: () => void = () => {};
  const consentAnswered = new Promise<void>((resolve) => (releaseBeacon = resolve));
  let landingRevalidated: () => void = () => {};
  const revalidation = new Promise<void>((resolve) => (landingRevalidated = resolve));
  p.on("requestfinished", (request) => {
    if (request.method() === "GET" && /\/i\/[^/]+\.data/.test(request.url())) landingRevalidated();
  });
  await p.route("**/i/**", async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    const response = await route.fetch();
    if ((request.postData() ?? "").includes("intent=opened")) {
      beaconSent = true;
      await consentAnswered;
    } else releaseBeacon();
    await route.fulfill({ response });
  });
  await p.route("**/__manifest?p=%2Fr*", async (route) => {
    await Promise.race([revalidation, new Promise((resolve) => setTimeout(resolve, 1500))]);
    await route.continue();
  });

  await p.goto(link);
  await expect.poll(() => beaconSent).toBe(true);
  await p.getByRole("checkbox").check();
  await p.getByRole("button", { name: "Start" }).click();
  await expect(p).toHaveURL(/\/r\/1$/);
  await expect(p.locator(".progress-block label")).toHaveText(/^Page 1 of \d+$/);
  await context.close();

  // the beacon still did its work: the recruiter's pipeline says the link was opened and started
  await page.goto("/app/positions");
  await page.getByRole("link", { name: "Customer support agent" }).first().click();
  await expect(page.getByRole("row", { name: /Quinn Quick/ }).first()).toContainText(/Started|Page 1/);
});
