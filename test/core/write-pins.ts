// Writes test/fixtures/weights-pins.json from the code as it is: run it once, on code known to be
// right, and commit the file (`npx node test/core/write-pins.ts`). pinned.test.ts then holds every
// later change of the core to these bits.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { train } from "../../shared/index.ts";
import { type Pin, pinnedGrid, pinOf } from "./pinned-grid.ts";

const pins: Record<string, Pin> = {};
for (const { key, request } of pinnedGrid()) pins[key] = pinOf(train(request));
const file = fileURLToPath(new URL("../fixtures/weights-pins.json", import.meta.url));
writeFileSync(file, `${JSON.stringify(pins, null, 1)}\n`);
console.log(`${Object.keys(pins).length} pins written to ${file}`);
