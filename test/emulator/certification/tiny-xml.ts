// A tiny, strict XML reader for the JUnit spec: elements, attributes and text, entity decoding, and a
// thrown error on anything malformed (unbalanced tags, a raw "<" or "&" in text, unquoted attributes).
// Enough to prove the output parses without adding an XML library to the project.

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (/&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(text)) throw new Error(`bare & in ${JSON.stringify(text)}`);
  if (text.includes('<')) throw new Error(`raw < in ${JSON.stringify(text)}`);
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, (_m, name: string) =>
    name.startsWith('#') ? String.fromCharCode(Number(name.slice(1))) : ENTITIES[name]!,
  );
}

const TAG = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/y;
const ATTRIBUTE = /([A-Za-z_][\w.-]*)="([^"]*)"/g;

/** Parses a document with an optional XML declaration and exactly one root element. */
export function parseXml(xml: string): XmlElement {
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  let at = declaration ? declaration[0].length : 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (at < xml.length) {
    const next = xml.indexOf('<', at);
    const text = xml.slice(at, next === -1 ? xml.length : next);
    if (stack.length > 0) stack.at(-1)!.text += decode(text);
    else if (text.trim() !== '') throw new Error(`text outside the root: ${JSON.stringify(text)}`);
    if (next === -1) break;
    TAG.lastIndex = next;
    const match = TAG.exec(xml);
    if (!match) throw new Error(`malformed tag at ${next}: ${xml.slice(next, next + 40)}`);
    at = TAG.lastIndex;
    const [, closing, name, attributeText, selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attributeText!.matchAll(ATTRIBUTE)) {
      if (key! in attributes) throw new Error(`duplicate attribute ${key}`);
      attributes[key!] = decode(value!);
    }
    const element: XmlElement = { name: name!, attributes, children: [], text: '' };
    if (stack.length > 0) stack.at(-1)!.children.push(element);
    else if (root) throw new Error('a second root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0 || !root) throw new Error('unclosed elements');
  return root;
}
