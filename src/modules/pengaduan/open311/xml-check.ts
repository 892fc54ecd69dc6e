// Test helper: a strict reader for the XML we write (elements, text, character references; no
// attributes, comments or CDATA, which GeoReport answers do not use). Throws on anything not well
// formed: unbalanced or crossed tags, unknown entities, stray '<' or '&', more than one root.
export interface XmlNode {
  name: string;
  text: string;
  children: XmlNode[];
}

export function xmlShape(xml: string): XmlNode {
  let s = xml.replace(/^<\?xml [^?]*\?>/, '');
  const stack: XmlNode[] = [{ name: '#doc', text: '', children: [] }];
  const top = () => stack[stack.length - 1];
  while (s.length) {
    const m = /^<(\/?)([A-Za-z_][\w.-]*)>/.exec(s);
    if (m) {
      if (m[1]) {
        const open = stack.pop();
        if (!open || open.name !== m[2]) throw new Error(`</${m[2]}> closes <${open?.name ?? ''}>`);
      } else {
        if (stack.length === 1 && top().children.length) throw new Error('more than one root element');
        const node: XmlNode = { name: m[2], text: '', children: [] };
        top().children.push(node);
        stack.push(node);
      }
      s = s.slice(m[0].length);
      continue;
    }
    const text = /^[^<]+/.exec(s);
    if (!text || stack.length === 1) throw new Error(`not well formed near ${s.slice(0, 30)}`);
    if (/&(?!(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot|apos);)/.test(text[0])) throw new Error('bad entity');
    top().text += text[0].replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    s = s.slice(text[0].length);
  }
  if (stack.length !== 1) throw new Error(`<${top().name}> not closed`);
  const root = stack[0].children[0];
  if (!root) throw new Error('no root element');
  return root;
}
