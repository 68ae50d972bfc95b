// The edge's run against the browser's: the weights hash the API answered with, next to the hash
// of the last epoch the page computed itself. Equal means the same bits; if they ever differ the
// page says so plainly.
import { h } from "./dom.ts";
import type { Replay } from "./replay.ts";

/** `edgeHash` is the stored model's; `ours` names the browser's run ("your preview", …). */
export function edgeCheck(replay: Replay, edgeHash: string, ours: string): HTMLElement {
  const line = h("p", { class: "edge-check", id: "same-bits", role: "status" });
  const judge = () => {
    if (replay.failure) {
      line.dataset.state = "unknown";
      line.textContent = `Could not compare with ${ours}: ${replay.failure.message}`;
    } else if (!replay.result) {
      line.dataset.state = "pending";
      line.textContent = `Comparing the edge's weights with ${ours}…`;
    } else if (replay.result.weightsHash === edgeHash) {
      line.dataset.state = "same";
      line.textContent = `Same bits as ${ours} ✓ (weights hash ${edgeHash} at the edge and in your browser)`;
    } else {
      line.dataset.state = "different";
      line.textContent = `Not the same bits as ${ours} ✗: the edge's weights hash is ${edgeHash}, your browser's is ${replay.result.weightsHash}. Please report this: the core is meant to give the same bits everywhere.`;
    }
  };
  judge();
  const stop = replay.listen(() => {
    judge();
    if (replay.done) stop();
  });
  return line;
}
