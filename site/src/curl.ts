// The same requests as shell commands, to take a model from the page to a terminal.

/** Wraps text in single quotes for a POSIX shell: ' becomes '\''. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export function trainCurl(origin: string, request: unknown): string {
  return [
    `curl -i -X POST ${shellQuote(`${origin}/api/train`)}`,
    `  -H 'content-type: application/json'`,
    `  -d ${shellQuote(JSON.stringify(request))}`,
  ].join(" \\\n");
}

export function predictCurl(origin: string, id: string, inputs: number[]): string {
  return `curl ${shellQuote(`${origin}/api/models/${encodeURIComponent(id)}/predict?x=${inputs.join(",")}`)}`;
}
