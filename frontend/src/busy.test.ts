import { describe, expect, it } from "vitest";
import { gate } from "./busy";

describe("the one-at-a-time gate", () => {
  it("drops a second start while the first is pending, and lets the next one through after", async () => {
    const one = gate();
    let release!: (v: string) => void;
    let started = 0;
    const work = () => {
      started += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };
    const first = one.through(work);
    const second = one.through(work);
    expect(one.pending).toBe(true);
    expect(await second).toBeUndefined();
    release("read");
    expect(await first).toBe("read");
    expect(one.pending).toBe(false);
    expect(started).toBe(1);
    const third = one.through(work);
    release("again");
    expect(await third).toBe("again");
    expect(started).toBe(2);
  });

  it("opens again when the work fails", async () => {
    const one = gate();
    await expect(one.through(() => Promise.reject(new Error("network")))).rejects.toThrow("network");
    expect(await one.through(async () => 1)).toBe(1);
  });
});
