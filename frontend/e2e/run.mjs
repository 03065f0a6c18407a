// End-to-end: a real browser (Debian's Chromium, driven by playwright-core) against a running
// Moodify server. A draft (caption and photo) survives a reload, and so does its analysis under
// way: the page follows the same job to its reading, then forgets the draft. Compose a post with a
// caption and a photo (a double click on Analyse sends one request), wait for the reading and ten
// tracks, like one, reload and see it kept, switch to uplift and see the list change; see each
// track's licence, keep only music for monetised posts (remembered across a reload), put a
// Jamendo track into a video with its credit line, find more music online; import your own music
// and render it; look at the history, switch the language. A screenshot of each screen goes to
// SCREENSHOTS. The server is expected to talk to the fake Jamendo and Openverse (tests/fakes).
// axe-core checks each main screen (phone and desktop, English and Korean): any serious or
// critical accessibility violation fails the run, and a line per screen gives the counts.
//
//   MOODIFY_URL=http://127.0.0.1:5000 PHOTO=face.jpg SCREENSHOTS=../docs/screenshots node e2e/run.mjs

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.MOODIFY_URL ?? "http://127.0.0.1:5000";
const PHOTO = process.env.PHOTO;
const MUSIC = process.env.MUSIC; // an audio file to import
const VIDEO = process.env.VIDEO; // a video to put it under
const SHOTS = process.env.SCREENSHOTS ?? "screenshots";
const BROWSER = process.env.CHROMIUM ?? "/usr/bin/chromium";
assert.ok(PHOTO && MUSIC && VIDEO, "set PHOTO (a photo with a face), MUSIC (an audio file) and VIDEO");
mkdirSync(SHOTS, { recursive: true });
const AXE = createRequire(import.meta.url)("axe-core").source;
const IMPACTS = ["critical", "serious", "moderate", "minor"];
const BLOCKING = new Set(["critical", "serious"]);

const browser = await chromium.launch({
  executablePath: BROWSER,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
  ],
});
const began = Date.now();
const seconds = () => ((Date.now() - began) / 1000).toFixed(1);
const step = (name) => console.log(`e2e: ${name} (at ${seconds()} s)`);
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
  const page = await context.newPage();
  page.setDefaultTimeout(90_000);
  // Each screen as a phone shows it, scrolled to what the step is about.
  const shot = async (name, selector) => {
    if (selector)
      await page
        .locator(selector)
        .first()
        .evaluate((e) => e.scrollIntoView({ block: "start" }));
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  };
  // axe-core on the page as it stands: a line of counts by impact, and each serious or critical
  // violation (rule, impact, the first failing node) kept to fail the run at its end.
  const blocking = [];
  const audit = async (screen) => {
    if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
    const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const viewport = page.viewportSize();
    const where = `${screen}, ${await page.evaluate(() => document.documentElement.lang)}, ${viewport.width}×${viewport.height}`;
    const counts = IMPACTS.map((impact) => `${impact} ${violations.filter((v) => v.impact === impact).length}`);
    console.log(`e2e: axe ${where}: ${counts.join(", ")}`);
    for (const v of violations) {
      const line = `${v.id} (${v.impact}) at ${v.nodes[0]?.target.join(" ")}: ${v.help}`;
      console.log(`e2e:   ${line}`);
      if (BLOCKING.has(v.impact)) blocking.push(`${where}: ${line}`);
    }
  };
  const titles = async () => page.locator("[data-testid=track] .track-title").allInnerTexts();
  const badges = async () => page.locator("[data-testid=track] .licence-badge").allInnerTexts();
  const fetchVideo = async (link) => {
    const file = await page.request.get(BASE + (await link.getAttribute("href")));
    assert.equal(file.status(), 200);
    assert.equal(file.headers()["content-type"], "video/mp4");
    assert.ok((await file.body()).length > 10_000);
  };

  // Every analysis the page asks for: a reload or a double click must not start a second one.
  let posts = 0;
  page.on("request", (r) => {
    if (r.method() === "POST" && new URL(r.url()).pathname === "/api/v1/analyses") posts += 1;
  });
  const caption = () => page.getByRole("textbox", { name: "Caption" });
  const photoName = PHOTO.split(/[\\/]/).pop();

  step("the draft survives a reload, and so does its analysis");
  await page.goto(BASE);
  await caption().fill("A draft with my best friend");
  await page.locator("#files").setInputFiles(PHOTO);
  await page.locator(".parts img").waitFor();
  // the files are kept in IndexedDB a moment after they are chosen
  await page.waitForFunction(
    () =>
      new Promise((resolve) => {
        const opening = indexedDB.open("moodify");
        opening.onerror = () => resolve(false);
        opening.onsuccess = () => {
          const db = opening.result;
          if (!db.objectStoreNames.contains("drafts")) return resolve(db.close() ?? false);
          const get = db.transaction("drafts").objectStore("drafts").getAllKeys();
          get.onsuccess = () => resolve(db.close() ?? get.result.length > 0);
          get.onerror = () => resolve(db.close() ?? false);
        };
      }),
  );
  await page.reload();
  await page.locator(".parts .part-name", { hasText: photoName }).waitFor();
  assert.equal(await caption().inputValue(), "A draft with my best friend");
  assert.equal(await page.locator(".parts img").count(), 1);
  assert.equal(await page.locator(".lost").count(), 0, "no file was lost");
  await page.getByRole("button", { name: "Analyse" }).click();
  await page.locator(".progress").waitFor(); // the job is under way (and kept)
  await page.reload();
  await page.locator(".reading .verdict").waitFor();
  assert.equal(posts, 1, "the reload followed the kept job instead of starting another");
  await page.reload();
  await page.locator(".reading .verdict").waitFor(); // the address reopens the reading
  assert.equal(await caption().inputValue(), "", "the draft went once its reading was shown");
  assert.equal(await page.locator(".parts .part").count(), 0);
  assert.equal(posts, 1);

  step("compose");
  await page.goto(BASE);
  await page.getByLabel("Caption").fill("Finally back home with my best friend 😍 #행복 #weekend");
  await page.locator("#files").setInputFiles(PHOTO);
  await page.locator(".parts img").waitFor();
  await shot("1-compose");
  await audit("compose");

  step("analyse (a double click sends one request)");
  await page.getByRole("button", { name: "Analyse" }).dblclick();
  await page.locator(".reading .verdict").waitFor();
  assert.equal(posts, 2, "one more analysis, not two");
  await page.locator("[data-testid=track]").nth(9).waitFor();
  assert.equal(await page.locator("[data-testid=track]").count(), 10);
  const verdict = await page.locator(".reading .verdict").innerText();
  assert.match(verdict, /Mostly (happy|surprised)/, `the smiling photo and caption read as: ${verdict}`);
  assert.ok((await page.getByText(/face/).count()) > 0, "the evidence names the face");
  await shot("2-reading", ".reading");
  await audit("reading and tracks");

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
    (old) =>
      [...document.querySelectorAll("[data-testid=track] .track-title")].map((e) => e.textContent).join("|") !== old,
    before.join("|"),
  );
  const after = await titles();
  assert.equal(after.length, 10);
  assert.notDeepEqual(after, before);
  assert.match(page.url(), /mode=uplift/);
  await shot("4-uplift", ".music");

  step("licences: real names, a badge on every track");
  const cards = page.locator("[data-testid=track]");
  assert.ok(
    (await page.locator("[data-testid=track][data-source=jamendo]").count()) > 0,
    "the happy post's list includes Jamendo tracks",
  );
  for (const title of await titles()) assert.doesNotMatch(title, /^Jamendo track \d+$/, "names were looked up");
  assert.equal((await badges()).length, await cards.count());
  const popular = cards.filter({ has: page.locator(".licence-badge", { hasText: "Popular song" }) });
  if (await popular.count()) {
    assert.match(await popular.first().innerText(), /music picker of Instagram, TikTok or YouTube Shorts/);
    assert.equal(await popular.first().locator(".find-on a").count(), 3);
  }
  const usableTrack =
    "[data-testid=track]:has(.licence-badge[data-tone=ok]), [data-testid=track]:has(.licence-badge[data-tone=personal])";
  await shot(
    "9-licences",
    (await page.locator(usableTrack).count()) ? usableTrack : "[data-testid=track][data-source=jamendo]",
  );

  step("only music for monetised posts, remembered across a reload");
  const monetisedOnly = () =>
    page.waitForFunction(() => {
      const shown = [...document.querySelectorAll("[data-testid=track] .licence-badge")].map((e) => e.textContent);
      return shown.length > 0 && shown.every((text) => /OK for monetised posts|Your music/.test(text));
    });
  await page.getByRole("radio", { name: "Monetised posts" }).check();
  await monetisedOnly();
  await page.reload();
  await page.locator("[data-testid=track]").first().waitFor();
  assert.equal(await page.getByRole("radio", { name: "Monetised posts" }).isChecked(), true);
  await monetisedOnly();

  step("a Jamendo track into the video: fetched, rendered, with its credit line");
  const cc = cards
    .filter({ has: page.getByRole("button", { name: "Use in video" }) })
    .and(page.locator("[data-source=jamendo]"))
    .first();
  const ccTitle = await cc.locator(".track-title").innerText();
  await cc.getByRole("button", { name: "Use in video" }).click();
  await cc.locator(".wave").waitFor(); // its audio was fetched and analysed
  await cc.locator(".render input[type=file]").setInputFiles(VIDEO);
  await cc.getByRole("button", { name: "Make the video" }).click();
  const ccDownload = cc.getByRole("link", { name: "Download the video" });
  await ccDownload.waitFor();
  await fetchVideo(ccDownload);
  const credit = await cc.locator(".render-credit .credit-line").innerText();
  assert.ok(credit.startsWith(`Music: "${ccTitle}" by `) && /licensed under CC BY/.test(credit), credit);
  await cc.locator(".render-credit").getByRole("button", { name: "Copy credit" }).click();
  await cc.locator(".render-credit").getByText("Copied: paste it under your post.").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), credit);

  step("too few short tracks for monetised posts: find more online");
  assert.equal(await page.locator(".online-line").count(), 0, "online features are on: no line says otherwise");
  await page.getByLabel("Longest").selectOption("60");
  const shortfall = page.getByTestId("shortfall");
  await shortfall.waitFor();
  assert.match(await shortfall.innerText(), /Only \d of 10 tracks may be used for monetised posts\. For more:/);
  await shortfall.getByRole("button", { name: "Find more online" }).click();
  await page
    .locator(".notices [role=status]")
    .filter({ hasText: /Added [1-9]\d* tracks? from Openverse/ })
    .waitFor();
  await page.locator("[data-testid=track][data-source=openverse]").first().waitFor(); // the list was refreshed
  await page.getByLabel("Longest").selectOption("");

  step("import your own music, pick it, render, download");
  await page.locator("#music-files").setInputFiles(MUSIC);
  await page
    .getByRole("status")
    .filter({ hasText: /1 imported|already there/ })
    .waitFor();
  await page.getByLabel("Only your music").check();
  const mine = page.locator("[data-testid=track][data-source=user]").first();
  await mine.getByRole("button", { name: "Use in video" }).waitFor();
  // Its preview starts where the list suggests (the best stretch for a video).
  const from = (await mine.locator(".preview-from").count()) ? await mine.locator(".preview-from").innerText() : "0:00";
  const suggested = from
    .match(/(\d+):(\d+)/)
    .slice(1)
    .reduce((m, s) => 60 * Number(m) + Number(s));
  const player = mine.locator("audio");
  await player.evaluate((audio) => {
    audio.muted = true;
    return audio.play();
  });
  await page.waitForFunction((audio) => audio.currentTime > 0, await player.elementHandle());
  const heard = await player.evaluate((audio) => {
    audio.pause();
    return audio.currentTime;
  });
  assert.ok(heard >= suggested && heard < suggested + 3, `the preview started at ${heard} s, not ${suggested} s`);
  await mine.getByRole("button", { name: "Use in video" }).click();
  await mine.locator(".wave").waitFor();
  await mine.locator(".render input[type=file]").setInputFiles(VIDEO);
  await mine.getByRole("button", { name: "Make the video" }).click();
  const download = mine.getByRole("link", { name: "Download the video" });
  await download.waitFor();
  await fetchVideo(download);
  await shot("8-render", ".render");
  await audit("render panel");

  step("history");
  await page.getByRole("button", { name: "History" }).click();
  await page.locator(".history li").first().waitFor();
  assert.match(await page.locator(".history").innerText(), /best friend/);
  await shot("5-history");
  await audit("history");

  step("Korean, remembered");
  await page.getByLabel("Language").selectOption("ko");
  await page.getByRole("button", { name: "작성" }).waitFor();
  await page.reload();
  await page.getByRole("button", { name: "기록" }).waitFor();
  await audit("history");
  await page.getByRole("button", { name: "작성" }).click();
  await page.locator("[data-testid=track]").first().waitFor();
  await page
    .locator(".licence-badge", { hasText: /내 음악|수익 창출 게시물에도 사용 가능/ })
    .first()
    .waitFor();
  await shot("6-korean", ".reading");
  await audit("reading and tracks");

  step("desktop");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot("7-desktop", ".reading");
  await page.setViewportSize({ width: 1280, height: 800 });
  await audit("reading and tracks");
  const reading = page.url();

  step("accessibility: compose in Korean and English, the reading in English, on both sizes");
  await page.goto(BASE);
  await caption()
    .or(page.getByRole("textbox", { name: "캡션" }))
    .waitFor();
  await audit("compose");
  await page.setViewportSize({ width: 390, height: 844 });
  await audit("compose");
  await page.getByLabel("언어").selectOption("en");
  await caption().waitFor();
  await page.setViewportSize({ width: 1280, height: 800 });
  await audit("compose");
  await page.goto(reading);
  await page.locator("[data-testid=track]").first().waitFor();
  await audit("reading and tracks");
  assert.deepEqual(blocking, [], `serious or critical accessibility violations:\n${blocking.join("\n")}`);
  console.log(`e2e: passed (${seconds()} s)`);
} finally {
  await browser.close();
}
