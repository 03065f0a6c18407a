// End-to-end: a real browser (Debian's Chromium, driven by playwright-core) against a running
// Moodify server. Compose a post with a caption and a photo, wait for the reading and ten
// tracks, like one, reload and see it kept, switch to uplift and see the list change, look at
// the history, switch the language. A screenshot of each screen goes to SCREENSHOTS.
//
//   MOODIFY_URL=http://127.0.0.1:5000 PHOTO=face.jpg SCREENSHOTS=../docs/screenshots node e2e/run.mjs

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.MOODIFY_URL ?? "http://127.0.0.1:5000";
const PHOTO = process.env.PHOTO;
const MUSIC = process.env.MUSIC;   // an audio file to import
const VIDEO = process.env.VIDEO;   // a video to put it under
const SHOTS = process.env.SCREENSHOTS ?? "screenshots";
const BROWSER = process.env.CHROMIUM ?? "/usr/bin/chromium";
assert.ok(PHOTO && MUSIC && VIDEO, "set PHOTO (a photo with a face), MUSIC (an audio file) and VIDEO");
mkdirSync(SHOTS, { recursive: true });

const browser = await chromium.launch({
  executablePath: BROWSER,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run"],
});
const step = (name) => console.log(`e2e: ${name}`);
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  const page = await context.newPage();
  page.setDefaultTimeout(90_000);
  // Each screen as a phone shows it, scrolled to what the step is about.
  const shot = async (name, selector) => {
    if (selector) await page.locator(selector).first().evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };
  const titles = async () => page.locator("[data-testid=track] .track-title").allInnerTexts();

  step("compose");
  await page.goto(BASE);
  await page.getByLabel("Caption").fill("Finally back home with my best friend 😍 #행복 #weekend");
  await page.locator("#files").setInputFiles(PHOTO);
  await page.locator(".parts img").waitFor();
  await shot("1-compose");

  step("analyse");
  await page.getByRole("button", { name: "Analyse" }).click();
  await page.locator(".reading .verdict").waitFor();
  await page.locator("[data-testid=track]").nth(9).waitFor();
  assert.equal(await page.locator("[data-testid=track]").count(), 10);
  const verdict = await page.locator(".reading .verdict").innerText();
  assert.match(verdict, /Mostly (happy|surprised)/, `the smiling photo and caption read as: ${verdict}`);
  assert.ok(await page.getByText(/face/).count() > 0, "the evidence names the face");
  await shot("2-reading", ".reading");

  step("like, reload, still liked");
  const first = page.locator("[data-testid=track]").first();
  const liked = await first.locator(".track-title").innerText();
  await first.getByRole("button", { name: "Like" }).click();
  await first.getByRole("button", { name: "Liked" }).waitFor();
  await page.reload();
  await page.locator("[data-testid=track]").nth(9).waitFor();
  const again = page.locator("[data-testid=track]", { hasText: liked });
  await again.getByRole("button", { name: "Liked" }).waitFor();
  assert.equal(await again.getByRole("button", { name: "Liked" }).getAttribute("aria-pressed"), "true");
  await shot("3-music", ".music");

  step("uplift changes the list");
  const before = await titles();
  await page.getByRole("button", { name: "Lift up" }).click();
  await page.waitForFunction(
    (old) => [...document.querySelectorAll("[data-testid=track] .track-title")].map((e) => e.textContent).join("|") !== old,
    before.join("|"));
  const after = await titles();
  assert.equal(after.length, 10);
  assert.notDeepEqual(after, before);
  assert.match(page.url(), /mode=uplift/);
  await shot("4-uplift", ".music");

  step("import your own music, pick it, render, download");
  await page.locator("#music-files").setInputFiles(MUSIC);
  await page.getByRole("status").filter({ hasText: /1 imported|already there/ }).waitFor();
  await page.getByLabel("Only your music").check();
  const mine = page.locator("[data-testid=track]").first();
  await mine.getByRole("button", { name: "Use in video" }).waitFor();
  await mine.getByRole("button", { name: "Use in video" }).click();
  await mine.locator(".wave").waitFor();
  await mine.locator(".render input[type=file]").setInputFiles(VIDEO);
  await mine.getByRole("button", { name: "Make the video" }).click();
  const download = mine.getByRole("link", { name: "Download the video" });
  await download.waitFor();
  const href = await download.getAttribute("href");
  const file = await page.request.get(BASE + href);
  assert.equal(file.status(), 200);
  assert.equal(file.headers()["content-type"], "video/mp4");
  assert.ok((await file.body()).length > 10_000);
  await shot("8-render", ".render");

  step("history");
  await page.getByRole("button", { name: "History" }).click();
  await page.locator(".history li").first().waitFor();
  assert.match(await page.locator(".history").innerText(), /best friend/);
  await shot("5-history");

  step("Korean, remembered");
  await page.getByLabel("Language").selectOption("ko");
  await page.getByRole("button", { name: "작성" }).waitFor();
  await page.reload();
  await page.getByRole("button", { name: "기록" }).waitFor();
  await page.getByRole("button", { name: "작성" }).click();
  await page.locator("[data-testid=track]").first().waitFor();
  await shot("6-korean", ".reading");

  step("desktop");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot("7-desktop", ".reading");
  console.log("e2e: passed");
} finally {
  await browser.close();
}
