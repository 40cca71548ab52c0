export { ApiModule } from './api.module.js';
export { createHttpApplication } from './create-http-application.js';
export { listenOnPort } from './listen-on-port.js';
export { ADMIN_SESSION_COOKIE, hasAdminSession } from './admin/dashboard/admin-session.js';
