/**
 * The site's time zone for the page being rendered. The shell provides it around every page (from the site
 * identity it already loads for the layout), so a `<DateTime>` anywhere in a page shows the zone's time without
 * every view passing it down. Rendering outside a page (a fragment) gets UTC unless it provides one too.
 */
import { createContext } from 'preact';
import { DEFAULT_TIME_ZONE } from '../lib/time-zone.js';

export const TimeZoneContext = createContext<string>(DEFAULT_TIME_ZONE);
