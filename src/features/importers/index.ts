/** The public entry of the importers feature: the only module other features and the composition root may import. */
export { importDisqus, type ArticleMap } from './disqus.importer.js';
export { exportChunks, writeExportFile } from './export.service.js';
export { stageMediaTar, writeMediaTar } from './media-backup.js';
export { type ImportCtx, type ImportInput } from './import-runner.js';
export { importRoutes } from './import.routes.js';
export { type ImportJobTable, type ImportRecountTable, type ImportRefTable } from './import.table.js';
export { summaryLines, type ImportProgress } from './import.types.js';
export { createProgressReporter } from './progress-reporter.js';
export { importWxr } from './wxr.importer.js';
export { XmlFormatError } from './xml-records.js';
export { type RunningImports } from './import-jobs.service.js';
export { findLegacyRedirect, isLegacyHomeQuery } from './legacy-redirects.service.js';
export { type LegacyRedirectTable } from './legacy-redirect.table.js';
