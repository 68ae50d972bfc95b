// The timeline of a run: Play/Pause, Step back and forward (an epoch, or a mini-batch when the run
// has them), Reset, a speed and an epoch slider. It decides which point of the run is shown and
// draws it at most once per animation frame; the views only ever see whole frames (the weights
// after one update), never a half-updated run.
import { h, setText } from "./dom.ts";
import { count } from "./format.ts";
import type { Frame, Replay } from "./replay.ts";

/** At 1× a run plays from epoch 0 to its end in this many seconds. */
const secondsPerRun = 10;
const speeds = [
  ["0.25", "¼×"],
  ["0.5", "½×"],
  ["1", "1×"],
  ["2", "2×"],
  ["4", "4×"],
] as const;

/** "2" after two epochs; "3, batch 2 of 4" halfway through the third of a run in 4 batches. */
export function pointLabel(epoch: number, batch: number, batches: number): string {
  return batch === 0 ? count(epoch) : `${count(epoch + 1)}, batch ${batch} of ${batches}`;
}

export type Timeline = {
  element: HTMLElement;
  /** Shows `epoch` (clamped to the run), pausing playback. */
  go(epoch: number): void;
  /** Shows this frame of the run now (the edge's own model, say), pausing playback. */
  showNow(frame: Frame): void;
  play(): void;
  pause(): void;
  /** The epoch whose weights the views show now. */
  readonly shown: number;
  destroy(): void;
};

export type TimelineOptions = {
  /** Start playing as soon as the run is there (never when the person prefers reduced motion). */
  autoplay: boolean;
  /** The epoch shown first. */
  start: "first" | "last";
};

export function reducedMotion(): boolean {
  return matchMedia("(prefers-reduced-motion: reduce)").matches;
}

export function timeline(
  replay: Replay,
  first: Frame,
  draw: (frame: Frame, playing: boolean) => void,
  options: TimelineOptions,
): Timeline {
  const button = (id: string, text: string, label: string, onclick: () => void) =>
    h(
      "button",
      { type: "button", id, class: "timeline-button", "aria-label": label, onclick },
      text,
    );
  const playButton = button("timeline-play", "▶ Play", "Play", () => (playing ? pause() : play()));
  const unit = replay.batches > 1 ? "mini-batch" : "epoch";
  const back = button("timeline-back", "◀ Step back", `Step back one ${unit}`, () => step(-1));
  const forward = button("timeline-forward", "Step ▶", `Step forward one ${unit}`, () => step(1));
  const reset = button("timeline-reset", "Reset", "Reset to epoch 0", () => go(0));
  const speed = h(
    "select",
    { id: "timeline-speed", "aria-describedby": "timeline-speed-hint" },
    speeds.map(([value, text]) => h("option", { value, selected: value === "1" }, text)),
  );
  const slider = h("input", {
    type: "range",
    id: "timeline-epoch",
    min: 0,
    max: replay.epochs || 1,
    step: 1,
    value: first.epoch,
    "aria-valuetext": `epoch ${count(first.epoch)}`,
  });
  const readout = h("output", { id: "timeline-readout", for: "timeline-epoch" }, "");
  const status = h("p", { class: "timeline-status", id: "timeline-status", role: "status" }, "");
  const element = h(
    "section",
    { class: "timeline", id: "timeline", "aria-label": "Timeline of the run" },
    h(
      "div",
      { class: "timeline-row" },
      playButton,
      back,
      forward,
      reset,
      h(
        "span",
        { class: "timeline-speed" },
        h("label", { for: "timeline-speed" }, "Speed"),
        speed,
        h(
          "span",
          { class: "visually-hidden", id: "timeline-speed-hint" },
          `1× plays the whole run in ${secondsPerRun} seconds`,
        ),
      ),
    ),
    h(
      "div",
      { class: "timeline-row" },
      h("label", { for: "timeline-epoch", class: "timeline-label" }, "Epoch"),
      slider,
      readout,
    ),
    status,
  );

  let playing = false;
  let position = first.epoch;
  let wanted = first.epoch;
  /** Mini-batches of the next epoch done, on top of `wanted` epochs (0 between epochs). */
  let wantedBatch = first.batch;
  let shown = -1;
  let shownBatch = 0;
  let pending: string | undefined;
  let frameRequest = 0;
  let lastTick = 0;
  let destroyed = false;

  const lastEpoch = () => replay.lastEpoch;

  function describe(): void {
    // For the benchmark (npm run bench:site) and the curious: what the snapshots hold.
    element.dataset.snapshotBytes = String(replay.bytes);
    element.dataset.every = String(replay.every);
    const whole = `${count(shown)} of ${count(lastEpoch())}`;
    const inside = `epoch ${pointLabel(shown, shownBatch, replay.batches)}`;
    setText(readout, shownBatch === 0 ? whole : inside);
    slider.setAttribute(
      "aria-valuetext",
      shownBatch === 0 ? `epoch ${whole}` : `${inside}, of ${count(lastEpoch())} epochs`,
    );
    if (replay.failure) setText(status, `The run cannot be replayed: ${replay.failure.message}`);
    else if (!replay.done)
      setText(
        status,
        `Computing the run in your browser: ${count(Math.max(0, replay.frontier))} of ${count(lastEpoch())} epochs…`,
      );
    else
      setText(
        status,
        `Computed in your browser in ${replay.seconds.toFixed(2)} s${replay.every > 1 ? `, a snapshot every ${count(replay.every)} epochs (the epochs between are recomputed when shown)` : ""}.`,
      );
  }

  function show(frame: Frame): void {
    shown = frame.epoch;
    shownBatch = frame.batch;
    slider.value = String(frame.epoch);
    draw(frame, playing);
    describe();
    element.dataset.batch = String(frame.batch);
    element.dataset.epoch = String(frame.epoch);
  }

  /** Draws `wanted` on the next animation frame: a kept snapshot at once, else the exact epoch. */
  function render(): void {
    frameRequest = 0;
    if (destroyed) return;
    if (playing) {
      const now = performance.now();
      const rate = (Number(speed.value) * Math.max(1, lastEpoch())) / secondsPerRun;
      position = Math.min(position + (rate * (now - lastTick)) / 1000, lastEpoch());
      lastTick = now;
      // While the run is still being computed, playback waits at its frontier.
      if (position > replay.frontier) position = Math.max(0, replay.frontier);
      wanted = Math.floor(position);
      const index = replay.indexAtOrBefore(wanted);
      if (index >= 0 && replay.frameEpochs[index] !== shown) show(replay.frame(index));
      if (replay.done && position >= lastEpoch()) pause();
      else schedule();
      return;
    }
    if (wanted === shown && wantedBatch === shownBatch) {
      describe();
      return;
    }
    const kept = wantedBatch === 0 ? replay.snapshotAt(wanted) : undefined;
    if (kept) {
      show(kept);
      return;
    }
    if (wanted > replay.frontier && !replay.done) {
      // Not computed yet: it is drawn when its snapshot arrives.
      describe();
      return;
    }
    const epoch = wanted;
    const batch = wantedBatch;
    const key = `${epoch}:${batch}`;
    if (pending === key) return;
    pending = key;
    void replay.exactly(epoch, batch).then((frame) => {
      if (pending === key) pending = undefined;
      if (destroyed || playing || wanted !== epoch || wantedBatch !== batch) return;
      // Past the run's end the worker answers with the end itself.
      wanted = frame.epoch;
      wantedBatch = frame.batch;
      show(frame);
    });
  }

  function schedule(): void {
    if (!frameRequest && !destroyed) frameRequest = requestAnimationFrame(render);
  }

  function setPlaying(now: boolean): void {
    playing = now;
    playButton.textContent = now ? "Pause" : "▶ Play";
    playButton.setAttribute("aria-label", now ? "Pause" : "Play");
    element.dataset.playing = String(now);
  }

  function play(): void {
    if (playing) return;
    if (shown >= lastEpoch() && replay.done) position = 0;
    else position = Math.max(0, shown);
    lastTick = performance.now();
    setPlaying(true);
    schedule();
  }

  function pause(): void {
    if (!playing) return;
    setPlaying(false);
    wanted = shown;
    wantedBatch = shownBatch;
    // The views drawn while playing skip costly parts (see draw): once more, fully.
    const kept = shownBatch === 0 ? replay.snapshotAt(shown) : undefined;
    if (kept) draw(kept, false);
    describe();
  }

  function go(epoch: number): void {
    pause();
    wanted = Math.max(0, Math.min(lastEpoch(), Math.round(epoch)));
    wantedBatch = 0;
    schedule();
  }

  /** One update on or back: a mini-batch when an epoch has several, else a whole epoch. */
  function step(by: number): void {
    pause();
    const batches = replay.batches;
    const at = wanted * batches + wantedBatch + by;
    const update = Math.max(0, Math.min(lastEpoch() * batches, at));
    wanted = Math.floor(update / batches);
    wantedBatch = update % batches;
    schedule();
  }

  slider.addEventListener("input", () => go(Number(slider.value)));
  slider.addEventListener("keydown", (event) => {
    if (event.key === " ") {
      event.preventDefault();
      if (playing) pause();
      else play();
    }
  });
  const stopListening = replay.listen(() => {
    slider.max = String(Math.max(1, lastEpoch()));
    if (replay.done && wanted >= lastEpoch() && (wanted > lastEpoch() || wantedBatch > 0)) {
      wanted = lastEpoch();
      wantedBatch = 0;
    }
    schedule();
  });

  setPlaying(false);
  show(first);
  if (options.start === "last" && first.epoch === 0) wanted = replay.epochs;
  if (options.autoplay && !reducedMotion()) play();
  else schedule();

  return {
    element,
    go,
    showNow(frame) {
      pause();
      wanted = frame.epoch;
      wantedBatch = frame.batch;
      show(frame);
    },
    play,
    pause,
    get shown() {
      return shown;
    },
    destroy() {
      destroyed = true;
      stopListening();
      if (frameRequest) cancelAnimationFrame(frameRequest);
    },
  };
}
