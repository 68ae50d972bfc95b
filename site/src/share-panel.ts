// A stored model's address, its training request as curl, and — for models made in this
// browser — a way to delete it.
import type { TrainRequest } from "../../shared/index.ts";
import { api, NetworkError, ProblemError } from "./api.ts";
import { copyButton } from "./copy-button.ts";
import { trainCurl } from "./curl.ts";
import { h, replace } from "./dom.ts";
import { forgetToken, tokenFor } from "./tokens.ts";

export function sharePanel(id: string, request: TrainRequest, deleted: () => void): HTMLElement {
  const url = `${location.origin}/m/${id}`;
  const link = h("a", { href: `/m/${id}`, id: "share-link" }, url);
  const curl = h("pre", { class: "curl", id: "train-curl" }, trainCurl(location.origin, request));
  const token = tokenFor(id);
  const deleteArea = h("div", { class: "delete-area" });
  const askToDelete = () =>
    replace(
      deleteArea,
      h("p", {}, "Delete this model for everyone who has the link? This cannot be undone."),
      h(
        "button",
        { type: "button", class: "danger", id: "confirm-delete", onclick: () => void remove() },
        "Delete for good",
      ),
      " ",
      h("button", { type: "button", id: "cancel-delete", onclick: showDelete }, "Keep it"),
    );
  function showDelete() {
    if (!token) {
      replace(
        deleteArea,
        h("p", { class: "hint" }, "Only the browser that trained this model can delete it."),
      );
      return;
    }
    replace(
      deleteArea,
      h(
        "button",
        { type: "button", class: "danger", id: "delete-model", onclick: askToDelete },
        "Delete model",
      ),
    );
  }
  async function remove() {
    if (!token) return;
    try {
      await api.remove(id, token);
      forgetToken(id);
      deleted();
    } catch (error) {
      const message =
        error instanceof NetworkError
          ? "The server could not be reached; the model is not deleted."
          : error instanceof ProblemError
            ? `Not deleted: ${error.problem.detail ?? error.problem.title}`
            : String(error);
      replace(
        deleteArea,
        h("p", { class: "error", role: "alert" }, message),
        h("button", { type: "button", onclick: () => void remove() }, "Retry"),
      );
    }
  }
  showDelete();
  return h(
    "div",
    { class: "share" },
    h(
      "p",
      {},
      "Anyone with this link sees this model: ",
      link,
      " ",
      copyButton(
        "Copy link",
        () => url,
        () => link,
      ),
    ),
    h(
      "details",
      {},
      h("summary", {}, "Train the same model with curl"),
      curl,
      copyButton(
        "Copy curl",
        () => curl.textContent ?? "",
        () => curl,
      ),
    ),
    deleteArea,
  );
}
