// Site-wide enhancements. Pages work without this file; it only adds conveniences.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
})();
