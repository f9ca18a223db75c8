// Report fields stored nested along the dots of their keys, so downstream systems query a field by its key
// as a plain path on MongoDB and FerretDB alike: { 'fields.applications.newlyReceived.total.value': 9 }.
// (Neither accepts dots inside a field name, and FerretDB has no $elemMatch over sub-documents.)
import type { Field } from '../contracts/report';

type Node = { [segment: string]: Node | Field };

// Should a key ever be a prefix of another, the rest of the longer one is kept as one name with full-width
// dots (the usual MongoDB escape for a dot) under the shorter one's parent.
const ESCAPED_DOT = '．';

const isField = (node: unknown): node is Field =>
  typeof node === 'object' &&
  node !== null &&
  typeof (node as Field).raw === 'string' &&
  typeof (node as Field).needsReview === 'boolean';

export function nestFields(fields: Record<string, Field>): Node {
  return placeFields(fields).root;
}

/** Where `key`'s field is stored under `fields` (dot-separated), for an update of that field alone. */
export function storedPath(fields: Record<string, Field>, key: string): string | undefined {
  return placeFields(fields).paths.get(key);
}

function placeFields(fields: Record<string, Field>): { root: Node; paths: Map<string, string> } {
  const root: Node = {};
  const paths = new Map<string, string>();
  for (const [key, field] of Object.entries(fields)) {
    const segments = key.split('.');
    let node = root;
    let i = 0;
    for (; i < segments.length - 1; i += 1) {
      const next = node[segments[i]];
      if (next === undefined) {
        node = node[segments[i]] = {};
      } else if (isField(next)) {
        break;
      } else {
        node = next;
      }
    }
    const last = segments.slice(i).join(ESCAPED_DOT);
    node[last] = field;
    paths.set(key, [...segments.slice(0, i), last].join('.'));
  }
  return { root, paths };
}

export function flattenFields(root: Node, prefix = ''): Record<string, Field> {
  const out: Record<string, Field> = {};
  for (const [segment, node] of Object.entries(root)) {
    const key = prefix + segment.split(ESCAPED_DOT).join('.');
    if (isField(node)) {
      out[key] = node;
    } else {
      Object.assign(out, flattenFields(node, `${key}.`));
    }
  }
  return out;
}
