// What consultation tells others, declared once for publisher and subscribers (platform/events).
export const QUESTION_ASKED = 'consultation.question.asked' as const;
export const QUESTION_ANSWERED = 'consultation.question.answered' as const;
export const FAQ_PUBLISHED = 'consultation.faq.published' as const;

declare module '../../platform/events/index.ts' {
  interface EventPayloads {
    'consultation.question.asked': { id: number; unitId: number; serviceSlug: string | null; dueAt: string };
    'consultation.question.answered': { id: number; unitId: number; withinDeadline: boolean; at: string };
    'consultation.faq.published': { id: number; slug: string; unitId: number; serviceSlug: string | null; at: string };
  }
}
