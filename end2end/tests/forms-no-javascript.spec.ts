// The forms with files and the agent's confirmation, without JavaScript, in every language:
// an agent files for somebody with their signed permission, the person confirms from the
// mailed link, and a request to remove data from model outputs is filed with a file. Every
// page on the way has no axe violations.
import { expect, type Page } from "@playwright/test";
import { accessibleWithoutScripts as accessible, codeFromOutbox, freshEmail, mailArrives, test } from "./helpers";
import { LANGUAGES, t, type Language } from "./locales";

test.use({ javaScriptEnabled: false });

const PERMISSION = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

async function signIn(page: Page, language: Language, email: string, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel(t(language, "sign_in.email")).fill(email);
  await page.getByRole("button", { name: t(language, "sign_in.send_code") }).click();
  await page.getByLabel(t(language, "sign_in.code"), { exact: true }).fill(await codeFromOutbox(email));
  await page.getByRole("button", { name: t(language, "sign_in.submit") }).click();
  await expect(page).toHaveURL(new RegExp(`${next}$`));
}

for (const language of LANGUAGES) {
  test.describe(`in ${language}`, () => {
    test.use({ locale: language });

    test("without JavaScript: an agent files, the person confirms, and evidence goes with a removal", async ({ page, browser }) => {
      const consumer = freshEmail(`consumer-${language}`);
      await signIn(page, language, freshEmail(`agent-${language}`), "/agents");
      await accessible(page, browser);
      await page.getByLabel(t(language, "agents.consumer")).fill(consumer);
      await page.getByLabel(t(language, "agents.place")).selectOption("US-CA");
      await page.getByLabel(t(language, "kinds.export")).check();
      await page.getByLabel(t(language, "agents.permission")).setInputFiles({ name: "permission.pdf", mimeType: "application/pdf", buffer: PERMISSION });
      await page.getByLabel(t(language, "agents.authorized")).check();
      await page.getByRole("button", { name: t(language, "agents.send") }).click();
      await expect(page.getByRole("status")).toHaveText(t(language, "agents.sent"));
      await accessible(page, browser);

      // The person opens the mailed link in a browser of their own, also without scripts.
      const mail = await mailArrives(consumer, "X-Rightful-Notice: agent_confirm");
      const link = new URL(mail.match(/https?:\/\/\S+\/confirm\?token=[0-9a-f]{64}/)?.[0] ?? "");
      const context = await browser.newContext({ javaScriptEnabled: false, locale: language });
      const theirs = await context.newPage();
      await theirs.goto(link.pathname + link.search);
      await expect(theirs.getByRole("heading", { level: 1 })).toHaveText(t(language, "agent_confirm.heading"));
      await accessible(theirs, browser);
      await theirs.getByRole("button", { name: t(language, "agent_confirm.confirm") }).click();
      await expect(theirs.getByRole("status")).toHaveText(t(language, "agent_confirm.confirmed"));
      await accessible(theirs, browser);
      await context.close();

      // The agent, signed in, files a removal from model outputs with a screenshot.
      await page.goto("/requests/new/remove_from_outputs");
      await page.getByLabel(t(language, "places.label")).selectOption("GB-ENG");
      await page.getByRole("button", { name: t(language, "flow.proceed") }).click();
      await page.getByLabel(t(language, "flow.prompts")).fill("Who is Ada?");
      await page.getByLabel(t(language, "flow.outputs")).fill("Her home address.");
      await page.getByLabel(t(language, "flow.reason")).fill("It is my address.");
      await page.getByLabel(t(language, "flow.evidence")).setInputFiles({ name: "chat.png", mimeType: "image/png", buffer: PNG });
      await accessible(page, browser);
      await page.getByRole("button", { name: t(language, "flow.send") }).click();
      await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}$/);
      await expect(page.locator(".files a")).toHaveText(["chat.png"]);
      await accessible(page, browser);
    });
  });
}
