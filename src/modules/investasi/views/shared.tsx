/** @jsxImportSource hono/jsx */
export { FreshnessLine, SelectField as Select } from '../../../platform/ui/components.tsx';

const RUPIAH = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });
/** "Rp 250.000.000.000" */
export const rupiah = (v: number) => RUPIAH.format(v).replace(/\u00a0/g, ' ');
