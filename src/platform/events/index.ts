// Events after commit. A module publishes an event inside the transaction that makes the change:
//   await publish(tx, 'services.application.issued', { applicationId: 42 });
// and every module that subscribes to it (`on: { 'services.application.issued': handler }` in its
// manifest) gets one durable job of its own, written by that same statement in that transaction.
// So: a rolled-back change publishes nothing; a committed one reaches every subscriber at least once,
// even if the process dies the next instant (the jobs are rows, like any other job); a failing
// subscriber is retried on its own, never re-running the others. See docs/decisions/015.
//
// Payload types are declared once, by the publishing module, by extending EventPayloads from its own
// folder (declaration merging):
//   declare module '../../platform/events/index.ts' {
//     interface EventPayloads { 'services.application.issued': { applicationId: number } }
//   }
// publish() and `on` handlers are typed by the event name, so a publisher and a subscriber cannot
// disagree silently. Payloads travel as JSON (jsonb): use strings for dates, no class instances.
//
// Names: '<publishing module id>.<what happened>'. The publisher lists its events in its manifest
// (`events: [...]`); checkEvents() refuses an event without its module's prefix and a subscription to
// an event that its (installed) publisher does not declare. Subscribing to an event of a module that
// is not installed is allowed: the subscription simply never fires.
import crypto from 'node:crypto';
import type { Executor } from '../db/index.ts';
import type { AppContext } from '../http/context.ts';
import type { GapuraModule } from '../module.ts';
import type { JobHandler } from '../jobs/queue.ts';
import { enqueueMany } from '../jobs/queue.ts';

/** Event name → payload type. Empty here: each publishing module adds its events. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EventPayloads {}

export type EventName = Extract<keyof EventPayloads, string>;

export interface EventInfo<E extends EventName = EventName> {
  name: E;
  /** the same for every subscriber's delivery of one publish: a key for "already handled" checks */
  id: string;
  /** this delivery's attempt number, 1 for the first */
  attempt: number;
}

/** A subscriber's handler. At least once: it may run again after a crash, so it must be idempotent. */
export type EventHandler<E extends EventName> = (payload: EventPayloads[E], ctx: AppContext, event: EventInfo<E>) => Promise<void>;

export type Subscriptions = { [E in EventName]?: EventHandler<E> };

/** The job that carries one event to one subscribing module. */
export const subscriptionJobName = (moduleId: string, event: string) => `on:${moduleId}:${event}`;

// Process-wide, like strings, permissions and templates (registered once per module by boot.ts):
// event → the ids of the modules subscribing to it, and the events some module declares.
const subscribers = new Map<string, string[]>();
const declared = new Map<string, string>();
const registeredIds = new Set<string>();

/**
 * What is wrong with these modules' events (modules registered earlier count as installed), one
 * sentence each naming the module(s); empty if nothing. registerModules() refuses to start otherwise.
 */
export function checkEvents(modules: GapuraModule[]): string[] {
  const problems: string[] = [];
  const publisher = new Map<string, string>(declared);
  for (const m of modules) {
    for (const e of (m.events ?? []) as readonly string[]) {
      if (!e.startsWith(`${m.id}.`) || e.length <= m.id.length + 1) problems.push(`module ${m.id} publishes event "${e}": event names start with the module id ("${m.id}.…")`);
      else if (publisher.has(e) && publisher.get(e) !== m.id) problems.push(`event "${e}" is declared by both ${publisher.get(e)} and ${m.id}`);
      else publisher.set(e, m.id);
    }
  }
  const installed = new Set([...modules.map((m) => m.id), ...registeredIds]);
  for (const m of modules) {
    for (const e of Object.keys(m.on ?? {})) {
      const owner = e.split('.')[0];
      // a module that is not installed publishes nothing: its subscribers simply wait
      if (installed.has(owner) && publisher.get(e) !== owner)
        problems.push(`module ${m.id} subscribes to "${e}", which module ${owner} does not publish (not in its events)`);
    }
  }
  return problems;
}

/** Remember who publishes and who subscribes (boot.ts calls this once per module, after checkEvents). */
export function registerEvents(m: GapuraModule) {
  registeredIds.add(m.id);
  for (const e of (m.events ?? []) as readonly string[]) declared.set(e, m.id);
  for (const e of Object.keys(m.on ?? {})) {
    const list = subscribers.get(e) ?? [];
    if (!list.includes(m.id)) list.push(m.id);
    subscribers.set(e, list);
  }
}

/**
 * Publish an event in the caller's transaction: one job per subscribing module, inserted by one
 * statement. Nothing is delivered unless the transaction commits. Returns the event's id.
 */
export async function publish<E extends EventName>(tx: Executor, name: E, payload: EventPayloads[E]): Promise<string> {
  const { id, jobs } = eventJobs(name, payload);
  await enqueueMany(tx, jobs);
  return id;
}

/**
 * The jobs publish() would insert (one per subscribing module, maybe none), for a use case that
 * writes them in its own statement (a data-modifying CTE); their rows go into `jobs` like enqueueMany's.
 */
export function eventJobs<E extends EventName>(name: E, payload: EventPayloads[E]): { id: string; jobs: { name: string; payload: Record<string, unknown> }[] } {
  if (!declared.has(name)) throw new Error(`event ${name} is not declared by any installed module (list it in the publishing module's events)`);
  const id = crypto.randomUUID();
  const subs = subscribers.get(name) ?? [];
  return { id, jobs: subs.map((moduleId) => ({ name: subscriptionJobName(moduleId, name), payload: { event: name, id, data: payload } })) };
}

/** The job handlers that deliver events to the given modules' subscriptions (the worker adds these). */
export function subscriptionHandlers(modules: GapuraModule[]): Record<string, JobHandler> {
  const out: Record<string, JobHandler> = {};
  for (const m of modules) {
    for (const [event, handler] of Object.entries(m.on ?? {}) as [EventName, EventHandler<EventName>][]) {
      out[subscriptionJobName(m.id, event)] = async (p, ctx, job) => {
        await handler(p.data as EventPayloads[EventName], ctx, { name: event, id: String(p.id), attempt: job.attempts });
      };
    }
  }
  return out;
}
