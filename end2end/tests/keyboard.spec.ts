// Keyboard only: from the start page to a filed request without a mouse, every stop showing
// where the focus is.
import { expect, type Locator, type Page } from "@playwright/test";
import { codeFromOutbox, freshEmail, hydrated, test } from "./helpers";

/** Presses Tab until `target` has the focus (at most `max` times), and checks it shows. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
  const outline = await target.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline, "a visible focus ring").not.toBe("none");
}

test("keyboard only: from the start page to a filed export", async ({ page }) => {
  const email = freshEmail("keyboard");
  await page.goto("/");
  await hydrated(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to the content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  await tabTo(page, page.getByRole("link", { name: "Take your data with you" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/requests\/new\/export$/);
  await hydrated(page);
  await tabTo(page, page.getByRole("link", { name: "Sign in to continue" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await hydrated(page);

  await tabTo(page, page.getByLabel("E-mail address"));
  await page.keyboard.type(email);
  await page.keyboard.press("Enter");
  const code = page.getByLabel("Code", { exact: true });
  await expect(code).toBeVisible();
  await tabTo(page, code);
  await page.keyboard.type(await codeFromOutbox(email));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/requests\/new\/export$/);
  await hydrated(page);

  const place = page.getByLabel("Country or state");
  await tabTo(page, place);
  await page.keyboard.press("ArrowDown");
  await expect(place).not.toHaveValue("");
  await tabTo(page, page.getByRole("button", { name: "Continue" }));
  await page.keyboard.press("Enter");
  await expect(page.locator("#reply-by time")).toBeVisible();
  await hydrated(page);
  await tabTo(page, page.getByRole("button", { name: "Send my request" }));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
  await expect(page.locator(".timeline")).toContainText("We received your request.");
});
