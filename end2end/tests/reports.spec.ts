// Legal's journey: a `legal` member of staff opens the deadline dashboard (its charts drawn
// as SVG with tables after them, printing without the navigation), downloads the CCPA §7102
// metrics as CSV and opens them as the page to publish, downloads the deadline report, and
// downloads one request's evidence bundle. axe-core on every page.
import { expect, type Download, type Page } from "@playwright/test";
import * as fs from "node:fs";
import { mailArrives, screenshot, test } from "./helpers";
import { accessible, fileCorrection, rightfulWithInput, signIn } from "./console-helpers";

const password = "a lawyer's long password";
const legal = `legal.${Date.now()}@example.com`;
const year = new Date().getUTCFullYear();

test.beforeAll(async () => {
  rightfulWithInput(password, "staff", "create", "--email", legal, "--role", "legal", "--password-stdin");
});

/** Clicks `button` and returns what the browser downloaded. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { download, bytes: fs.readFileSync(await download.path()) };
}

test("legal opens the dashboard, downloads the §7102 metrics, the deadline report and an evidence bundle", async ({ page }) => {
  const { id, email } = await fileCorrection(page, "legal", "US-CA");
  await signIn(page, legal, password);
  await page.getByRole("link", { name: "Reports" }).click();
  await expect(page).toHaveURL(/\/console\/reports$/);
  await expect(page.getByRole("heading", { name: "Deadlines", level: 1 })).toBeVisible();
  await expect(page.locator("svg.bars")).toHaveCount(3);
  await expect(page.getByRole("table", { name: "On time, by month received" })).toBeVisible();
  await accessible(page);
  await screenshot(page, "console-reports");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".console-nav")).toBeHidden();
  await expect(page.locator(".downloads")).toBeHidden();
  await expect(page.locator("svg.bars").first()).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  const ccpa = page.locator('form[action="/console/reports/ccpa"]');
  await ccpa.getByLabel("Year").fill(String(year));
  await ccpa.getByLabel("Format").selectOption("csv");
  const metrics = await downloaded(page, () => ccpa.getByRole("button", { name: "Open" }).click());
  expect(metrics.download.suggestedFilename()).toBe(`ccpa-7102-${year}.csv`);
  const csv = metrics.bytes.toString("utf8");
  expect(csv.split("\r\n")[0]).toMatch(/^year,category,received,complied_in_whole_or_part,denied,/);
  expect(csv).toMatch(new RegExp(`^${year},correct,[1-9]`, "m"));

  await ccpa.getByLabel("Format").selectOption("html");
  await ccpa.getByRole("button", { name: "Open" }).click();
  await expect(page).toHaveURL(/\/console\/reports\/ccpa\?year=\d+&format=html$/);
  await expect(page.getByRole("heading", { name: `Privacy request metrics for ${year}` })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Requests to correct" })).toBeVisible();
  await accessible(page);
  await page.goBack();

  const deadlines = page.locator('form[action="/console/reports/deadlines"]');
  await deadlines.getByLabel("Kind").selectOption("correct");
  const report = await downloaded(page, () => deadlines.getByRole("button", { name: "Download" }).click());
  expect(report.bytes.toString("utf8")).toContain(id);

  // The receipt is mailed by the queue; once it has gone, the bundle holds its copy.
  await mailArrives(email, "X-Rightful-Notice: receipt");
  await page.goto(`/console/requests/${id}`);
  await accessible(page);
  const bundle = await downloaded(page, () => page.getByRole("link", { name: "Evidence bundle (ZIP)" }).click());
  expect(bundle.download.suggestedFilename()).toBe(`evidence-${id}.zip`);
  expect(bundle.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  for (const name of ["manifest.json", "audit-chain.json", "timeline.csv", "notices/001-receipt.eml"]) {
    expect(bundle.bytes.includes(Buffer.from(name))).toBe(true);
  }
});
