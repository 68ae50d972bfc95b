/// <reference types="node" />
// Prints the JavaScript the page ships, gzipped, and fails the build when it is over the budget
// (the site issue's 60 KiB): the number people download before the page works.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const budget = 60 * 1024;
const assets = new URL("../site/dist/assets/", import.meta.url);

const files = readdirSync(assets).filter((name) => name.endsWith(".js") || name.endsWith(".css"));
let scripts = 0;
for (const name of files) {
  const bytes = readFileSync(join(assets.pathname, name));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  if (name.endsWith(".js")) scripts += gzipped;
  console.log(
    `${name.padEnd(32)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KiB  ${(gzipped / 1024).toFixed(1).padStart(6)} KiB gzip`,
  );
}
const verdict = scripts <= budget ? "within" : "OVER";
console.log(
  `JavaScript shipped: ${(scripts / 1024).toFixed(1)} KiB gzip, ${verdict} the ${budget / 1024} KiB budget`,
);
if (scripts > budget || scripts === 0) process.exit(1);
