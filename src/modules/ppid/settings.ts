// The module's setting: where the 10 working days of the written notice start (see clock.ts).
import { z } from 'zod';

export const PpidSettings = z.object({
  /** 'receipt': from the day the request reached the PPID; 'registration': from the day it was registered */
  PPID_CLOCK_START: z.enum(['receipt', 'registration']).default('receipt'),
});
export type PpidSettings = z.infer<typeof PpidSettings>;
