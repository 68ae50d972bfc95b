// Puts each problem next to the control it is about. The DOM is the registry: a control carries
// data-path="training.learningRate", the place for its message data-error-for="training.learningRate"
// (a row's slot may list several paths). A path with no control of its own falls back to its
// nearest ancestor, so "table.inputs.2.1" lands on that cell and "table.inputs.2" on its row.

export type FieldIssue = { path: string; message: string };

/** Server paths may be JSON pointers ("/training/epochs"); the page speaks dot paths. */
export function normalisePath(path: string): string {
  return path
    .replace(/^\$\.?/, "")
    .replace(/^\//, "")
    .replaceAll("/", ".")
    .replace(/\[(\d+)\]/g, ".$1")
    .replace(/^\./, "");
}

/** "a.b.c" → ["a.b.c", "a.b", "a"]. */
function ancestors(path: string): string[] {
  const parts = path.split(".").filter((part) => part !== "");
  return parts.map((_, i) => parts.slice(0, parts.length - i).join("."));
}

function nearest(root: ParentNode, path: string, attribute: "data-path" | "data-error-for") {
  const operator = attribute === "data-path" ? "=" : "~=";
  for (const candidate of ancestors(path)) {
    const found = root.querySelector<HTMLElement>(`[${attribute}${operator}"${candidate}"]`);
    if (found) return { element: found, path: candidate };
  }
  return undefined;
}

/** Removes every message and invalid mark below `root`. */
export function clearIssues(root: ParentNode): void {
  for (const slot of root.querySelectorAll("[data-error-for]")) slot.replaceChildren();
  for (const control of root.querySelectorAll("[aria-invalid]"))
    control.removeAttribute("aria-invalid");
}

/**
 * Shows each issue beside its control and marks the control invalid. Returns the issues that have
 * no place on the page (the caller shows them in a general message).
 */
export function showIssues(root: ParentNode, issues: FieldIssue[]): FieldIssue[] {
  const homeless: FieldIssue[] = [];
  for (const issue of issues) {
    const path = normalisePath(issue.path);
    const control = nearest(root, path, "data-path");
    const slot = nearest(root, path, "data-error-for");
    if (!slot) {
      homeless.push(issue);
      continue;
    }
    const label = control && control.path !== slot.path ? control.element.dataset.label : undefined;
    const line = label ? `${label}: ${issue.message}` : issue.message;
    const already = [...slot.element.children].some((child) => child.textContent === line);
    if (!already) {
      const message = document.createElement("span");
      message.textContent = line;
      slot.element.append(message);
    }
    if (control) {
      control.element.setAttribute("aria-invalid", "true");
      const describedBy = new Set(
        (control.element.getAttribute("aria-describedby") ?? "").split(" "),
      );
      describedBy.add(slot.element.id);
      control.element.setAttribute("aria-describedby", [...describedBy].join(" ").trim());
    }
  }
  return homeless;
}

/** The first control marked invalid, to move the keyboard focus to. */
export function firstInvalid(root: ParentNode): HTMLElement | null {
  return root.querySelector<HTMLElement>("[aria-invalid='true']");
}
