/** The public entry of the accounts feature: the only module other features and the composition root may import. */
export { accountRoutes } from './account.routes.js';
export { SESSION_COOKIE } from './account.service.js';
export { passwordRoutes } from './password.routes.js';
export { grantPublisherAccess } from './publisher-access.service.js';
export { signupRoutes } from './signup.routes.js';
export { forgetUnconfirmedSignups } from './signup.service.js';
export { staffRoutes } from './staff.routes.js';
export { countUsers, findUserById, insertUser } from './user.repo.js';
export { type SessionTable, type UserTable } from './user.table.js';
export {
  createAccountHooks,
  type AccountForgotten,
  type AccountHooks,
  type ForgottenEffects,
} from './account.hooks.js';
export { giveAuthorPages } from './user.repo.js';
