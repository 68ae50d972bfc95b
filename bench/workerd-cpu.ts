// The CPU a workerd process spends, read per thread from Linux's schedstat (ns). Inside a Worker
// the clock stands still while it computes, and a request's time seen from outside also carries
// the machine's other guests; the threads' own CPU counts only workerd's work. Two kinds of
// thread: those that run requests (the Worker's JavaScript), and V8's background threads (the
// optimising compiler, the collector's helpers), which run beside a request rather than in it.
import { readdirSync, readFileSync } from "node:fs";

/** Milliseconds of CPU so far, by kind of thread. */
export type ThreadCpu = { request: number; background: number };

/** The process's threads' CPU until now. */
export function threadCpu(pid: number): ThreadCpu {
  const threads = readThreads(pid);
  if (!threads) throw new Error(`workerd (pid ${pid}) has gone`);
  return threads;
}

/** What `later` has over `earlier`. */
export function cpuBetween(earlier: ThreadCpu, later: ThreadCpu): ThreadCpu {
  return {
    request: later.request - earlier.request,
    background: later.background - earlier.background,
  };
}

function readThreads(pid: number): ThreadCpu | null {
  const cpu: ThreadCpu = { request: 0, background: 0 };
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  for (const task of tasks) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${task}/comm`, "utf8").trim();
      // The first field: time spent running, in ns.
      const ns = Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
      // V8 names its platform's worker threads "V8 DefaultWorker" (cut to 15 characters).
      cpu[name.startsWith("V8 ") ? "background" : "request"] += ns / 1e6;
    } catch {
      // A thread that ended between the listing and the read has nothing more to count.
    }
  }
  return cpu;
}
