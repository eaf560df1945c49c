/**
 * Typed hooks: how one feature reacts, inside the same transaction, to a change another feature makes.
 * The feature that makes the change declares the hook and runs it; the feature that reacts registers a
 * handler at composition (src/hooks.ts), so neither imports the other's internals and the owner of a table
 * stays the only one to write it. Reactions that may happen after the commit go on the event bus instead.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** A transaction (or the database, where the caller holds none). */
export type Trx = Kysely<Database>;

export type HookHandler<E, R> = (trx: Trx, event: E) => Promise<R>;

export class Hook<E, R = void> {
  readonly #handlers: HookHandler<E, R>[] = [];

  /** Registers a reaction; handlers run in the order they were registered. */
  on(handler: HookHandler<E, R>): void {
    this.#handlers.push(handler);
  }

  /** Runs every reaction in `trx`, one after another (a transaction is one connection); returns their results. */
  async run(trx: Trx, event: E): Promise<R[]> {
    const results: R[] = [];
    for (const handler of this.#handlers) results.push(await handler(trx, event));
    return results;
  }
}

/**
 * One provider, set at composition, of a part that a feature shows but another feature owns (the
 * discussion under an article, for instance). The showing feature declares what it needs as an interface.
 */
export class Slot<T> {
  #provider: T | undefined;

  constructor(readonly name: string) {}

  provide(provider: T): void {
    this.#provider = provider;
  }

  /** The provider; a slot nobody filled is a wiring mistake in src/hooks.ts, found at the first request. */
  get(): T {
    if (this.#provider === undefined) throw new Error(`Nothing provides the ${this.name} slot (see src/hooks.ts).`);
    return this.#provider;
  }
}
