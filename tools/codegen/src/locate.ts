/**
 * Map a JSON pointer in the bundled document back to `file:line:col` in the hand-written spec files,
 * following relative `$ref`s file by file. Used for errors the generator finds itself.
 */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, type Node } from "yaml";

function load(file: string): { doc: ReturnType<typeof parseDocument>; lines: LineCounter } | undefined {
  try {
    const lines = new LineCounter();
    const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter: lines });
    return { doc, lines };
  } catch {
    return undefined;
  }
}

const unescapePointer = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");

/** `#/paths/~1v1~1x/post/requestBody` -> `specs/x/paths/v1_x.yaml:12:3`, or undefined when it cannot be followed. */
export function locate(rootFile: string, pointer: string, root: string): string | undefined {
  let file = rootFile;
  let loaded = load(file);
  if (!loaded) return undefined;
  let node: unknown = loaded.doc.contents;
  const parts = pointer.replace(/^#\/?/, "").split("/").filter(Boolean).map(unescapePointer);
  // Bundled components come from files named after them.
  if (parts[0] === "components" && parts.length >= 3) {
    const guess = resolve(dirname(rootFile), "components", parts[1]!, `${parts[2]}.yaml`);
    const g = load(guess);
    if (g) {
      file = guess;
      loaded = g;
      node = g.doc.contents;
      parts.splice(0, 3);
    }
  }
  let keyNode: Node | undefined;
  for (let i = 0; i <= parts.length; i++) {
    // follow a relative file $ref before stepping further
    for (let hops = 0; hops < 10 && isMap(node); hops++) {
      const ref = node.get("$ref");
      if (typeof ref !== "string" || ref.startsWith("#")) break;
      const [target, fragment] = ref.split("#") as [string, string | undefined];
      const next = resolve(dirname(file), target);
      const l = load(next);
      if (!l) break;
      file = next;
      loaded = l;
      node = l.doc.contents;
      keyNode = undefined;
      if (fragment)
        for (const p of fragment.split("/").filter(Boolean).map(unescapePointer)) node = isMap(node) ? node.get(p, true) : undefined;
    }
    if (i === parts.length) break;
    const key = parts[i]!;
    const child = isMap(node) ? node.get(key, true) : isSeq(node) ? node.get(Number(key), true) : undefined;
    if (child === undefined) break; // point at the deepest node that exists
    // A mapping value starts on the line after its key: point at the key (`application/xml:`, not its schema).
    keyNode = isMap(node)
      ? (node.items.find((pair) => (pair.key as { value?: unknown })?.value === key)?.key as Node | undefined)
      : undefined;
    node = child;
  }
  const range = (isMap(node) && keyNode ? keyNode : (node as Node | undefined))?.range;
  const pos = range ? loaded!.lines.linePos(range[0]) : { line: 1, col: 1 };
  return `${relative(root, file)}:${pos.line}:${pos.col}`;
}
