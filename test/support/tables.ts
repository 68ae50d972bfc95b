// Tables and requests the core and worker suites share, read from the presets so that each is
// written once (shared/schemas/presets.ts) and a test trains on the very table the site offers.
import { presets, type TrainRequest, type TruthTable } from "../../shared/index.ts";

/** A preset's request; fails loudly if the preset is gone. */
export function preset(name: string): TrainRequest {
  const found = presets[name];
  if (!found) throw new Error(`no preset ${name}`);
  return found.request;
}

const { inputs, targets } = preset("xor").table;

/** xor of two inputs, rows counting up in binary, without column names. */
export const xor: TruthTable = { inputs, targets };
