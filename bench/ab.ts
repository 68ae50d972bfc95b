// Same-process A/B: the core of another checkout (AB_OTHER=/path/to/shared/index.ts) against this
// one, on the bench tasks, runs interleaved; prints each task's median ratio this/other.
import { defaultLimits, train as trainThis } from "../shared/index.ts";
import { tasks } from "./tasks.ts";

const other = process.env.AB_OTHER;
if (!other) throw new Error("set AB_OTHER to the other checkout's shared/index.ts");
const { train: trainOther } = (await import(other)) as { train: typeof trainThis };
const limits = { ...defaultLimits, maxCost: Number.POSITIVE_INFINITY };
const only = process.argv.slice(2);
// CPU time of the process (user + system), not the clock: on a shared machine a run that waits
// for a core is not slower, and the waiting would swamp a few percent of difference.
const time = (f: () => unknown) => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) * 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
for (const task of tasks) {
  if (only.length > 0 && !only.includes(task.id)) continue;
  const request = task.request;
  for (let k = 0; k < 3; k++) {
    trainThis(request, limits);
    trainOther(request, limits);
  }
  const mine: number[] = [];
  const theirs: number[] = [];
  const rounds = Math.max(
    7,
    Math.min(41, Math.round(4e8 / time(() => trainThis(request, limits)))),
  );
  for (let k = 0; k < rounds; k++) {
    mine.push(time(() => trainThis(request, limits)));
    theirs.push(time(() => trainOther(request, limits)));
  }
  const a = median(mine);
  const b = median(theirs);
  console.log(
    `${task.id} this ${(a / 1e6).toFixed(3)} ms, other ${(b / 1e6).toFixed(3)} ms, this/other ${(a / b).toFixed(3)}`,
  );
}
