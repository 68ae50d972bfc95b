// The few protocol-buffer wire types an ONNX file needs (varints, length-delimited bytes and
// strings, nested messages), written by hand so the Worker carries no protobuf library.
// https://protobuf.dev/programming-guides/encoding/

const varintType = 0;
const lengthDelimitedType = 2;

/** A message being written: append fields in field-number order, then take `bytes()`. */
export class ProtoWriter {
  private buffer = new Uint8Array(256);
  private length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  private rawVarint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`a varint here is a non-negative safe integer, not ${value}`);
    }
    this.reserve(8);
    let rest = value;
    // Seven bits at a time, low first; division, not >>>, since values may pass 2³².
    while (rest >= 0x80) {
      this.buffer[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buffer[this.length++] = rest;
  }

  private tag(field: number, wireType: number): void {
    this.rawVarint(field * 8 + wireType);
  }

  /** An int32, int64 or enum field (non-negative values only: ONNX needs no others). */
  varint(field: number, value: number): this {
    this.tag(field, varintType);
    this.rawVarint(value);
    return this;
  }

  bytesField(field: number, bytes: Uint8Array): this {
    this.tag(field, lengthDelimitedType);
    this.rawVarint(bytes.length);
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  string(field: number, text: string): this {
    return this.bytesField(field, utf8(text));
  }

  message(field: number, message: ProtoWriter): this {
    return this.bytesField(field, message.bytes());
  }

  bytes(): Uint8Array<ArrayBuffer> {
    return this.buffer.slice(0, this.length);
  }
}

/** UTF-8 bytes of a string (the core has no TextEncoder: it is a web API, not JavaScript's). */
export function utf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const character of text) {
    const point = character.codePointAt(0) as number;
    // A lone surrogate has no UTF-8 form: it becomes U+FFFD, as TextEncoder does.
    const code = point >= 0xd800 && point <= 0xdfff ? 0xfffd : point;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000)
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 63),
        0x80 | ((code >> 6) & 63),
        0x80 | (code & 63),
      );
  }
  return Uint8Array.from(bytes);
}
