/**
 * What happened, as headlines say it: the kinds of development a case of the watchlist's topics
 * goes through, each with the headline words that tell it. A report that comes a day or more
 * after a story's reports and whose headline tells a development none of theirs tells (a
 * deportation after a detention, a verdict after a charge) reports a new event about the same
 * people: a story of its own. Words are matched case-folded, whole, by the stem a `*` ends, or
 * as two words in a row, in the title only: the lead and background tell earlier developments.
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
  // The European court in Strasbourg, ruling after a national court: another court, another
  // event (an interim order a day after a Belgrade court approved an extradition).
  'european-court': [
    'echr',
    'strasbourg court',
    'strasbourg judges',
    'european court',
    'rights court',
  ],
  charge: ['charge', 'charged', 'charges', 'indict*', 'prosecutor*'],
  // `execut*` would take an executive committee for an execution.
  death: [
    'kill*',
    'dead',
    'death',
    'murder*',
    'shot',
    'stabbed',
    'execute',
    'executed',
    'executes',
    'execution',
    'executions',
  ],
  // An election and a vote on a rule are different events of one assembly day.
  election: ['elect*', 'wins', 'won', 'chosen', 'chooses'],
  vote: ['vote*', 'voted', 'adopt*', 'approv*'],
  // What a conference or assembly day holds besides its votes (`DAY_EVENTS`), each an event of
  // its own: a rally outside, a walkout inside, a declaration signed, a report launched,
  // sanctions announced. `protester` is who someone is, not what happened.
  protest: [
    'protest',
    'protests',
    'protested',
    'protesting',
    'rally',
    'rallies',
    'rallied',
    'demonstration',
    'demonstrations',
    'demonstrate',
    'demonstrates',
    'demonstrated',
    'picket*',
  ],
  walkout: [
    'walkout',
    'walk out',
    'walks out',
    'walked out',
    'storm out',
    'storms out',
    'stormed out',
  ],
  declaration: ['declaration', 'pledge*', 'sign', 'signs', 'signed'],
  report: ['report', 'study'],
  sanction: ['sanction*'],
  // An assembly or a session opening; `as assembly opens` only dates the rally (`DATING`).
  opening: ['opens', 'opened', 'begins', 'convenes'],
  // Relatives at home pressed for what someone does abroad: a raid on a critic's parents the
  // day after a court abroad refused to extradite them is a new development. Only relatives
  // pressed: held, questioned, searched (`RELATIVES_PRESSED`), not relatives who speak
  // (`..., family says`).
  family: [
    'family',
    'families',
    'relatives',
    'parents',
    'father',
    'mother',
    'brother',
    'brothers',
    'sister',
    'sisters',
    'wife',
    'husband',
    'son',
    'daughter',
  ],
};

/**
 * Words that make the cue after them a prospect, not an event: a headline saying someone
 * "faces deportation" or is "held ahead of removal" tells an arrest, not a removal, and the
 * removal, when it comes, is a new development. A call to halt or stop one is no event either
 * (nor a call for one: "don't extradite", "must release", "urge release"), nor is what comes
 * "on the eve of" or "before" the news (a complaint on the eve of a vote).
 */
const PROSPECTS = new Set(
  (
    'face faces facing risk risks fear fears could may might seek seeks seeking sought ahead ' +
    'await awaits awaiting pending threat threatens threatened possible bid plan plans halt stop ' +
    'eve before don not must should urge urges call calls'
  ).split(' '),
);

/** Each whole-word cue's developments, and each stem cue (`deport*`) with its development. */
const WHOLE_WORD_CUES = new Map<string, string[]>();
const STEM_CUES: { readonly stem: string; readonly development: string }[] = [];
/** Two words in a row that tell a development together (`european court`). */
const TWO_WORD_CUES = new Map<string, string>();
for (const [development, cues] of Object.entries(DEVELOPMENTS)) {
  for (const cue of cues) {
    if (cue.endsWith('*')) STEM_CUES.push({ stem: cue.slice(0, -1), development });
    else if (cue.includes(' ')) TWO_WORD_CUES.set(cue, development);
    else WHOLE_WORD_CUES.set(cue, [...(WHOLE_WORD_CUES.get(cue) ?? []), development]);
  }
}

/**
 * Words that make the cue before them a name of proceedings, not an event: an `extradition
 * request`, `extradition hearing` or `extradition case` is no removal, an `arrest warrant` no
 * arrest. A ruling on such a request two days after the hearing was adjourned tells a ruling and
 * a removal the hearing's headline did not. A government that `rejects claims` rules on nothing.
 */
const PROCEEDINGS = new Set(
  (
    'request requests bid case cases hearing hearings proceedings file treaty bill decision ' +
    'warrant warrants claims allegations accusations'
  ).split(' '),
);

/**
 * Developments that, after an `as` in the headline, date the event it tells rather than tell
 * one: a rally `as Interpol assembly opens` is the rally's story, not the opening's.
 */
const DATING = new Set(['opening']);

/** Two words that name a thing, not an event, though the second is a cue. */
const NOT_EVENTS = new Set(['press release', 'in charge']);

/** Where someone is held: what a person walks out of when freed. */
const DETENTION = new Set('jail prison custody detention'.split(' '));

/** Words right after a relative that make them who speaks or fears, not who is pressed. */
const RELATIVES_SPEAK = new Set(
  'say says said fear fears feared blame blames suspect suspects'.split(' '),
);

/**
 * Stems that tell relatives pressed, besides an arrest: questioned, searched, summoned, made to
 * disown or apologise on television.
 */
const RELATIVES_PRESSED = [
  'question',
  'search',
  'summon',
  'raid',
  'target',
  'remand',
  'threat',
  'interrogat',
  'harass',
  'disown',
  'apolog',
  'forc',
];

/**
 * The developments a headline tells (those it only says may come, and the names of proceedings,
 * are not among them).
 */
export function developmentsOf(title: string): Set<string> {
  const words = title.toLowerCase().split(/[^\p{L}]+/u);
  const told = new Set<string>();
  words.forEach((word, index) => {
    if (PROSPECTS.has(words[index - 1] ?? '') || PROSPECTS.has(words[index - 2] ?? '')) return;
    if (PROCEEDINGS.has(words[index + 1] ?? '')) return;
    const twoWords = `${words[index - 1]} ${word}`;
    if (NOT_EVENTS.has(twoWords)) return;
    const relative = WHOLE_WORD_CUES.get(word)?.includes('family') ?? false;
    if (relative && RELATIVES_SPEAK.has(words[index + 1] ?? '')) return;
    const twoWordDevelopment = TWO_WORD_CUES.get(twoWords);
    // Who `walks out of (Warsaw) jail` is freed; a delegation walks out of a session.
    const outOfDetention =
      words[index + 1] === 'of' &&
      words.slice(index + 2, index + 4).some((next) => DETENTION.has(next));
    if (twoWordDevelopment) told.add(outOfDetention ? 'release' : twoWordDevelopment);
    const afterAs = words.slice(0, index).includes('as');
    for (const development of WHOLE_WORD_CUES.get(word) ?? []) {
      if (!(afterAs && DATING.has(development))) told.add(development);
    }
    for (const { stem, development } of STEM_CUES) {
      if (word.startsWith(stem)) told.add(development);
    }
  });
  const pressed =
    told.has('arrest') ||
    words.some((word) => RELATIVES_PRESSED.some((stem) => word.startsWith(stem)));
  if (!pressed) told.delete('family');
  return told;
}

/**
 * Developments of an assembly, held once (an election, a vote on a rule): a headline telling one
 * days later tells a late report of it (rights groups dismayed as the general was elected), not
 * a sequel, as a second ruling or a second arrest would be.
 */
const HELD_ONCE = new Set(['election', 'vote']);

/** Whether the developments include one that can come again in one case. */
export function recursInOneCase(developments: ReadonlySet<string>): boolean {
  for (const development of developments) {
    if (!HELD_ONCE.has(development)) return true;
  }
  return false;
}

/** What becomes of someone held: freed, or sent away. */
const OUTCOMES_OF_ARREST = ['release', 'removal'];

/**
 * Whether a headline's developments tell what follows a story as news of its own: relatives
 * pressed, or, after an arrest, an outcome of it that the story has not told.
 */
export function tellsSequel(
  developments: ReadonlySet<string>,
  storyTold: (development: string) => boolean,
): boolean {
  const tellsNew = (development: string): boolean =>
    developments.has(development) && !storyTold(development);
  if (tellsNew('family')) return true;
  return storyTold('arrest') && OUTCOMES_OF_ARREST.some(tellsNew);
}

/**
 * Whether a headline tells a development that none of the story's headlines tells, even beside
 * one they tell (`deported, arrested on arrival` after `detained`), or tells one when theirs
 * tell none (an election two days after a complaint against the candidate).
 */
export function tellsNewDevelopment(
  developments: ReadonlySet<string>,
  storyDevelopments: ReadonlySet<string>,
): boolean {
  for (const development of developments) {
    if (!storyDevelopments.has(development)) return true;
  }
  return false;
}

/**
 * Events of a conference or assembly day that no retelling tells in the words of another kind:
 * its opening, an election, a rally or protest, a walkout, a declaration signed, a report launched, sanctions.
 */
const DAY_EVENTS = new Set([
  'opening',
  'election',
  'protest',
  'walkout',
  'declaration',
  'report',
  'sanction',
]);

/**
 * Whether a headline tells another event than the story's headlines: each tells a development,
 * they share none, and one is an event of a conference day (a rally outside the hall, a
 * declaration signed inside, an executive committee seat won while a man is held at the
 * airport). Such events differ in kind, not in wording, so a retelling tells the same one; the
 * other developments of a case are retold in other words (`court sentences exiled presenters`
 * and `Cairo hands 10-year terms to broadcasters` are one verdict), and are left to the time
 * rules.
 */
export function tellsOtherEvent(
  developments: ReadonlySet<string>,
  storyDevelopments: ReadonlySet<string>,
): boolean {
  if (developments.size === 0 || storyDevelopments.size === 0) return false;
  let dayEvent = false;
  for (const development of developments) {
    if (storyDevelopments.has(development)) return false;
    dayEvent ||= DAY_EVENTS.has(development);
  }
  for (const development of storyDevelopments) dayEvent ||= DAY_EVENTS.has(development);
  return dayEvent;
}
