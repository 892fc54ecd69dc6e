// The module's settings (manifest `settings`, parsed at boot; README table).
import { z } from 'zod';

export const ConsultationSettings = z.object({
  /** working days the responsible unit has to answer (region's calendar) */
  CONSULTATION_DEADLINE_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  /** working days after the deadline before an unanswered question goes to the platform admins */
  CONSULTATION_ESCALATE_AFTER_DAYS: z.coerce.number().int().min(0).max(30).default(2),
});

export const consultationSettings = {
  CONSULTATION_DEADLINE_DAYS: {
    default: '3',
    description: 'Working days the responsible unit has to answer a question (1–30), counted on the region\'s calendar.',
    schema: ConsultationSettings.shape.CONSULTATION_DEADLINE_DAYS,
  },
  CONSULTATION_ESCALATE_AFTER_DAYS: {
    default: '2',
    description: 'Working days after the deadline before an unanswered question is escalated from the unit head to the platform admins (0–30).',
    schema: ConsultationSettings.shape.CONSULTATION_ESCALATE_AFTER_DAYS,
  },
};
