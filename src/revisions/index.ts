export { newRevisionId, slugify, revisionFileName, isRevisionId } from './revision-id.js';
export { renderRevision } from './render.js';
export { parseRevisionFile } from './parse.js';
export { readRevisionDir, checkChain, listRevisionFiles } from './chain.js';
export { writeRevision } from './write.js';
