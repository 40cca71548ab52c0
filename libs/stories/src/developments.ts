/**
 * What happened, as headlines say it: the kinds of development a case of the watchlist's topics
 * goes through, each with the headline words that tell it. A report that comes a day or more
 * after a story's reports and whose headline tells a development none of theirs tells (a
 * deportation after a detention, a verdict after a charge) reports a new event about the same
 * people: a story of its own. Words are matched case-folded, whole or by the stem a `*` ends,
 * in the title only: the lead and background tell earlier developments too.
 */
const DEVELOPMENTS: Readonly<Record<string, readonly string[]>> = {
  arrest: ['detain*', 'arrest*', 'held', 'holds', 'seize*', 'custody', 'stopped'],
  release: [
    'free',
    'frees',
    'freed',
    'releas*',
    'acquit*',
    'dropped',
    'drops',
    'lifted',
    'lifts',
    'cleared',
    'clears',
    'withdraw*',
    'deleted',
    'deletes',
  ],
  removal: [
    'extradit*',
    'deport*',
    'expel*',
    'returned',
    'returns',
    'handed',
    'hands',
    'sent',
    'sends',
  ],
  verdict: ['sentenc*', 'jailed', 'jails', 'convict*', 'guilty', 'verdict*'],
  ruling: [
    'ruling*',
    'rules',
    'ruled',
    'court*',
    'judge*',
    'hearing*',
    'appeal*',
    'blocks',
    'blocked',
    'halts',
    'halted',
    'refuses',
    'refused',
    'rejects',
    'rejected',
  ],
  charge: ['charge', 'charged', 'charges', 'indict*', 'prosecutor*'],
  death: ['kill*', 'dead', 'death', 'murder*', 'shot', 'stabbed'],
  vote: ['elect*', 'vote*', 'voted', 'wins', 'won', 'chosen', 'chooses'],
};

/**
 * Words that make the cue after them a prospect, not an event: a headline saying someone
 * "faces deportation" or is "held ahead of removal" tells an arrest, not a removal, and the
 * removal, when it comes, is a new development. A call to halt or stop one is no event either.
 */
const PROSPECTS = new Set(
  (
    'face faces facing risk risks fear fears could may might seek seeks seeking sought ahead ' +
    'await awaits awaiting pending threat threatens threatened possible bid plan plans halt stop'
  ).split(' '),
);

/** The developments a headline tells (those it only says may come are not among them). */
export function developmentsOf(title: string): Set<string> {
  const words = title.toLowerCase().split(/[^\p{L}]+/u);
  const told = words.filter(
    (_, index) => !PROSPECTS.has(words[index - 1] ?? '') && !PROSPECTS.has(words[index - 2] ?? ''),
  );
  return new Set(
    Object.entries(DEVELOPMENTS)
      .filter(([, cues]) => cues.some((cue) => told.some((word) => tells(word, cue))))
      .map(([development]) => development),
  );
}

/** `cue` is a whole word, or a stem when it ends in `*` (`deport*`: deports, deportation). */
function tells(word: string, cue: string): boolean {
  return cue.endsWith('*') ? word.startsWith(cue.slice(0, -1)) : word === cue;
}
