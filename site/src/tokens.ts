// Delete tokens of the models made in this browser. The server keeps only their hashes, so this
// is the one place they live; storage may be off (private mode), and then deleting is not offered.
const key = "backprop-edge:delete-tokens";

function read(): Record<string, string> {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? "{}") as unknown;
    return typeof stored === "object" && stored !== null ? (stored as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function write(tokens: Record<string, string>): void {
  try {
    localStorage.setItem(key, JSON.stringify(tokens));
  } catch {
    // Storage full or refused: the model still exists, it just cannot be deleted from here.
  }
}

export function rememberToken(id: string, token: string): void {
  write({ ...read(), [id]: token });
}

export function tokenFor(id: string): string | undefined {
  return read()[id];
}

export function forgetToken(id: string): void {
  const { [id]: _gone, ...rest } = read();
  write(rest);
}
