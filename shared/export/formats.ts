// The export formats: what each is called, served as, and saved under.

export const exportFormats = ["onnx", "js", "py", "c"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export type FormatFacts = {
  title: string;
  mediaType: string;
  extension: string;
  /** Which runtime runs it, in a few words for the page and the docs. */
  runsIn: string;
};

export const formatFacts: Readonly<Record<ExportFormat, FormatFacts>> = {
  onnx: {
    title: "ONNX",
    mediaType: "application/octet-stream",
    extension: ".onnx",
    runsIn: "onnxruntime on any platform; Netron shows its graph",
  },
  js: {
    title: "JavaScript module",
    mediaType: "text/javascript; charset=utf-8",
    extension: ".mjs",
    runsIn: "any JavaScript engine, no imports; outputs equal the API's bit for bit",
  },
  py: {
    title: "Python function",
    mediaType: "text/x-python; charset=utf-8",
    extension: ".py",
    runsIn: "Python 3 with numpy",
  },
  c: {
    title: "C header",
    mediaType: "text/x-c; charset=utf-8",
    extension: ".h",
    runsIn: "any C99 compiler (link with -lm)",
  },
};

export function isExportFormat(text: string): text is ExportFormat {
  return (exportFormats as readonly string[]).includes(text);
}
