// An axe scan of each page: no accessibility violations of any impact.
import { expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { hydrated, test } from "./helpers";

for (const path of ["/", "/sign-in", "/privacy", "/no-such-page"]) {
  test(`accessibility of ${path}`, async ({ page }) => {
    await page.goto(path);
    await hydrated(page);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}

test("accessibility of the sign-in code step", async ({ page }) => {
  await page.goto("/sign-in");
  await hydrated(page);
  await page.getByLabel("E-mail address").fill(`axe-${Date.now()}@example.com`);
  await page.getByRole("button", { name: "Send me a code" }).click();
  await expect(page.getByRole("status")).toContainText("We sent a code to");
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
