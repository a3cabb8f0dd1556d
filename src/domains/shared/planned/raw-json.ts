import { randomBytes } from 'node:crypto';

/**
 * A JSON value Postgres already wrote (a page built with json_agg), carried through the
 * response untouched: parsing it into objects only to stringify them again is most of what a
 * large page costs in Node (docs/performance.md).
 */
export class RawJson {
  constructor(readonly text: string) {}

  /**
   * Inside `stringifyResponse` this stands in as a marker that is swapped for the text; any
   * other JSON.stringify (a log line, a test) gets the parsed value, so it is never wrong.
   */
  toJSON(): unknown {
    if (collecting) return marker(collecting.push(this.text) - 1);
    return JSON.parse(this.text);
  }
}

// Per process and random, so no string a caller stores can spell a marker.
const nonce = randomBytes(12).toString('hex');
const marker = (index: number) => `\u0001raw:${nonce}:${index}\u0001`;
let collecting: string[] | null = null;

/** JSON.stringify with every RawJson spliced in as the JSON it holds. */
export function stringifyResponse(value: unknown): string {
  const texts: string[] = [];
  collecting = texts;
  let out: string;
  try {
    out = JSON.stringify(value);
  } finally {
    collecting = null;
  }
  for (let index = 0; index < texts.length; index += 1) {
    const quoted = JSON.stringify(marker(index));
    const at = out.indexOf(quoted);
    out = out.slice(0, at) + texts[index] + out.slice(at + quoted.length);
  }
  return out;
}
