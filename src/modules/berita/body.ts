// The small, safe markup of a news body: paragraphs separated by a blank line, and lines starting
// with "- " as a list. Nothing else is interpreted; the view renders the blocks as escaped text,
// so no HTML typed by an editor ever reaches a page.
export type Block = { type: 'p'; text: string } | { type: 'ul'; items: string[] };

export function parseBody(body: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of body.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').map((l) => l.trim()).filter(Boolean);
    if (!lines.length) continue;
    let para: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (para.length) blocks.push({ type: 'p', text: para.join(' ') });
      if (list.length) blocks.push({ type: 'ul', items: list });
      para = [];
      list = [];
    };
    for (const l of lines) {
      const item = /^[-*•]\s+(.*)$/.exec(l);
      if (item) {
        if (para.length) { blocks.push({ type: 'p', text: para.join(' ') }); para = []; }
        list.push(item[1]);
      } else {
        if (list.length) { blocks.push({ type: 'ul', items: list }); list = []; }
        para.push(l);
      }
    }
    flush();
  }
  return blocks;
}

/** Plain text of the body (search snippets, JSON-LD articleBody). */
export const plainBody = (body: string) => parseBody(body).map((b) => (b.type === 'p' ? b.text : b.items.join('; '))).join('\n\n');
