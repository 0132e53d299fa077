// Switching language: chosen from the browser's Accept-Language, switchable from any page
// (with or without JavaScript), remembered, followed by <html lang>, and by the mails.
import { expect } from "@playwright/test";
import { codeFromOutbox, freshEmail, hydrated, mailArrives, test } from "./helpers";
import { t } from "./locales";

test.describe("a German browser", () => {
  test.use({ locale: "de-DE" });

  test("is answered in German, and can switch to French for good", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("de", "home.heading"));
    await hydrated(page);

    await page.goto("/sign-in");
    await page.getByLabel(t("de", "site.language")).selectOption("fr");
    await page.getByRole("button", { name: t("de", "site.change_language") }).click();
    // Back on the same page, now in French, and still in French on the next page.
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("fr", "sign_in.heading"));
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");

    // The sign-in code and the receipt come in French too, as text and as HTML.
    const email = freshEmail("francais");
    await page.goto("/sign-in");
    await page.getByLabel(t("fr", "sign_in.email")).fill(email);
    await page.getByRole("button", { name: t("fr", "sign_in.send_code") }).click();
    await page.getByLabel(t("fr", "sign_in.code"), { exact: true }).fill(await codeFromOutbox(email));
    await page.getByRole("button", { name: t("fr", "sign_in.submit") }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("fr", "privacy.heading"));
    const code = await mailArrives(email, "X-Rightful-Notice: sign_in_code");
    expect(code).toContain(t("fr", "mail.code_intro"));
    expect(code).toContain('<html lang="fr">');

    await page.goto("/requests/new/export");
    await page.getByLabel(t("fr", "places.label")).selectOption("FR");
    await page.getByRole("button", { name: t("fr", "flow.proceed") }).click();
    // Dates are written the French way: "4 janvier 2027".
    await expect(page.locator("#reply-by time")).toHaveText(/^\d{1,2} [a-zéû]+ \d{4}$/);
    await page.getByRole("button", { name: t("fr", "flow.send") }).click();
    await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
    await expect(page.locator(".timeline")).toContainText(t("fr", "steps.received"));
    const kind = t("fr", "kinds.export");
    await mailArrives(email, t("fr", "mail.receipt_intro", { kind }));
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, locale: "en-GB" });

  test("the language picker is a plain form", async ({ page }) => {
    await page.goto("/privacy");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByLabel(t("en", "site.language")).selectOption("es");
    await page.getByRole("button", { name: t("en", "site.change_language") }).click();
    await expect(page).toHaveURL(/\/privacy$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("es", "privacy.heading"));
  });
});
