/**
 * Stylesheets linked from every page, in order. A feature's styles live in public/css/<feature>.css and are
 * listed here (not @import-ed: imports load one after another, and axe's copies of imported sheets are
 * blocked by our CSP).
 */
export const STYLESHEETS = [
  'site.css',
  'moderation.css',
  'discovery.css',
  'mail.css',
  'editorial.css',
  'discussion.css',
  'funding.css',
  'inline.css',
];
