/** @jsxImportSource hono/jsx */
import type { Block } from '../body.ts';
export { FreshnessLine, SelectField as Select } from '../../../platform/ui/components.tsx';

/** The body's blocks as escaped text. */
export function Body({ blocks }: { blocks: Block[] }) {
  return <>{blocks.map((b) => (b.type === 'p' ? <p>{b.text}</p> : <ul>{b.items.map((i) => <li>{i}</li>)}</ul>))}</>;
}
