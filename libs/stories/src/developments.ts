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

/** The developments a headline tells. */
export function developmentsOf(title: string): Set<string> {
  const words = title.toLowerCase().split(/[^\p{L}]+/u);
  return new Set(
    Object.entries(DEVELOPMENTS)
      .filter(([, cues]) => cues.some((cue) => words.some((word) => tells(word, cue))))
      .map(([development]) => development),
  );
}

/** `cue` is a whole word, or a stem when it ends in `*` (`deport*`: deports, deportation). */
function tells(word: string, cue: string): boolean {
  return cue.endsWith('*') ? word.startsWith(cue.slice(0, -1)) : word === cue;
}
