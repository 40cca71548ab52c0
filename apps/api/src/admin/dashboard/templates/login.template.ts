/** The sign-in form: the admin token, nothing else; `error` never says what was wrong with it. */
export const LOGIN_HTML = `{{#> layout}}
<main>
<form class="login" method="post" action="/admin/login">
<h1>Vigil operations</h1>
{{#if error}}<p class="error" role="alert">{{error}}</p>{{/if}}
<label for="token">Admin token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button class="primary" type="submit">Sign in</button>
<p class="hint">The value of ADMIN_TOKEN. The session lasts 12 hours and ends when the token changes.</p>
</form>
</main>
{{/layout}}`;

/** A refusal or an error, with the way back. */
export const MESSAGE_HTML = `{{#> layout}}
<main>
<div class="login">
<h1>{{title}}</h1>
<p>{{message}}</p>
<p><a href="/admin">Back to the dashboard</a></p>
</div>
</main>
{{/layout}}`;
