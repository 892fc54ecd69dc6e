// oidc-provider ships no type declarations; the staff SSO test uses this much of it.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface Account { accountId: string; claims(): Promise<Record<string, unknown>> }
  export default class Provider {
    constructor(issuer: string, configuration: {
      clients: Record<string, unknown>[];
      claims?: Record<string, string[]>;
      cookies?: { keys: string[] };
      features?: Record<string, unknown>;
      findAccount?(ctx: unknown, sub: string): Promise<Account | undefined>;
    });
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
