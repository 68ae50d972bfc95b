// The exporters as the core runs them: the JavaScript module in this very Node to the bit over
// the grid, the text of each format's header, names, and the ONNX file's own bytes.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { doubleList, doubleLiteral } from "../../shared/export/literal.ts";
import { cIdentifier, commentText, fileBase } from "../../shared/export/names.ts";
import { ProtoWriter, utf8 } from "../../shared/export/protobuf.ts";
import { exportModel, predict, train } from "../../shared/index.ts";
import { checkRows, exportGrid } from "../support/export-grid.ts";

/** Any code points, lone surrogates included (fast-check's "binary" unit takes seconds to warm up). */
const anyText = fc
  .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 120 })
  .map((points) => String.fromCodePoint(...points));

const info = { id: "AbCdEfGhIjKlMnOpQrStUv", version: "9.8.7" };

async function importModule(source: string) {
  return (await import(
    `data:text/javascript;base64,${Buffer.from(source).toString("base64")}`
  )) as {
    predict(rows: number[][]): number[][];
    predictRow(row: number[]): number[];
  };
}

describe("the JavaScript module", () => {
  test("computes the core's predict to the bit for every model of the grid", async () => {
    for (const { label, request } of exportGrid()) {
      const { model } = train(request);
      const rows = checkRows(request.table);
      const module = await importModule(exportModel(model, "js", info).body as string);
      expect(module.predict(rows), label).toStrictEqual(predict(model, rows));
      expect(module.predictRow(rows[0] as number[])).toStrictEqual(predict(model, rows)[0]);
    }
  });

  test("has no imports and refuses a row of the wrong width", async () => {
    const { model } = train(exportGrid()[0]?.request as never);
    const source = exportModel(model, "js", info).body as string;
    expect(source).not.toMatch(/^\s*import\b/m);
    const module = await importModule(source);
    expect(() => module.predictRow([1])).toThrow(RangeError);
  });
});

describe("each file's header", () => {
  const request = {
    ...(exportGrid()[1]?.request as object),
    name: "Gate ??/ with\\ a\nnewline */ end",
  } as never;
  const { model } = train(request);

  test("says what it is, who made it and how to call it, in the format's own comments", () => {
    const markers = { js: "// ", py: "# ", c: "// " } as const;
    for (const format of ["js", "py", "c"] as const) {
      const text = exportModel(model, format, info).body as string;
      const header = text.split("\n").slice(0, 6);
      expect(header.every((line) => line.startsWith(markers[format]))).toBe(true);
      expect(header[0]).toContain(`id ${info.id}, made by backprop-edge ${info.version}`);
      expect(header[0]).toContain('"Gate ? ?/ with/ a newline */ end"');
      expect(header[1]).toBe(
        `${markers[format]}Shape: 2 inputs -> 3 sigmoid -> 1 tanh (with bias).`,
      );
      expect(header.join("\n")).toMatch(/Use it:/);
    }
  });

  test("the C header has no trigraph or line splice from the name", () => {
    const text = exportModel(model, "c", info).body as string;
    expect(text).not.toContain("??");
    expect(text).not.toMatch(/\\\n/);
  });
});

describe("names", () => {
  test("file names are lower-case ASCII words joined by hyphens, or the id", () => {
    expect(fileBase("XOR gate (v2)", "id")).toBe("xor-gate-v2");
    expect(fileBase("Ünïcödé", "id")).toBe("unicode");
    expect(fileBase("---", "AbC")).toBe("model-AbC");
    expect(fileBase("", "AbC")).toBe("model-AbC");
    fc.assert(
      fc.property(fc.string(), (name) => {
        const base = fileBase(name, "AbC-_x");
        expect(base).toMatch(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*|model-AbC-_x)$/);
        expect(base.length).toBeLessThanOrEqual(60);
        expect(cIdentifier(base)).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      }),
    );
  });

  test("comment text is printable, without backslashes or trigraphs", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const safe = commentText(text);
        expect(safe).not.toMatch(/[\\\n\r\u2028\u2029]|\?\?/);
        expect([...safe].length).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe("number literals", () => {
  test("read back as the same double, with a decimal point, −0 kept; a row as its items", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer())),
        (values) => {
          const literals = values.map(doubleLiteral);
          for (const [k, text] of literals.entries()) {
            expect(Object.is(Number(text), values[k])).toBe(true);
            expect(text).toMatch(/[.e]/);
          }
          expect(doubleList(values)).toBe(`[${literals.join(", ")}]`);
          expect(doubleList(values, "{", "}")).toBe(`{${literals.join(", ")}}`);
        },
      ),
    );
    expect(() => doubleLiteral(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => doubleList([1, Number.NaN])).toThrow(RangeError);
  });
});

describe("the protobuf writer", () => {
  test("writes varints as the wire format says", () => {
    const bytes = (value: number) => Array.from(new ProtoWriter().varint(1, value).bytes());
    expect(bytes(0)).toEqual([8, 0]);
    expect(bytes(1)).toEqual([8, 1]);
    expect(bytes(300)).toEqual([8, 0xac, 0x02]);
    expect(bytes(2 ** 35)).toEqual([8, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
    expect(() => new ProtoWriter().varint(1, -1)).toThrow(RangeError);
    const nested = new ProtoWriter().message(7, new ProtoWriter().string(1, "é"));
    expect(Array.from(nested.bytes())).toEqual([0x3a, 4, 0x0a, 2, 0xc3, 0xa9]);
  });

  test("encodes UTF-8 as TextEncoder does, lone surrogates included", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(anyText, (text) => {
        expect(Array.from(utf8(text))).toEqual(Array.from(encoder.encode(text)));
      }),
    );
    expect(Array.from(utf8("\ud800"))).toEqual([0xef, 0xbf, 0xbd]);
  });
});
