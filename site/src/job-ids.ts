// Ids of the jobs started in this browser, so that /m/{id} of a job still running asks for the
// job's progress first instead of a model that is not there yet (the token is in tokens.ts).
const key = "backprop-edge:jobs";

function read(): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? "[]") as unknown;
    return Array.isArray(stored) ? stored.filter((id) => typeof id === "string") : [];
  } catch {
    return [];
  }
}

export function rememberJob(id: string): void {
  try {
    // The last 50 are plenty: an older job has long completed or expired.
    localStorage.setItem(
      key,
      JSON.stringify([...read().filter((seen) => seen !== id), id].slice(-50)),
    );
  } catch {
    // Storage refused: a reload then shows the model once the job completes, not its progress.
  }
}

export const isJob = (id: string): boolean => read().includes(id);
