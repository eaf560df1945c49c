/** A background job: every app process runs it every `everyMs`; it claims its rows, so none is done twice. */
import type { Deps } from '../deps.js';

export interface Job {
  name: string;
  /** Milliseconds between runs. */
  everyMs: number;
  run(deps: Deps): Promise<void>;
}
