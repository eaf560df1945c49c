/**
 * Fair guest votes: a guest vote records the network it came from (hmac of the IPv4 address or the IPv6
 * /64), so that a comment takes at most a few guest votes from one network. Votes cast before this carry
 * none and count towards no network's share.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('votes').addColumn('network_hash', 'text').execute();
  // The share check counts the guest votes of one network on one comment.
  await db.schema.createIndex('votes_comment_network').on('votes').columns(['comment_id', 'network_hash']).execute();
}
