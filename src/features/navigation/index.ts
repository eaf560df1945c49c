/** The public entry of the navigation feature: the header's and footer's links (/admin/navigation). */
export { navigationRoutes } from './navigation.routes.js';
export {
  createNavigationCache,
  siteNavigation,
  watchNavigation,
  type NavigationCache,
  type NavLink,
} from './navigation.service.js';
