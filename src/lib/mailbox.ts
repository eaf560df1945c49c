/**
 * The inbox an address delivers to, for limits on mail a stranger can cause. Most providers deliver
 * `ann+anything@example.org` to `ann@example.org` (sub-addressing, RFC 5233), and Gmail also ignores dots
 * in the local part and answers for googlemail.com; a limit keyed on the address as typed would let one
 * person fill one inbox by varying it. Never used to send: mail goes to the address as given.
 */
const DOTLESS_DOMAINS: Record<string, string> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

export function mailboxOf(address: string): string {
  const email = address.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1).replace(/\.$/, '');
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const dotless = DOTLESS_DOMAINS[domain];
  if (dotless) {
    domain = dotless;
    local = local.replace(/\./g, '');
  }
  return `${local}@${domain}`;
}
