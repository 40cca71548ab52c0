export type {
  AlertMessage,
  AlertSource,
  DigestAlert,
  DigestPeriod,
  EmailFrequency,
  MatchExplanation,
  Recipient,
  RenderedEmail,
  TopicLabel,
} from './email-content.js';
export {
  renderAlertEmail,
  renderConfirmationEmail,
  renderDigestEmail,
  renderPage,
  renderTestEmail,
} from './render-email.js';
