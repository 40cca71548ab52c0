export type {
  AliasRefNode,
  AndNode,
  FieldScopeNode,
  NearNode,
  NotNode,
  OrNode,
  PhraseNode,
  PrefixNode,
  QueryError,
  QueryField,
  QueryNode,
  QueryParse,
  TermNode,
} from './query.ast.js';
export { parseQuery } from './query.parser.js';
export { normalise, type NormalisedText, type NormalisedToken } from './text.normaliser.js';
export {
  compileWatchlist,
  type WatchlistCompilation,
  type WatchlistDefinition,
  type WatchlistError,
  type WatchlistRule,
  type WatchlistTopic,
} from './watchlist.compiler.js';
export type { Matcher, MatchInput, MatchResult, MatchedTerm, RuleMatch } from './matcher.js';
export {
  validateWatchlist,
  watchlistSchema,
  type WatchlistDocument,
  type WatchlistIssue,
  type WatchlistValidation,
} from './watchlist.validator.js';
export {
  proposeWatchlist,
  type CorpusDocument,
  type ProposedEntity,
  type ProposalOptions,
  type ProposedPhrase,
  type WatchlistProposal,
} from './watchlist.builder.js';
export { WatchlistCoverage } from './watchlist.coverage.js';
