/**
 * A standalone page the API answers a click in an email with (confirmation, unsubscribe).
 * A browser, not a mail client, shows it: a <style> block is fine, nothing is loaded from
 * elsewhere. Context: { title, message, form: { action, button } | null }.
 */
export const PAGE_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{title}} · Vigil</title>
<style>
  body { margin: 0; background: #f3f4f6; color: #1f2328;
    font: 16px/1.55 -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; }
  main { box-sizing: border-box; max-width: 480px; margin: 48px auto; padding: 0 16px; }
  .brand { margin: 0 0 12px 4px; font-size: 14px; font-weight: 700; letter-spacing: 0.08em; }
  .card { background: #ffffff; border: 1px solid #e3e6ea; border-radius: 8px; padding: 28px 24px;
    overflow-wrap: anywhere; }
  h1 { margin: 0 0 12px; font-size: 22px; line-height: 1.3; }
  p { margin: 0; }
  form { margin: 24px 0 0; }
  button { appearance: none; border: 0; border-radius: 6px; background: #1f2328; color: #ffffff;
    padding: 12px 22px; font: inherit; font-weight: 600; cursor: pointer; }
  button:hover, button:focus-visible { background: #3d444d; }
  button:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<p class="brand">VIGIL</p>
<div class="card">
<h1>{{title}}</h1>
<p>{{message}}</p>
{{#if form}}
<form method="post" action="{{form.action}}">
<button type="submit">{{form.button}}</button>
</form>
{{/if}}
</div>
</main>
</body>
</html>
`;
