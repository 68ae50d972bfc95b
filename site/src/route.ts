// The page has two addresses: "/" (a new model) and "/m/{id}" (a stored one, after a reload or
// in another browser). The worker answers both with index.html.
const modelPath = /^\/m\/([A-Za-z0-9_-]{1,64})\/?$/;

export function modelIdFromPath(pathname: string): string | undefined {
  return modelPath.exec(pathname)?.[1];
}

export function modelPathFor(id: string): string {
  return `/m/${id}`;
}
