export {
  DEFAULT_GROUPING_SETTINGS,
  StoryGrouper,
  type GroupingDecision,
  type GroupingSettings,
  type StoryItem,
} from './story-grouper.js';
export { storyTime } from './story-time.js';
