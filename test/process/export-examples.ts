// The commands and programs of docs/export.md, exactly as printed there (a sync test checks each
// stands in the file). The export process test runs every one against a real `wrangler dev`,
// with BASE and ID set as the docs say, for the model the first command trains.
export const exportExamples = {
  trainNamed: `curl -s "$BASE/api/train?hidden=4&epochs=2000&name=xor" -H 'Content-Type: text/csv' --data-binary @xor.csv`,
  downloadOnnx: `curl -OJ "$BASE/api/models/$ID/export/onnx"`,
  downloadAll: `for format in js py c; do curl -sOJ "$BASE/api/models/$ID/export/$format"; done`,
  installOnnxRuntime: "ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node",
  runOnnx: "node use-onnx.mjs",
  runJs: "node use-js.mjs",
  runPy: "python3 use.py",
  buildC: "gcc -std=c99 -Wall -Wextra -Werror -pedantic use.c -o use -lm && ./use",
} as const;

/** The usage lines of each format for the xor model, as its file and the page show them. */
export const exportSnippets = {
  onnx: [
    'import { InferenceSession, Tensor } from "onnxruntime-node";',
    'const session = await InferenceSession.create("xor.onnx");',
    'console.log((await session.run({ input: new Tensor("float64", [0, 0], [1, 2]) })).output.data);',
  ],
  js: ['import { predict } from "./xor.mjs";', "console.log(predict([[0, 0]]));"],
  py: ["from xor import predict", "print(predict([[0, 0]]))"],
  c: ['#include "xor.h"', "double out[XOR_OUTPUTS]; xor_predict((const double[]){0, 0}, out);"],
} as const;

/** The programs docs/export.md shows in full: the usage lines, in a C program for the header. */
export const exportPrograms = {
  "use-onnx.mjs": exportSnippets.onnx,
  "use-js.mjs": exportSnippets.js,
  "use.py": exportSnippets.py,
  "use.c": [
    "#include <stdio.h>",
    exportSnippets.c[0],
    "int main(void) {",
    `  ${exportSnippets.c[1]}`,
    '  printf("%.17g\\n", out[0]);',
    "  return 0;",
    "}",
  ],
} as const;
