export {
  DEFAULT_GROUPING_SETTINGS,
  matchedTermsOf,
  StoryGrouper,
  type GroupingDecision,
  type GroupingSettings,
  type MatchedRule,
  type StoryItem,
} from './story-grouper.js';
export { storyTime } from './story-time.js';
