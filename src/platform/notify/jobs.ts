// The platform's own job: delivering a stored message (sendMessage() enqueues it). Platform jobs are
// registered here, not by a module, so sending mail does not depend on the messages module.
import type { JobHandler } from '../jobs/queue.ts';
import { deliverMessage } from './deliver.ts';

export const notifyJobs: Record<string, JobHandler> = {
  'notify.deliver': async (payload, ctx, job) => {
    const id = Number(payload.messageId);
    if (!Number.isInteger(id)) throw new Error('notify.deliver: payload has no messageId');
    await deliverMessage(ctx, id, job);
  },
};
