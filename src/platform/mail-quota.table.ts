/** Mail tables beyond the outbox itself (which lives in ops.table.ts). */

/**
 * A fixed-window counter, e.g. confirmation mails to one address per day. Kept in the database so a
 * limit holds across every app process; the key never contains an address or IP in clear (hmac).
 */
export interface MailQuotaTable {
  /** `<bucket>:<hmac>`, e.g. `confirm-inbox:3f9a…`. */
  key: string;
  /** Start of the current window; a use after window_start + window opens a new one. */
  window_start: string;
  /** Uses in the current window, including refused ones. */
  used: number;
}
