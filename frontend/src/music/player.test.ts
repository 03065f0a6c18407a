import { describe, expect, it, vi } from "vitest";
import { createPlayer } from "./player";

const media = () => ({ pause: vi.fn() });

describe("one preview at a time", () => {
  it("starting another pauses the one playing", () => {
    const player = createPlayer<ReturnType<typeof media>>();
    const first = media(),
      second = media();
    player.playing(first);
    expect(player.current()).toBe(first);
    player.playing(second);
    expect(first.pause).toHaveBeenCalledOnce();
    expect(second.pause).not.toHaveBeenCalled();
    expect(player.current()).toBe(second);
  });

  it("a stop counts only for the one playing", () => {
    const player = createPlayer<ReturnType<typeof media>>();
    const first = media(),
      second = media();
    player.playing(first);
    player.playing(second);
    player.stopped(first); // the pause it was asked for arrives late
    expect(player.current()).toBe(second);
    player.stopped(second);
    expect(player.current()).toBeNull();
  });

  it("tells its listeners when the one playing changes, and only then", () => {
    const player = createPlayer<ReturnType<typeof media>>();
    const heard = vi.fn();
    const stop = player.subscribe(heard);
    const one = media();
    player.playing(one);
    player.playing(one); // the element's own play event after the tap
    expect(heard).toHaveBeenCalledTimes(1);
    stop();
    player.stopped(one);
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
