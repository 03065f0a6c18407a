import { describe, expect, it } from "vitest";
import { accountKey, savedUsable, saveUsable } from "./usable";

const memory = () => {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v) };
};

describe("the remembered usable filter", () => {
  it("is kept per account, and 'local' on the single-person tool", () => {
    const storage = memory();
    saveUsable(accountKey({ name: "kim" }), "monetised", storage);
    saveUsable(accountKey({ name: null }), "personal", storage);
    expect(savedUsable("kim", storage)).toBe("monetised");
    expect(savedUsable("lee", storage)).toBe("any");
    expect(savedUsable(accountKey({ name: null }), storage)).toBe("personal");
    expect(accountKey(null)).toBe("local");
  });

  it("ignores what it does not know", () => {
    expect(savedUsable("kim", { getItem: () => "everything" })).toBe("any");
  });
});
