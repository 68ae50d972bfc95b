// The names an export carries: its file name (from the model's name, or its id) and the C
// identifier prefix, both safe wherever a person may type or paste them.

const maxBaseLength = 60;

/**
 * The file name without extension: the model's name in lower-case ASCII letters, digits and
 * single hyphens (accents dropped), or `model-<id>` when nothing of the name is left.
 */
export function fileBase(name: string, id: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, maxBaseLength)
    .replace(/^-+|-+$/g, "");
  return base === "" ? `model-${id}` : base;
}

/**
 * A C identifier for the names a header defines (`<prefix>_predict`, `<prefix>_w0`…): the file
 * name with hyphens as underscores, starting with a letter.
 */
export function cIdentifier(base: string): string {
  const identifier = base.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z]/.test(identifier) ? identifier : `model_${identifier}`;
}

/**
 * Text that may go inside any of the formats' line comments: printable characters only, no
 * backslash (a C line splice) and no "??" (a C99 trigraph), cut to a sane length.
 */
export function commentText(text: string, maxLength = 100): string {
  const printable = text
    .replace(/[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu, " ")
    .replace(/\\/g, "/")
    .replace(/\?(?=\?)/g, "? ");
  return [...printable].length > maxLength
    ? `${[...printable].slice(0, maxLength - 1).join("")}…`
    : printable;
}
