/** `{{> time value}}`: a moment as "3 min ago", the exact time on hover. */
export const TIME_HTML = `<time datetime="{{iso}}" title="{{iso}}">{{label}}</time>`;

/** The overview; the context is a DashboardView plus `csrfToken` and `notice`. */
export const OVERVIEW_HTML = `{{#> layout}}
<header class="top">
<h1>Vigil operations</h1>
<span class="meta">Updated {{> time generatedAt}} · reloads every 30 s</span>
<form method="post" action="/admin/logout"><input type="hidden" name="csrf" value="{{csrfToken}}"><button type="submit">Sign out</button></form>
</header>
<main>
{{#if notice}}<p class="notice" role="status">{{notice}}</p>{{/if}}
<div class="components">
{{#each components}}<span class="badge {{#if up}}ok{{else}}bad{{/if}}" title="{{detail}}">{{name}}: {{#if up}}{{detail}}{{else}}down ({{detail}}){{/if}}</span>
{{/each}}
</div>
<div class="strip">
{{#each summary}}<div class="tile{{#if bad}} bad{{/if}}"><div class="label">{{label}}</div><div class="value">{{value}}</div></div>
{{/each}}
</div>

<section id="feeds">
<h2>Feeds <span class="count">{{feeds.length}}</span></h2>
{{#if feeds.length}}
<table class="cards">
<thead><tr><th>Feed</th><th>State</th><th class="num">Failures in a row</th><th>Last poll</th><th>Next poll</th><th></th></tr></thead>
<tbody>
{{#each feeds}}
<tr class="{{#if failing}}failing{{/if}}" data-feed-id="{{id}}">
<td class="lead"><strong>{{name}}</strong> <span class="sub">{{id}}</span><div class="sub">{{url}}</div>{{#if errorMessage}}<div class="error-message">{{errorMessage}}</div>{{/if}}</td>
<td data-label="State"><span>{{#if failing}}<span class="badge bad">Failing</span>{{#if reason}} <code>{{reason}}</code>{{/if}}{{else}}<span class="badge {{#if lastPoll}}ok{{else}}muted{{/if}}">{{stateLabel}}</span>{{/if}}</span></td>
<td class="num{{#if failing}} bad-text{{/if}}" data-label="Failures in a row">{{failuresInRow}}</td>
<td class="nowrap" data-label="Last poll">{{#if lastPoll}}{{> time lastPoll}}{{else}}never{{/if}}</td>
<td class="nowrap" data-label="Next poll">{{#if nextPoll}}{{> time nextPoll}}{{else}}not scheduled{{/if}}</td>
<td class="num" data-label="">
<form method="post" action="{{pollAction}}"><input type="hidden" name="csrf" value="{{../csrfToken}}"><button type="submit">Poll now</button></form>
</td>
</tr>
{{/each}}
</tbody>
</table>
{{else}}
<p class="empty">No feeds are registered.</p>
{{/if}}
</section>

<section id="subscriptions">
<h2>Subscriptions with failing deliveries <span class="count">{{subscriptions.length}}</span></h2>
{{#if subscriptions.length}}
<table class="cards">
<thead><tr><th>Subscription</th><th>Channel</th><th>Status</th><th>Failing since</th><th class="num">Dead letters</th><th>Last attempt</th></tr></thead>
<tbody>
{{#each subscriptions}}
<tr class="{{#if suspended}}failing{{/if}}">
<td class="lead"><code>{{id}}</code></td>
<td data-label="Channel">{{channel}}</td>
<td data-label="Status"><span><span class="badge {{statusStyle}}">{{status}}</span>{{#if reason}} <span class="sub">{{reason}}</span>{{/if}}</span></td>
<td class="nowrap" data-label="Failing since">{{#if failingSince}}{{> time failingSince}}{{else}}–{{/if}}</td>
<td class="num{{#if deadLetters}} bad-text{{/if}}" data-label="Dead letters">{{deadLetters}}</td>
<td data-label="Last attempt"><span>{{lastAttempt}}{{#if lastAttemptAt}}, <span class="nowrap">{{> time lastAttemptAt}}</span>{{/if}}</span></td>
</tr>
{{/each}}
</tbody>
</table>
{{else}}
<p class="empty">Every subscription's latest delivery succeeded.</p>
{{/if}}
</section>

<section id="queues">
<h2>Queues</h2>
<div class="scroll">
<table class="compact">
<thead><tr><th>Queue</th>{{#each queueStates}}<th class="num">{{this}}</th>{{/each}}</tr></thead>
<tbody>
{{#each queues}}
<tr>
<td><strong>{{name}}</strong></td>
{{#each counts}}<td class="num{{#if bad}} bad-text{{/if}}">{{value}}</td>{{/each}}
</tr>
{{/each}}
</tbody>
</table>
</div>
</section>

<section id="consumers">
<h2>Consumers <span class="count">{{consumers.length}}</span></h2>
{{#if consumers.length}}
<div class="scroll">
<table class="compact">
<thead><tr><th>Consumer</th><th class="num">Checkpoint</th><th class="num">Lag</th><th>Moved</th></tr></thead>
<tbody>
{{#each consumers}}
<tr class="{{#if behind}}failing{{/if}}">
<td><code>{{name}}</code></td>
<td class="num">{{position}}</td>
<td class="num{{#if behind}} bad-text{{/if}}">{{lag}}</td>
<td class="nowrap">{{> time updatedAt}}</td>
</tr>
{{/each}}
</tbody>
</table>
</div>
{{else}}
<p class="empty">No consumer has a checkpoint yet.</p>
{{/if}}
</section>

<section id="alerts">
<h2>Recent alerts <span class="count">{{alerts.length}}</span></h2>
{{#if alerts.length}}
<table class="cards">
<thead><tr><th>Alert</th><th>Topics</th><th class="num">Score</th><th class="num">Reports</th><th>Sources</th><th>Why it matched</th></tr></thead>
<tbody>
{{#each alerts}}
<tr>
<td class="lead">{{#if url}}<a href="{{url}}" rel="noreferrer noopener">{{title}}</a>{{else}}{{title}}{{/if}}<div class="sub">raised {{> time raisedAt}}</div></td>
<td data-label="Topics"><ul class="plain">{{#each topics}}<li class="nowrap">{{this}}</li>{{/each}}</ul></td>
<td class="num" data-label="Score">{{score}}</td>
<td class="num" data-label="Reports">{{reports}}</td>
<td data-label="Sources"><ul class="plain">{{#each sources}}<li>{{this}}</li>{{/each}}</ul></td>
<td data-label="Why it matched"><ul class="plain">{{#each reasons}}<li><strong>{{topic}}</strong>: <code>{{rule}}</code>{{#if terms}} <span class="sub">{{terms}}</span>{{/if}}</li>{{/each}}</ul></td>
</tr>
{{/each}}
</tbody>
</table>
{{else}}
<p class="empty">No alerts yet.</p>
{{/if}}
</section>
</main>
{{/layout}}`;
