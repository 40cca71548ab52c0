export { ApiModule } from './api.module.js';
export { createHttpApplication } from './create-http-application.js';
