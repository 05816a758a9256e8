export { fasVersion } from '../util/version.js';
