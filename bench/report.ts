// Each benchmark owns one marked section of bench/README.md and rewrites it at the end of every
// run, so the figures there are always a script's own output, never copied by hand. The prose
// around the sections (what is measured and why) is written by people and left as it is.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The file the benchmarks write their tables into. */
export const benchReadme = fileURLToPath(new URL("./README.md", import.meta.url));

export const sectionStart = (name: string) =>
  `<!-- bench:${name} start: written by the benchmark itself; edits here are overwritten -->`;
export const sectionEnd = (name: string) => `<!-- bench:${name} end -->`;

/** The names of the sections a markdown text holds, in order. */
export function sectionNames(markdown: string): string[] {
  return [...markdown.matchAll(/<!-- bench:([\w-]+) start:/g)].map((match) => match[1] ?? "");
}

/**
 * The markdown with the body of section `name` replaced by `body`; everything outside the markers
 * is kept byte for byte. A missing or repeated marker is an error, never a silent append.
 */
export function replaceSection(markdown: string, name: string, body: string): string {
  const start = sectionStart(name);
  const end = sectionEnd(name);
  const from = markdown.indexOf(start);
  const to = markdown.indexOf(end);
  if (from < 0 || to < 0 || to < from) {
    throw new Error(`no section "${name}": the file needs the lines\n${start}\n${end}`);
  }
  if (markdown.indexOf(start, from + 1) >= 0 || markdown.indexOf(end, to + 1) >= 0) {
    throw new Error(`section "${name}" is marked more than once`);
  }
  return `${markdown.slice(0, from + start.length)}\n${body.trim()}\n${markdown.slice(to)}`;
}

export type Report = {
  /** Prints a line and keeps it for the section. */
  line(text?: string): void;
  /** Writes what was printed into the section (bench/README.md unless told otherwise). */
  save(file?: string): void;
};

/** A report for section `name`: a bench prints through it, then saves it once at the end. */
export function createReport(name: string): Report {
  const lines: string[] = [];
  return {
    line(text = "") {
      console.log(text);
      lines.push(text);
    },
    save(file = benchReadme) {
      writeFileSync(file, replaceSection(readFileSync(file, "utf8"), name, lines.join("\n")));
      console.log(`\n(${name}: written into ${file})`);
    },
  };
}

/** "2026-12-01 09:50 UTC": when a run was made, as every section states it. */
export function stamp(date = new Date()): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
