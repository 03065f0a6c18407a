import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { recommendationBody } from "../api";
import { STRINGS } from "../i18n";
import { Controls } from "../Tracks";
import type { Filters, WordCount } from "../types";

afterEach(cleanup);

const genres: WordCount[] = [
  { word: "electronic", count: 4321 },
  { word: "rock", count: 1234 },
  { word: "ambient", count: 56 },
];
const sent: Record<string, unknown>[] = [];

function Music({ words, lang = "en" }: { words: WordCount[] | null; lang?: "en" | "ko" }) {
  const [filters, setFilters] = useState<Filters>({
    instrumental: false,
    ownMusic: false,
    maxDuration: null,
    genre: "",
  });
  sent.push(recommendationBody("match", filters));
  return (
    <Controls
      mode="match"
      setMode={() => undefined}
      filters={filters}
      setFilters={setFilters}
      genres={words}
      t={STRINGS[lang]}
    />
  );
}

const chip = (name: RegExp) => screen.getByRole("button", { name });

describe("the genre chips", () => {
  it("are the catalogue's genres with their counts, none chosen", () => {
    render(<Music words={genres} />);
    const group = screen.getByRole("group", { name: "Genre" });
    expect([...group.querySelectorAll("button")].map((b) => b.textContent)).toEqual([
      "electronic 4,321",
      "rock 1,234",
      "ambient 56",
    ]);
    expect(group.querySelectorAll('[aria-pressed="true"]')).toHaveLength(0);
    expect(screen.queryByRole("textbox")).toBeNull();
  });

  it("count in the interface language and name the group in it", () => {
    render(<Music words={genres} lang="ko" />);
    const group = screen.getByRole("group", { name: "장르" });
    const expected = new Intl.NumberFormat("ko").format(4321);
    expect(group.querySelector("button")?.textContent).toBe(`electronic ${expected}`);
  });

  it("filter by the pressed genre as the box did, and let any genre in when pressed again", () => {
    render(<Music words={genres} />);
    fireEvent.click(chip(/^rock/));
    expect(chip(/^rock/).getAttribute("aria-pressed")).toBe("true");
    expect(chip(/^ambient/).getAttribute("aria-pressed")).toBe("false");
    expect(sent.at(-1)).toEqual({ mode: "match", limit: 10, genres: ["rock"] });

    fireEvent.click(chip(/^ambient/)); // one genre at a time
    expect(chip(/^rock/).getAttribute("aria-pressed")).toBe("false");
    expect(sent.at(-1)).toEqual({ mode: "match", limit: 10, genres: ["ambient"] });

    fireEvent.click(chip(/^ambient/));
    expect(chip(/^ambient/).getAttribute("aria-pressed")).toBe("false");
    expect(sent.at(-1)).toEqual({ mode: "match", limit: 10 });
  });

  it("are buttons, so the keyboard reaches and presses them", () => {
    render(<Music words={genres} />);
    for (const button of screen.getAllByRole("button", { name: /\d/ })) {
      expect(button.tagName).toBe("BUTTON");
      expect(button.getAttribute("type")).toBe("button");
      expect(button.tabIndex).toBe(0);
    }
  });

  it("leave the box to type a genre while the vocabulary is not there", () => {
    render(<Music words={null} />);
    fireEvent.change(screen.getByRole("textbox"), { target: { value: " pop " } });
    expect(sent.at(-1)).toEqual({ mode: "match", limit: 10, genres: ["pop"] });
  });
});
