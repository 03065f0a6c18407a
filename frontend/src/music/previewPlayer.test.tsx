import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { STRINGS } from "../i18n";
import type { Online } from "../types";
import { track } from "./fixtures";
import { Preview } from "./Preview";

const ON: Online = { offline: false, jamendo: "on", openverse: "on" };
const chorus = { start: 49.2, end: 64.2, basis: "estimated" } as const;
const withAudio = (id: number, title: string) =>
  track({ id, title, preview_url: `/api/v1/tracks/${id}/audio`, segment: chorus });

let play: ReturnType<typeof vi.fn>, pause: ReturnType<typeof vi.fn>;
beforeEach(() => {
  // jsdom plays nothing: record the calls, and let pause() say so as a browser would.
  play = vi.fn(async () => {});
  pause = vi.fn(function (this: HTMLMediaElement) {
    this.dispatchEvent(new Event("pause"));
  });
  vi.spyOn(HTMLMediaElement.prototype, "play").mockImplementation(play);
  vi.spyOn(HTMLMediaElement.prototype, "pause").mockImplementation(pause);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** The audio element of a preview, with a length and a position the test can read. */
function audioOf(title: string, duration = 200) {
  const audio = screen.getByLabelText(`Preview: ${title}`) as HTMLAudioElement;
  let at = 0;
  Object.defineProperty(audio, "duration", { value: duration });
  Object.defineProperty(audio, "currentTime", {
    get: () => at,
    set: (v: number) => {
      at = v;
    },
  });
  return audio;
}

describe("the preview's button", () => {
  it("one tap plays from the suggested segment and shows the time", () => {
    render(<Preview t={STRINGS.en} online={ON} track={withAudio(1, "Song")} />);
    const audio = audioOf("Song");
    fireEvent.click(screen.getByRole("button", { name: "Play preview of Song" }));
    expect(play).toHaveBeenCalledOnce();
    fireEvent.loadedMetadata(audio); // the browser loads it, then places it before the first sound
    expect(audio.currentTime).toBe(49.2);
    fireEvent.timeUpdate(audio);
    expect(screen.getByText("0:49")).toBeTruthy();
    const button = screen.getByRole("button", { name: "Pause preview of Song" });
    fireEvent.click(button);
    expect(pause).toHaveBeenCalledOnce();
    expect(screen.getByRole("button", { name: "Play preview of Song" })).toBe(button);
  });

  it("from the beginning when the audio is a clip shorter than the suggestion", () => {
    render(<Preview t={STRINGS.en} online={ON} track={withAudio(1, "Song")} />);
    const audio = audioOf("Song", 30);
    fireEvent.click(screen.getByRole("button", { name: "Play preview of Song" }));
    fireEvent.loadedMetadata(audio);
    expect(audio.currentTime).toBe(0);
  });

  it("played to the end, a tap starts it again from the suggested segment", () => {
    render(<Preview t={STRINGS.en} online={ON} track={withAudio(1, "Song")} />);
    const audio = audioOf("Song");
    fireEvent.click(screen.getByRole("button", { name: "Play preview of Song" }));
    fireEvent.loadedMetadata(audio);
    audio.currentTime = 200;
    Object.defineProperty(audio, "ended", { value: true });
    fireEvent.ended(audio);
    fireEvent.click(screen.getByRole("button", { name: "Play preview of Song" }));
    expect(audio.currentTime).toBe(49.2);
    expect(play).toHaveBeenCalledTimes(2);
  });

  it("starting a second preview pauses the first, and the first button says so", () => {
    render(
      <>
        <Preview t={STRINGS.en} online={ON} track={withAudio(1, "One")} />
        <Preview t={STRINGS.en} online={ON} track={withAudio(2, "Two")} />
      </>,
    );
    const one = audioOf("One");
    fireEvent.click(screen.getByRole("button", { name: "Play preview of One" }));
    expect(screen.getByRole("button", { name: "Pause preview of One" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Play preview of Two" }));
    expect(pause.mock.contexts).toEqual([one]);
    expect(screen.getByRole("button", { name: "Play preview of One" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Pause preview of Two" })).toBeTruthy();
  });

  it("the native controls follow the same rule", () => {
    render(
      <>
        <Preview t={STRINGS.en} online={ON} track={withAudio(1, "One")} />
        <Preview t={STRINGS.en} online={ON} track={withAudio(2, "Two")} />
      </>,
    );
    const one = audioOf("One"),
      two = audioOf("Two");
    fireEvent.play(one);
    fireEvent.play(two);
    expect(pause.mock.contexts).toEqual([one]);
    expect(screen.getByRole("button", { name: "Pause preview of Two" })).toBeTruthy();
  });

  it("a preview that goes away while playing is no longer the one playing", () => {
    const { unmount } = render(<Preview t={STRINGS.en} online={ON} track={withAudio(1, "One")} />);
    fireEvent.click(screen.getByRole("button", { name: "Play preview of One" }));
    unmount();
    render(<Preview t={STRINGS.en} online={ON} track={withAudio(2, "Two")} />);
    fireEvent.click(screen.getByRole("button", { name: "Play preview of Two" }));
    expect(pause).not.toHaveBeenCalled(); // nothing was left current to pause
  });

  it("is a real button, reached and named in English and Korean", () => {
    render(<Preview t={STRINGS.ko} online={ON} track={withAudio(1, "Song")} />);
    const button = screen.getByRole("button", { name: "Song 미리 듣기 재생" });
    // A native <button type="button">: in the tab order, Enter and Space press it.
    expect(button.tagName).toBe("BUTTON");
    expect(button.getAttribute("type")).toBe("button");
    act(() => button.focus());
    expect(document.activeElement).toBe(button);
    expect(button.textContent).toContain("재생"); // the visible word is in the spoken name
    fireEvent.click(button);
    expect(screen.getByRole("button", { name: "Song 미리 듣기 일시정지" })).toBe(document.activeElement);
  });
});
