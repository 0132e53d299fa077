// An axe scan of each page, in each language: no accessibility violations of any impact.
import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { codeFromOutbox, freshEmail, hydrated, test } from "./helpers";
import { LANGUAGES, t } from "./locales";

async function accessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

for (const language of LANGUAGES) {
  test.describe(`in ${language}`, () => {
    test.use({ locale: language });

    for (const path of ["/", "/sign-in", "/privacy", "/requests/new/delete", "/agents", "/no-such-page"]) {
      test(`accessibility of ${path}`, async ({ page }) => {
        await page.goto(path);
        await hydrated(page);
        await expect(page.locator("html")).toHaveAttribute("lang", language);
        await accessible(page);
      });
    }

    test("accessibility of the sign-in code step, a flow page and a status page", async ({ page }) => {
      const email = freshEmail(`axe-${language}`);
      await page.goto("/sign-in?next=%2Frequests%2Fnew%2Fcorrect");
      await hydrated(page);
      await page.getByLabel(t(language, "sign_in.email")).fill(email);
      await page.getByRole("button", { name: t(language, "sign_in.send_code") }).click();
      await expect(page.getByRole("status")).toContainText(email);
      await accessible(page);
      await page.getByLabel(t(language, "sign_in.code"), { exact: true }).fill(await codeFromOutbox(email));
      await page.getByRole("button", { name: t(language, "sign_in.submit") }).click();
      await expect(page).toHaveURL(/\/requests\/new\/correct$/);
      await hydrated(page);
      await accessible(page);
      await page.getByLabel(t(language, "places.label")).selectOption("DE");
      await page.getByRole("button", { name: t(language, "flow.proceed") }).click();
      await expect(page.locator("#reply-by time")).toBeVisible();
      // An empty correction: its error is shown at its field, in this language.
      await page.getByLabel(t(language, "flow.wrong")).fill(" ");
      await page.getByLabel(t(language, "flow.right")).fill("Lovelace");
      await page.getByRole("button", { name: t(language, "flow.send") }).click();
      await expect(page.getByRole("alert")).toHaveText(t(language, "errors.statement_missing"));
      await accessible(page);
      // The page came back from the server: what was typed is gone.
      await page.getByLabel(t(language, "flow.wrong")).fill("Lovelase");
      await page.getByLabel(t(language, "flow.right")).fill("Lovelace");
      await page.getByRole("button", { name: t(language, "flow.send") }).click();
      await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
      await hydrated(page);
      await accessible(page);
      // The forms with files, each with a problem shown at its field, and a confirmation
      // link that is not right.
      for (const path of [
        "/requests/new/remove_from_outputs?problem=invalid&field=evidence&code=evidence.too_large",
        "/agents?problem=invalid&field=permission&code=permission.type",
        "/agents?sent=1",
        `/requests/${crypto.randomUUID()}/confirm?token=${"0".repeat(64)}`,
      ]) {
        await page.goto(path);
        await hydrated(page);
        await accessible(page);
      }
      await page.goto("/agents?problem=invalid&field=permission&code=permission.type");
      await expect(page.locator("#permission-error")).toHaveText(t(language, "errors.permission_type"));
    });
  });
}
