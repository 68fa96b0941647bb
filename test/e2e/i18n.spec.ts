// Issue 11: a candidate invited in Finnish answers the whole questionnaire in Finnish; the recruiter sees the language
// and the cross-language marker on the report (the seeded benchmark agents all answered in English).
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { answeringPageReady, logIn, NORTHWIND_RECRUITER as recruiter } from "./helpers";

const POSITION = "Customer support agent";
const CANDIDATE = "Aino Virtanen";
/** What the organization wrote (content, not UI): the seeded position's description stays as written. */
const CONTENT = [
  POSITION,
  "Front-line chat and email support. Demo position with imported top agents and scored candidates.",
];

type Catalog = { [key: string]: string | Catalog };
function flatten(catalog: Catalog, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[path] = value;
    else Object.assign(out, flatten(value, path));
  }
  return out;
}
const en = flatten(JSON.parse(fs.readFileSync("app/i18n/locales/en.json", "utf8")) as Catalog);
const fi = flatten(JSON.parse(fs.readFileSync("app/i18n/locales/fi.json", "utf8")) as Catalog);

/**
 * Every English UI text of the catalog, as the literal pieces between its placeholders and tags (a string that is
 * the same in Finnish, like an age band "25–34", is not English UI). Short pieces match as whole words.
 */
const ENGLISH = Object.keys(en)
  .filter((key) => en[key] !== fi[key])
  .flatMap((key) => en[key].split(/\{\{[^}]*\}\}|<\/?strong>/))
  .map((piece) => piece.trim().replace(/^[·,.:;!—–-]+\s*|\s*[·,.:;!—–-]+$/g, ""))
  .filter((piece) => piece.length >= 4);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ENGLISH_PATTERNS = [...new Set(ENGLISH)].map((piece) => ({
  piece,
  re: piece.length < 16 ? new RegExp(`(^|[^\\p{L}])${escape(piece)}($|[^\\p{L}])`, "u") : null,
}));

async function expectFinnishOnly(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("lang", "fi");
  let text = `${await page.title()}\n${await page.locator("body").innerText()}`;
  for (const content of CONTENT) text = text.split(content).join(" ");
  const found = ENGLISH_PATTERNS.filter(({ piece, re }) => (re ? re.test(text) : text.includes(piece))).map(
    (p) => p.piece,
  );
  expect(found, `English UI text on ${page.url()}`).toEqual([]);
}

test("a candidate invited in Finnish answers in Finnish; the report says Finnish and cross-language", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  expect(ENGLISH.length).toBeGreaterThan(100);
  await logIn(page, recruiter);
  await page.goto("/app/positions");
  await page.getByRole("link", { name: POSITION }).first().click();
  const section = page.getByRole("region", { name: "Candidates" });
  // Only the languages the position's questionnaire version is published in are offered.
  const select = section.getByLabel("Language").first();
  await expect(select.locator("option")).toHaveText([
    "English",
    "Spanish",
    "Finnish",
    "Italian",
    "Romanian",
    "Slovenian",
  ]);
  await section.getByLabel("Name", { exact: true }).fill(CANDIDATE);
  await select.selectOption("fi");
  await section.getByRole("button", { name: "Invite candidate" }).click();
  await expect(section.getByRole("status").filter({ hasText: `Invited ${CANDIDATE}.` })).toBeVisible();
  const link = await section.getByLabel(new RegExp(`^${CANDIDATE}`)).inputValue();
  await section.getByLabel("Name", { exact: true }).fill("Matej Novak");
  await section.getByLabel("Language").first().selectOption("fi");
  await section.getByRole("button", { name: "Invite candidate" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Invited Matej Novak." })).toBeVisible();
  const secondLink = await section.getByLabel(/^Matej Novak/).inputValue();

  // ---- Without JavaScript: the landing page's switcher (a GET) shows Slovenian, and consenting keeps it.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const q = await plain.newPage();
  await q.goto(secondLink);
  await expect(q.locator("html")).toHaveAttribute("lang", "fi");
  await q.getByRole("combobox", { name: "Kieli" }).selectOption("sl");
  await q.getByRole("button", { name: "Vaihda kieli" }).click();
  await expect(q.locator("html")).toHaveAttribute("lang", "sl");
  await expect(q.getByRole("heading", { name: `Vprašalnik za delovno mesto ${POSITION}` })).toBeVisible();
  await q.getByRole("checkbox").check();
  await q.getByRole("button", { name: "Začni" }).click();
  await expect(q).toHaveURL(/\/r\/1$/);
  await expect(q.locator("html")).toHaveAttribute("lang", "sl");
  await expect(q.getByRole("button", { name: "Naslednja stran" })).toBeVisible();
  await expect(q.getByText("5 · Popolnoma se strinjam").first()).toBeVisible();
  await plain.close();

  // ---- The candidate, in a browser of their own.
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(link);
  await expect(p.getByRole("heading", { name: `Kysely tehtävään ${POSITION}` })).toBeVisible();
  await expect(p.getByText("Miksi kysymme")).toBeVisible();
  await expectFinnishOnly(p);
  // Consent is required, and the error is Finnish too.
  await p.getByRole("button", { name: "Aloita" }).click();
  await expect(p.getByText("Merkitse ruutu hyväksynnän merkiksi ennen kuin aloitat.")).toBeVisible();
  await expectFinnishOnly(p);
  await p.getByRole("checkbox").check();
  await p.getByRole("button", { name: "Aloita" }).click();
  await expect(p).toHaveURL(/\/r\/1$/);

  for (let guard = 0; guard < 30; guard++) {
    await expect(p.locator(".progress-block label")).toHaveText(/^Sivu \d+\/\d+$/);
    const [, current, of] = /^Sivu (\d+)\/(\d+)$/.exec((await p.locator(".progress-block label").textContent()) ?? "")!;
    await answeringPageReady(p);
    const groups = p.locator("fieldset.question-item");
    const count = await groups.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      const group = groups.nth(i);
      const radios = group.locator('input[type="radio"]');
      const n = await radios.count();
      if (n === 5) await expect(group.getByText("5 · Täysin samaa mieltä")).toBeVisible();
      if (n === 11) await expect(group.getByText("10 = Täysin")).toBeVisible();
      await radios.nth(Math.min(3, n - 1)).check();
    }
    await expect(p.getByRole("status").filter({ hasText: "Kaikki vastaukset on tallennettu." })).toBeVisible();
    await expectFinnishOnly(p);
    if (current === of) {
      await p.getByRole("button", { name: "Tarkista vastaukset" }).click();
      break;
    }
    await p.getByRole("button", { name: "Seuraava sivu" }).click();
    await expect(p).toHaveURL(new RegExp(`/r/${Number(current) + 1}$`));
  }

  await expect(p).toHaveURL(/\/r\/review$/);
  await expect(p.getByRole("heading", { name: "Tarkista vastauksesi" })).toBeVisible();
  await expect(p.getByText(/^Vastasit kaikkiin \d+ kysymykseen\.$/)).toBeVisible();
  await expectFinnishOnly(p);
  await p.getByRole("button", { name: "Lähetä vastaukseni" }).click();

  await expect(p).toHaveURL(/\/r\/done$/);
  await expect(p.getByRole("heading", { name: `Kiitos, ${CANDIDATE}!` })).toBeVisible();
  await expect(p.getByRole("group", { name: "Sukupuoli" })).toBeVisible();
  await expect(p.getByText("En halua kertoa").first()).toBeVisible();
  await expectFinnishOnly(p);
  await p.getByRole("group", { name: "Ikä" }).getByLabel("25–34").check();
  await p.getByRole("button", { name: "Lähetä nämä vastaukset" }).click();
  await expect(p.getByText("Kiitos. Vastauksesi on tallennettu. Voit nyt sulkea tämän sivun.")).toBeVisible();
  await expectFinnishOnly(p);

  // The switch (no JavaScript needed) stores another language on the response.
  await p.getByRole("combobox", { name: "Kieli" }).selectOption("sl");
  await p.getByRole("button", { name: "Vaihda kieli" }).click();
  await expect(p.locator("html")).toHaveAttribute("lang", "sl");
  await expect(p.getByRole("heading", { name: `Hvala, ${CANDIDATE}!` })).toBeVisible();
  await p.getByRole("combobox", { name: "Jezik" }).selectOption("fi");
  await p.getByRole("button", { name: "Zamenjaj jezik" }).click();
  await expect(p.getByRole("heading", { name: `Kiitos, ${CANDIDATE}!` })).toBeVisible();
  await context.close();

  // ---- The recruiter: the results list and the report say Finnish, and the comparison crosses languages.
  await page.goto("/app/positions");
  await page.getByRole("link", { name: POSITION }).first().click();
  await page.getByRole("navigation", { name: "Position" }).getByRole("link", { name: "Results" }).click();
  const row = page.locator("tr").filter({ hasText: CANDIDATE });
  await expect(row).toContainText("Finnish");
  await row.getByRole("link", { name: CANDIDATE }).click();
  await expect(page.getByRole("heading", { name: `Fit report: ${CANDIDATE}` })).toBeVisible();
  await expect(page.locator(".language-note")).toContainText("Answered in Finnish");
  await expect(page.locator(".cross-language-badge")).toHaveText("Cross-language");
  await expect(page.getByRole("note", { name: "Cross-language comparison" })).toContainText(
    "Translated items may not measure exactly the same thing in every language",
  );
});
