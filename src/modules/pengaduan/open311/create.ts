// POST requests.{fmt} → one complaint in the module's queue (channel 'open311'), through the same
// createComplaint as every other door: routed by category and location, audited as the key's client.
import { systemActor } from '../../../platform/audit/audit.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { createComplaint } from '../service.ts';
import type { CreateFromOpen311 } from './routes.ts';

export const createFromOpen311: CreateFromOpen311 = async (ctx, input, keyId) => {
  if (!input.description) throw new AppError('pengaduan.open311_invalid', '', { description: 'pengaduan.open311.error.required' });
  // category questions travel with the text, so every officer and the public timeline see them
  const answers = Object.entries(input.attributes).map(([code, values]) => `${code}: ${values.join(', ')}`);
  const name = [input.firstName, input.lastName].filter(Boolean).join(' ');
  const address = input.addressString ?? (input.addressId ? `address_id ${input.addressId}` : '');
  // load the calendar outside createComplaint's transaction: its first load reads through ctx.db,
  // which waits forever for the one PGlite connection the transaction holds
  await ctx.calendar.timeZone();
  const filed = await createComplaint(
    ctx,
    {
      categoryCode: input.serviceCode,
      description: [input.description, ...answers].join('\n'),
      address,
      lat: input.lat ?? null,
      lng: input.long ?? null,
      reporterName: name || null,
      contactEmail: input.email ?? null,
      contactPhone: input.phone ?? null,
      channel: 'open311',
    },
    { actor: systemActor(`open311:key:${keyId}`) },
  );
  return { publicId: filed.publicId };
};
