// @ts-check
// Site-wide enhancements, on every page of the site's layout. Pages work without this file; it only adds
// conveniences: the `js` class, live updates (live.js) and the goal bar kept current (goal-bar.js).
import './goal-bar.js';
import './live.js';

document.documentElement.classList.add('js');
