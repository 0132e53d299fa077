// Global Privacy Control: a browser that sends `Sec-GPC: 1` is opted out of sale and sharing,
// and a signed-in person's account gets one opt-out request, however many pages they load.
import { expect } from "@playwright/test";
import { codeFromOutbox, freshEmail, hydrated, test } from "./helpers";

test.describe("with the signal", () => {
  test.use({ extraHTTPHeaders: { "Sec-GPC": "1" } });

  test("the GPC signal is honoured for the browser and, once, for the account", async ({ page, context }) => {
    const notice = page.getByRole("complementary", { name: "Global Privacy Control" });
    await page.goto("/");
    await expect(notice).toContainText("we do not sell or share your data");
    const cookies = await context.cookies();
    expect(cookies.some((c) => c.name === "rightful_gpc" && c.value === "1")).toBe(true);

    const email = freshEmail("gpc");
    await page.goto("/sign-in");
    await hydrated(page);
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("button", { name: "Send me a code" }).click();
    await page.getByLabel("Code").fill(await codeFromOutbox(email));
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/privacy$/);

    // The privacy page is loaded afresh twice; the account gets one opt-out, not two.
    await page.reload();
    await page.reload();
    const optOuts = page.locator("#requests tbody tr", { hasText: "Do not sell or share your data" });
    await expect(optOuts).toHaveCount(1);
    await expect(notice).toBeVisible();
    await page.goto("/no-such-page");
    await expect(notice).toBeVisible();
  });
});

test.describe("without the signal", () => {
  test("nothing is said or recorded", async ({ page, context }) => {
    await page.goto("/");
    await expect(page.getByRole("complementary", { name: "Global Privacy Control" })).toHaveCount(0);
    expect((await context.cookies()).some((c) => c.name === "rightful_gpc")).toBe(false);
  });
});
