import { DASHBOARD_CSS } from './dashboard-styles.js';

/** Every dashboard page: no script, no external resource; `refresh` reloads /admin. */
export const LAYOUT_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
{{#if refresh}}<meta http-equiv="refresh" content="30; url=/admin">{{/if}}
<title>{{title}} · Vigil</title>
<style>${DASHBOARD_CSS}</style>
</head>
<body>
{{> @partial-block}}
</body>
</html>`;
