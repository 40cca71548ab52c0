import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_GROUPING_SETTINGS,
  type GroupingDecision,
  matchedTermsOf,
  splitLead,
  StoryGrouper,
  type StoryItem,
} from './story-grouper.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2021-11-25T09:00:00Z');

function item(
  itemId: string,
  hours: number,
  title: string,
  summary: string,
  topics: readonly string[] = ['interpol-leadership'],
  matchedTerms: readonly string[] = ['Interpol', 'president'],
): StoryItem {
  const at = T0 + hours * HOUR;
  return { itemId, feedId: `feed-${itemId}`, title, summary, at, topics, matchedTerms };
}

/** Places each item as the worker would: join the story it names, or start one of its own. */
function place(grouper: StoryGrouper, items: readonly StoryItem[]): string[] {
  return items.map((each) => {
    const decision = grouper.decide(each);
    if (decision.kind === 'same-story') grouper.joinStory(decision.storyId, each);
    else grouper.startStory(`story-${each.itemId}`, each);
    return grouper.storyOf(each.itemId) ?? '';
  });
}

const election = [
  item(
    'e1',
    0,
    'Emirati general Ahmed Naser al-Raisi elected Interpol president',
    'Delegates at the General Assembly in Istanbul chose Major General Ahmed Naser al-Raisi of the United Arab Emirates, despite complaints from rights groups that he oversaw torture.',
  ),
  item(
    'e2',
    20,
    'UAE official wins top post at global police body despite torture claims',
    'Al-Raisi, the inspector general of the UAE interior ministry, won the vote in Istanbul after three rounds. Human rights groups had accused him of overseeing the torture of detainees.',
  ),
  item(
    'e3',
    40,
    'Rights groups dismayed as Raisi takes the helm at Interpol',
    'Campaigners said the choice of the Emirati general at the Istanbul assembly would damage the organisation, whose new president faces torture complaints in France and Turkey.',
  ),
];

const twoNoticesOneDay = [
  item(
    'n1',
    0,
    'Bahraini footballer held in Bangkok on Interpol red notice',
    'Hakeem al-Araibi, a refugee living in Australia, was detained at Bangkok airport on his honeymoon after Bahrain sought his return through an Interpol red notice.',
    ['red-notice-abuse'],
    ['Interpol red notice', 'refugee'],
  ),
  item(
    'n2',
    3,
    'Uyghur activist detained in Morocco on Chinese Interpol notice',
    'Idris Hasan, who fled Xinjiang for Turkey, was arrested at Casablanca airport on a red notice issued at China’s request, rights groups said, and faces extradition to Beijing.',
    ['red-notice-abuse'],
    ['Interpol red notice', 'refugee'],
  ),
];

// One summit city, one morning: a complaint against a candidate, and a reporter held at the
// airport. They share the city and the topic's words, and are about different people.
const complaint = item(
  'p1',
  0,
  'Lawyers file torture complaint against Interpol candidate in Lisbon',
  'Lawyers for two former detainees filed a complaint in Lisbon on Monday accusing Colonel Tariq Mansour, a candidate for the Interpol presidency, of overseeing their torture. Prosecutors will decide whether to question him during the assembly this week.',
  ['interpol-leadership'],
  ['Interpol', 'presidency'],
);
const airport = item(
  'p2',
  3,
  'Exiled reporter held at Lisbon airport on Interpol notice',
  'Portuguese police detained Leyla Oran, an exiled reporter who writes about corruption, at Lisbon airport on an Interpol notice requested by the government she fled. Her lawyer said she came to Lisbon to cover the assembly.',
  ['red-notice-abuse'],
  ['Interpol'],
);

const detained = item(
  'd1',
  0,
  'Exiled blogger Anvar Saidov detained in Istanbul on Tajik red notice',
  'Turkish police detained Anvar Saidov, an exiled Tajik blogger, in Istanbul on a red notice requested by Dushanbe, his lawyer said.',
  ['red-notice-abuse'],
  ['red notice'],
);
const sameDay = item(
  'd2',
  6,
  'Tajik blogger Anvar Saidov held in Istanbul, lawyer says',
  'Anvar Saidov, who fled Tajikistan in 2018, is held in Istanbul pending a decision on the red notice, his lawyer told reporters.',
  ['red-notice-abuse'],
  ['red notice'],
);
const deported = item(
  'd3',
  40,
  'Turkey deports exiled blogger Anvar Saidov to Tajikistan',
  'Anvar Saidov, the exiled Tajik blogger detained in Istanbul on a red notice, was put on a flight to Dushanbe on Tuesday, his lawyer said.',
  ['red-notice-abuse'],
  ['red notice'],
);

describe('StoryGrouper', () => {
  it('groups differently worded reports of one election over two days', () => {
    const stories = place(new StoryGrouper(), election);
    expect(stories).toEqual(['story-e1', 'story-e1', 'story-e1']);
  });

  it('keeps two Red Notice cases of the same day apart', () => {
    const stories = place(new StoryGrouper(), twoNoticesOneDay);
    expect(stories).toEqual(['story-n1', 'story-n2']);
  });

  it('explains a join with the similarity, the closest report and the words they share', () => {
    const grouper = new StoryGrouper();
    place(grouper, election.slice(0, 1));
    const decision = grouper.decide(election[1] as StoryItem);
    expect(decision).toMatchObject({ kind: 'same-story', storyId: 'story-e1', reason: 'similar' });
    if (decision.kind !== 'same-story') throw new Error('unreachable');
    expect(decision.closestItemId).toBe('e1');
    expect(decision.similarity).toBeGreaterThanOrEqual(
      DEFAULT_GROUPING_SETTINGS.similarityThreshold,
    );
    expect(decision.sharedTerms).toEqual(expect.arrayContaining(['raisi', 'istanbul']));
  });

  it('joins a syndicated copy with a retouched headline as a copy', () => {
    const grouper = new StoryGrouper();
    const wire = item(
      'w1',
      0,
      'Interpol names Brazilian police chief as secretary general',
      'The executive committee of Interpol on Friday nominated Valdecy Urquiza, a Brazilian federal police officer, to lead the organisation as secretary general, replacing Jürgen Stock after ten years. The General Assembly must confirm the choice in Glasgow.',
    );
    const copy = item(
      'w2',
      2,
      'Brazilian to lead Interpol',
      'The executive committee of Interpol on Friday nominated Valdecy Urquiza, a Brazilian federal police officer, to lead the organisation as secretary general, replacing Jürgen Stock after ten years.',
    );
    place(grouper, [wire]);
    expect(grouper.decide(copy)).toMatchObject({ kind: 'same-story', reason: 'syndicated' });
  });

  it('starts a new story for a report of the same event outside the window', () => {
    const late = { ...(election[2] as StoryItem), at: T0 + 100 * HOUR };
    const stories = place(new StoryGrouper(), [election[0] as StoryItem, late]);
    expect(stories).toEqual(['story-e1', 'story-e3']);
  });

  it('asks more likeness of a report that shares no topic with the story', () => {
    const [first, second] = election as [StoryItem, StoryItem];
    const probe = new StoryGrouper({ ...DEFAULT_GROUPING_SETTINGS, similarityThreshold: 0.001 });
    place(probe, [first]);
    const likeness = probe.decide(second);
    if (likeness.kind !== 'same-story') throw new Error('the probe should join');
    // A threshold just under the likeness: enough for a shared topic, not for another topic.
    const settings = {
      ...DEFAULT_GROUPING_SETTINGS,
      similarityThreshold: likeness.similarity / 1.2,
    };
    const otherTopic = { ...second, topics: ['extradition'] };

    expect(place(new StoryGrouper(settings), [first, second])).toEqual(['story-e1', 'story-e1']);
    expect(place(new StoryGrouper(settings), [first, otherTopic])).toEqual([
      'story-e1',
      'story-e2',
    ]);
  });

  it('decides the same way when the same items come in the same order', () => {
    const items = [...election, ...twoNoticesOneDay].sort((a, b) => a.at - b.at);
    const first = new StoryGrouper();
    const second = new StoryGrouper();
    expect(place(first, items)).toEqual(place(second, items));
  });

  it('leaves an item already placed where it is', () => {
    const grouper = new StoryGrouper();
    place(grouper, twoNoticesOneDay);
    grouper.joinStory('story-n2', twoNoticesOneDay[0] as StoryItem);
    expect(grouper.storyOf('n1')).toBe('story-n1');
  });

  it('does not let an analysis join a story that only its background names', () => {
    // A long piece about a new case on the day of the election: its lead is about a detained
    // journalist, its background recalls al-Raisi's election and the torture complaints.
    const analysis = item(
      'a1',
      6,
      'Exiled journalist held in Belgrade on a Tajik red notice',
      'Serbian police detained the exiled Tajik journalist Rustam Nazarov at Belgrade airport on Thursday on a red notice requested by Dushanbe, his lawyer said. ' +
        'He had lived in Lithuania since fleeing in 2016 and writes for an opposition site that Dushanbe banned; his wife said he was held overnight without a lawyer and faces extradition within days. ' +
        'The arrest came as delegates in Istanbul elected Ahmed Naser al-Raisi of the United Arab Emirates as Interpol president despite torture complaints from rights groups, ' +
        'a vote that critics said showed how little the organisation had learned from the abuse of its notices by Tajikistan, Turkey and the UAE. ' +
        'Al-Raisi, the inspector general of the UAE interior ministry, has denied the allegations.',
      ['red-notice-abuse'],
      ['red notice', 'Interpol'],
    );
    const stories = place(new StoryGrouper(), [election[0] as StoryItem, analysis]);
    expect(stories).toEqual(['story-e1', 'story-a1']);
  });

  describe('commentary', () => {
    const analysis = item(
      'c1',
      8,
      'Analysis: Why the Emirati general won the Interpol vote, and what it means for dissidents',
      'Ahmed Naser al-Raisi, the UAE interior ministry official elected Interpol president in Istanbul, won despite torture complaints because the Gulf states and their allies voted as a bloc, diplomats said. His critics fear the organisation will now look away from abuses of its notices.',
    );

    it('keeps an analysis of the news apart from the news, and says why', () => {
      const grouper = new StoryGrouper();
      place(grouper, [election[0] as StoryItem]);
      expect(grouper.decide(analysis)).toMatchObject({
        kind: 'new-story',
        reason: 'commentary',
        nearestStoryId: 'story-e1',
      });
      // The same piece without its label is a report of the election.
      const unlabelled = {
        ...analysis,
        itemId: 'c3',
        title: analysis.title.replace('Analysis: ', ''),
      };
      expect(grouper.decide(unlabelled)).toMatchObject({
        kind: 'same-story',
        storyId: 'story-e1',
      });
    });

    it('does not let the news join a story that an analysis started', () => {
      const grouper = new StoryGrouper();
      place(grouper, [analysis]);
      expect(
        grouper.decide({ ...(election[1] as StoryItem), at: analysis.at + HOUR }),
      ).toMatchObject({ kind: 'new-story', reason: 'commentary' });
    });

    it('joins a copy of an analysis to the analysis', () => {
      const grouper = new StoryGrouper();
      place(grouper, [election[0] as StoryItem, analysis]);
      const copy = { ...analysis, itemId: 'c2', feedId: 'feed-c2', at: analysis.at + HOUR };
      expect(grouper.decide(copy)).toMatchObject({ kind: 'same-story', storyId: 'story-c1' });
    });
  });

  it('judges a report against what the story is about, so one stray report pulls none in', () => {
    // e1 and e2 make the story; a report that is like neither of them but shares a word or
    // two with a third report would have chained in when any one report sufficed.
    const grouper = new StoryGrouper();
    place(grouper, election.slice(0, 2));
    const stray = item(
      's1',
      19,
      'German teacher flies home from Turkey after Interpol request',
      'A court in Istanbul released a German teacher detained at Turkey’s request through Interpol, his lawyer said; the teacher, accused of links to the Gulen movement, flew home.',
      ['red-notice-abuse'],
      ['Interpol'],
    );
    // It shares Istanbul with the story, the one name that tells it apart, but is not alike
    // (its headline tells no development, which would make it another event of the assembly's day).
    expect(grouper.decide(stray)).toEqual({
      kind: 'new-story',
      reason: 'not-alike',
      nearestStoryId: 'story-e1',
      similarity: 0.039,
    });
  });

  it('starts a new story for a new development about the same people a day or more later', () => {
    expect(place(new StoryGrouper(), [detained, sameDay, deported])).toEqual([
      'story-d1',
      'story-d1',
      'story-d3',
    ]);
    // A headline that tells the story's development beside a new one still tells a new one.
    const deportedOnArrival = item(
      'd4',
      40,
      'Turkey deports exiled blogger Anvar Saidov, detained on arrival in Dushanbe',
      'Anvar Saidov, the exiled Tajik blogger detained in Istanbul on a red notice, was put on a flight to Dushanbe on Tuesday and detained on arrival, his lawyer said.',
      ['red-notice-abuse'],
      ['red notice'],
    );
    expect(place(new StoryGrouper(), [detained, sameDay, deportedOnArrival])).toEqual([
      'story-d1',
      'story-d1',
      'story-d4',
    ]);
    // Retold all day and into the night, the arrest is still the news of its first morning: a
    // release the next morning is a new development, however recent the last retelling.
    const retoldAtNight = item(
      'd5',
      16,
      'Exiled Tajik blogger Anvar Saidov still held in Istanbul',
      'Anvar Saidov spent the night in a police station in Istanbul, his lawyer said, as Dushanbe pressed its red notice.',
      ['red-notice-abuse'],
      ['red notice'],
    );
    const releasedNextMorning = item(
      'd6',
      22,
      'Turkey releases exiled Tajik blogger Anvar Saidov',
      'A court in Istanbul released Anvar Saidov, the exiled Tajik blogger detained on a red notice requested by Dushanbe, his lawyer said.',
      ['red-notice-abuse'],
      ['red notice'],
    );
    expect(
      place(new StoryGrouper(), [detained, sameDay, retoldAtNight, releasedNextMorning]),
    ).toEqual(['story-d1', 'story-d1', 'story-d1', 'story-d6']);
    // What became of the blogger, told hours after his arrest, is news of its own.
    const releasedSameNight = item(
      'd7',
      12,
      'Turkey releases exiled Tajik blogger Anvar Saidov',
      'A court in Istanbul released Anvar Saidov, the exiled Tajik blogger detained on a red notice requested by Dushanbe, his lawyer said.',
      ['red-notice-abuse'],
      ['red notice'],
    );
    expect(place(new StoryGrouper(), [detained, sameDay, releasedSameNight])).toEqual([
      'story-d1',
      'story-d1',
      'story-d7',
    ]);
    const laterSequels = { ...DEFAULT_GROUPING_SETTINGS, sequelHours: 13 };
    expect(place(new StoryGrouper(laterSequels), [detained, sameDay, releasedSameNight])).toEqual([
      'story-d1',
      'story-d1',
      'story-d1',
    ]);
    // Relatives pressed at home the morning after: news of its own, whatever the story told.
    const bountyProtest = item(
      'f1',
      0,
      'UK summons Chinese ambassador over bounty on activist Kelvin Chau',
      'The Foreign Office summoned the Chinese ambassador over the bounty Hong Kong police put on Kelvin Chau, a pro-democracy activist living in London.',
      ['transnational-repression'],
      ['bounty'],
    );
    const parentsQuestioned = item(
      'f2',
      12,
      'Hong Kong police question parents of activist Kelvin Chau',
      'National security police took the parents of Kelvin Chau, the London-based activist with a bounty on his head, for questioning, a day after the UK protested.',
      ['transnational-repression'],
      ['bounty'],
    );
    expect(place(new StoryGrouper(), [bountyProtest, parentsQuestioned])).toEqual([
      'story-f1',
      'story-f2',
    ]);
    expect(place(new StoryGrouper(laterSequels), [bountyProtest, parentsQuestioned])).toEqual([
      'story-f1',
      'story-f1',
    ]);
    // A second court's ruling two days after the first, the story quiet since: both headlines
    // tell a ruling and a removal, but it is news of its own.
    const approved = item(
      'c1',
      0,
      'Serbian court approves extradition of Russian activist Dmitry Shcherbakov',
      'A Belgrade court approved the extradition of Dmitry Shcherbakov, a Russian anti-war activist wanted on extremism charges, his lawyer said.',
      ['extradition'],
      ['extradition'],
    );
    const approvedRetold = item(
      'c2',
      3,
      'Belgrade court rules Russian activist Shcherbakov can be extradited',
      'Dmitry Shcherbakov, a Russian anti-war activist, can be extradited to Russia, a court in Belgrade ruled, his lawyer said he would appeal.',
      ['extradition'],
      ['extradition'],
    );
    const halted = item(
      'c3',
      50,
      'Serbian appeals court halts extradition of Russian activist Dmitry Shcherbakov',
      'An appeals court in Belgrade halted the extradition of Dmitry Shcherbakov, the Russian anti-war activist whose extradition a lower court approved this week.',
      ['extradition'],
      ['extradition'],
    );
    expect(place(new StoryGrouper(), [approved, approvedRetold, halted])).toEqual([
      'story-c1',
      'story-c1',
      'story-c3',
    ]);
    const notQuiet = { ...DEFAULT_GROUPING_SETTINGS, quietHours: 100 };
    expect(place(new StoryGrouper(notQuiet), [approved, approvedRetold, halted])).toEqual([
      'story-c1',
      'story-c1',
      'story-c1',
    ]);
    // An election is held once: a late report of it, the story quiet since, is no sequel.
    const dismayed = item(
      'e4',
      39,
      'Rights groups dismayed as Raisi elected to lead Interpol',
      'Campaigners said the choice of the Emirati general at the Istanbul assembly would damage Interpol, whose newly elected president faces torture complaints in France and Turkey.',
    );
    expect(place(new StoryGrouper(), [election[0]!, dismayed])).toEqual(['story-e1', 'story-e1']);
    // The same report, were the deportation told the same day: the likeness decides.
    const settings = { ...DEFAULT_GROUPING_SETTINGS, developmentGapHours: 100, sequelHours: 100 };
    expect(place(new StoryGrouper(settings), [detained, sameDay, deported])).toEqual([
      'story-d1',
      'story-d1',
      'story-d1',
    ]);
  });
});

describe('people', () => {
  // Linked to the complaint by `Lisbon` alone: the colonel is not named.
  const lisbonLawyers = (itemId: string, hours: number, title: string): StoryItem =>
    item(
      itemId,
      hours,
      title,
      'Lawyers for two former detainees urged Lisbon prosecutors to question the colonel, a candidate for the Interpol presidency, over the torture complaint they filed, before the assembly votes this week.',
      ['interpol-leadership'],
      ['Interpol', 'presidency'],
    );
  // The complaint against Tariq Mansour told with other words.
  const sameCase = item(
    'p3',
    5,
    'Candidate for Interpol post accused of torture in Portuguese complaint',
    'Tariq Mansour, who hopes to become Interpol president on Wednesday, is accused in a Lisbon complaint of overseeing the torture of two detainees. His office called the complaint a smear.',
    ['interpol-leadership'],
    ['Interpol', 'president'],
  );

  it('keeps apart two reports about different people in one city on one day', () => {
    expect(place(new StoryGrouper(), [complaint, airport])).toEqual(['story-p1', 'story-p2']);
  });

  it('joins a report about the same person told with other words', () => {
    expect(place(new StoryGrouper(), [complaint, sameCase])).toEqual(['story-p1', 'story-p1']);
  });

  it('says whether a person links a joined report, or only places and single names', () => {
    const byPerson = new StoryGrouper();
    place(byPerson, [complaint]);
    expect(byPerson.decide(sameCase)).toMatchObject({ kind: 'same-story', sharesPerson: true });

    const byPlace = new StoryGrouper();
    place(byPlace, [complaint]);
    const lisbonOnly = lisbonLawyers(
      'p4',
      4,
      'Lawyers in Lisbon ask prosecutors to question Interpol candidate over torture complaint',
    );
    expect(byPlace.decide(lisbonOnly)).toMatchObject({ kind: 'same-story', sharesPerson: false });
  });

  describe('an event that names no one', () => {
    // The assembly's city is every story's of the week: two people held there the night before
    // hold it too, so the city tells no story apart and two wires on the opening share no name.
    const heldAtAirport = item(
      'm1',
      0,
      'Egyptian journalist Karim Haddad held at Marrakesh airport',
      'Karim Haddad, who writes for an exile news site, was detained at Marrakesh airport on Monday night on arrival from Paris, his lawyer said.',
      ['red-notice-abuse'],
      ['Interpol', 'red notice'],
    );
    const heldAtHotel = item(
      'm2',
      0.5,
      'Bahraini activist Sayed Jaffar detained in Marrakesh hotel',
      'Sayed Jaffar, a Bahraini activist living in Denmark, was detained in his Marrakesh hotel at Manama’s request, his family said.',
      ['red-notice-abuse'],
      ['Interpol', 'red notice'],
    );
    const opening = item(
      'm3',
      10,
      'Interpol general assembly opens in Marrakesh amid calls to curb notice abuse',
      'Police chiefs from 190 member countries met in Marrakesh on Tuesday as the organisation’s annual assembly opened, with delegates due to debate safeguards against the misuse of red notices.',
    );
    const openingRetold = item(
      'm4',
      12,
      'Delegates of 190 countries gather for Interpol assembly in Marrakesh',
      'The annual meeting of the world police body opened in Marrakesh with a speech on data sharing; delegates from 190 countries will also debate safeguards against the misuse of red notices.',
    );
    const grouperWith = (hours: number): StoryGrouper => {
      const grouper = new StoryGrouper({ ...DEFAULT_GROUPING_SETTINGS, placeLinkHours: hours });
      expect(place(grouper, [heldAtAirport, heldAtHotel, opening])).toEqual([
        'story-m1',
        'story-m2',
        'story-m3',
      ]);
      return grouper;
    };

    it('joins a report of it told within hours, as a link by places only', () => {
      expect(grouperWith(6).decide(openingRetold)).toMatchObject({
        kind: 'same-story',
        storyId: 'story-m3',
        sharesPerson: false,
      });
      // Without the rule the name gate keeps it apart: the city is in three stories' core.
      expect(grouperWith(0).decide(openingRetold)).toMatchObject({
        kind: 'new-story',
        reason: 'no-shared-name',
      });
    });

    it('does not join a report that names someone of its own without a telling name', () => {
      const naming = {
        ...openingRetold,
        itemId: 'm6',
        summary: `Secretary General Marta Kovac opened the annual meeting of the world police body in Marrakesh. ${openingRetold.summary}`,
      };
      expect(grouperWith(6).decide(naming)).toMatchObject({
        kind: 'new-story',
        reason: 'no-shared-name',
      });
    });

    it('does not join it later than the hours allowed', () => {
      const later = { ...openingRetold, at: opening.at + 7 * HOUR };
      expect(grouperWith(6).decide(later)).toMatchObject({
        kind: 'new-story',
        reason: 'no-shared-name',
      });
    });

    it('does not join a report whose headline tells a development the story does not', () => {
      const election = item(
        'm5',
        12,
        'Interpol assembly in Marrakesh elects vice-president for Africa',
        'Delegates from 190 countries at the annual meeting in Marrakesh chose a vice-president for Africa, after a debate on safeguards against the misuse of red notices.',
      );
      expect(grouperWith(6).decide(election)).toMatchObject({
        kind: 'new-story',
        reason: 'no-shared-name',
      });
    });
  });

  describe('a conference day whose events name no one', () => {
    const conferenceDay = (itemId: string, hours: number, title: string, summary: string) =>
      item(itemId, hours, title, summary, ['transnational-repression'], ['red notice']);
    const reportLaunched = conferenceDay(
      'v1',
      0,
      'Watchdog counts 40 governments hunting critics abroad in new report',
      'Freedom Watchers said in a report launched at the OSCE meeting in Vienna on Monday that 40 governments had targeted critics beyond their borders, with red notices, threats to relatives and abductions.',
    );
    const protestOutside = conferenceDay(
      'v2',
      2,
      'Exiles protest outside OSCE meeting in Vienna',
      'Hundreds of exiles gathered outside the OSCE meeting in Vienna on Monday, demanding that governments stop hunting critics abroad with red notices, threats to relatives and abductions.',
    );

    it('keeps its events apart, and joins their retellings', () => {
      const protestRetold = conferenceDay(
        'v3',
        3,
        'Hundreds rally in Vienna against states hunting critics abroad',
        'Exiles from a dozen countries gathered outside the OSCE meeting in Vienna on Monday with banners against red notices and abductions.',
      );
      const grouper = new StoryGrouper();
      place(grouper, [reportLaunched]);
      // Alike at 0.57, by the venue, the city and the day's vocabulary, but another event.
      expect(grouper.decide(protestOutside)).toMatchObject({
        kind: 'new-story',
        reason: 'new-development',
        nearestStoryId: 'story-v1',
      });
      expect(place(grouper, [protestOutside, protestRetold])).toEqual(['story-v2', 'story-v2']);
    });

    it('takes a link by places only without the names other stories of the day are about', () => {
      // A third event of the day, its headline telling no development: only the venue, the
      // city and `meeting` link it to the rally.
      const intelligencePooled = conferenceDay(
        'v4',
        4,
        'Ministers agree to pool intelligence on foreign agents',
        'Foreign ministers at the OSCE meeting in Vienna agreed on Monday to pool intelligence on agents who follow dissidents for their governments.',
      );
      const decideWith = (busyDayHours: number): GroupingDecision => {
        const grouper = new StoryGrouper({ ...DEFAULT_GROUPING_SETTINGS, busyDayHours });
        place(grouper, [reportLaunched, protestOutside]);
        return grouper.decide(intelligencePooled);
      };
      expect(decideWith(24)).toMatchObject({
        kind: 'new-story',
        reason: 'not-alike',
        nearestStoryId: 'story-v2',
      });
      expect(decideWith(0)).toMatchObject({
        kind: 'same-story',
        storyId: 'story-v2',
        sharesPerson: false,
      });
    });
  });

  it('asks more likeness of a link by places only that is no retelling of the story', () => {
    // Alike at about 0.65 to the complaint, linked by `Lisbon` alone: at a threshold of 0.4 it
    // joins as a retelling within hours, and needs 0.8 when it comes later.
    const settings = { ...DEFAULT_GROUPING_SETTINGS, similarityThreshold: 0.4 };
    const lisbonOnly = (hours: number): StoryItem =>
      lisbonLawyers(
        'p5',
        hours,
        'Lawyers in Lisbon urge inquiry into Interpol candidate over torture complaint',
      );
    const decideAt = (hours: number, placeLinkFactor: number): GroupingDecision => {
      const grouper = new StoryGrouper({ ...settings, placeLinkFactor });
      place(grouper, [complaint]);
      return grouper.decide(lisbonOnly(hours));
    };
    expect(decideAt(4, 2)).toMatchObject({ kind: 'same-story', sharesPerson: false });
    expect(decideAt(10, 2)).toMatchObject({ kind: 'new-story', reason: 'not-alike' });
    expect(decideAt(10, 1)).toMatchObject({ kind: 'same-story', sharesPerson: false });
  });

  it('says whether a joined report tells a development the story does not', () => {
    const grouper = new StoryGrouper();
    place(grouper, [detained]);
    expect(grouper.decide(sameDay)).toMatchObject({ kind: 'same-story', tellsNews: false });
    const freed = item(
      'd4',
      8,
      'Tajik blogger Anvar Saidov freed in Istanbul, lawyer says',
      'Anvar Saidov, the exiled Tajik blogger detained in Istanbul on a red notice requested by Dushanbe, was released on Tuesday evening, his lawyer said.',
      ['red-notice-abuse'],
      ['red notice'],
    );
    expect(grouper.decide(freed)).toMatchObject({ kind: 'same-story', tellsNews: true });
  });

  it('joins the story its own people are in before one a later sentence recalls', () => {
    const ruling = item(
      'r1',
      0,
      'German court refuses to extradite Sukhrob Nazarov to Tajikistan',
      'The Higher Regional Court in Hamm declared the extradition of Tajik opposition politician Sukhrob Nazarov to Tajikistan inadmissible, citing a real risk of torture.',
      ['extradition'],
      ['extradition'],
    );
    const deported = item(
      'r2',
      1,
      'Turkey deports Tajik activist Rustam Qodirov to Dushanbe',
      'Turkish authorities deported Rustam Qodirov, a member of a banned Tajik opposition movement, on an overnight flight from Istanbul to Dushanbe, his relatives said.',
      ['extradition'],
      ['extradition'],
    );
    // Its lead's second sentence is the ruling's own first one: more like the ruling's story.
    const deportationRetold = item(
      'r3',
      6,
      'Tajik opposition member sent home',
      'Rustam Kodirov, a Tajik opposition activist, was sent home. The news came hours after the Higher Regional Court in Hamm declared the extradition of Tajik opposition politician Sukhrob Nazarov to Tajikistan inadmissible, citing a real risk of torture.',
      ['extradition'],
      ['extradition'],
    );
    expect(place(new StoryGrouper(), [ruling, deported, deportationRetold])).toEqual([
      'story-r1',
      'story-r2',
      'story-r2',
    ]);
  });

  it('joins a report that spells the same person another way', () => {
    const detainedInIstanbul = item(
      'k1',
      0,
      'Tajik opposition activist Mahmadali Qurbonov detained in Istanbul',
      'Turkish police detained Mahmadali Qurbonov, a member of a banned opposition movement, at his home in Istanbul on a red notice requested by Tajikistan, his wife said.',
      ['red-notice-abuse'],
      ['red notice'],
    );
    const otherSpelling = item(
      'k2',
      3,
      'Turkey holds Tajik dissident sought by Dushanbe',
      'Makhmadali Kurbonov, an exiled opposition activist, was taken into custody in Istanbul on a Tajik red notice and faces deportation, his lawyer said.',
      ['red-notice-abuse'],
      ['red notice'],
    );
    expect(place(new StoryGrouper(), [detainedInIstanbul, otherSpelling])).toEqual([
      'story-k1',
      'story-k1',
    ]);
  });

  it('does not take the director an NGO statement quotes first for the person it is about', () => {
    const statement = item(
      'p5',
      4,
      'NGO urges Portugal to free exiled reporter',
      '"Her only crime is journalism," said Sarah Whitfield, director of the Press Freedom Forum, on Monday. Oran, an exiled reporter held at Lisbon airport on an Interpol notice, must be released, the forum said.',
      ['red-notice-abuse'],
      ['Interpol'],
    );
    expect(place(new StoryGrouper(), [airport, statement])).toEqual(['story-p2', 'story-p2']);
  });

  it('does not count an organisation, an office or a place written in capitals as a person', () => {
    const grouper = new StoryGrouper();
    const statement = item(
      'p4',
      4,
      'Torture complaint against Interpol hopeful must be heard, says Human Rights Watch',
      'Human Rights Watch urged prosecutors in Lisbon to question the Interpol candidate whom two former detainees accuse of overseeing their torture, before the vote.',
      ['interpol-leadership'],
      ['Interpol'],
    );
    expect(place(grouper, [complaint, statement])).toEqual(['story-p1', 'story-p1']);
  });
});

describe('why a report starts a story', () => {
  it('says no story was open when none was', () => {
    expect(new StoryGrouper().decide(election[0] as StoryItem)).toEqual({
      kind: 'new-story',
      reason: 'no-candidate',
    });
  });

  it('names the story whose reports came nearest in time when none is in the window', () => {
    const grouper = new StoryGrouper();
    place(grouper, [election[0] as StoryItem]);
    expect(grouper.decide({ ...(election[1] as StoryItem), at: T0 + 100 * HOUR })).toEqual({
      kind: 'new-story',
      reason: 'outside-window',
      nearestStoryId: 'story-e1',
    });
  });

  it('says when the report shares no name that tells the open story apart', () => {
    const grouper = new StoryGrouper();
    place(grouper, [twoNoticesOneDay[0] as StoryItem]);
    expect(grouper.decide(twoNoticesOneDay[1] as StoryItem)).toMatchObject({
      kind: 'new-story',
      reason: 'no-shared-name',
      nearestStoryId: 'story-n1',
    });
  });

  it('says when the report is about other people than the story, however alike', () => {
    const grouper = new StoryGrouper();
    place(grouper, [complaint]);
    const decision = grouper.decide(airport);
    expect(decision).toMatchObject({
      kind: 'new-story',
      reason: 'different-people',
      nearestStoryId: 'story-p1',
    });
  });

  it('says when the report tells a new development a day or more later', () => {
    const grouper = new StoryGrouper();
    place(grouper, [detained, sameDay]);
    expect(grouper.decide(deported)).toMatchObject({
      kind: 'new-story',
      reason: 'new-development',
      nearestStoryId: 'story-d1',
    });
  });

  it('says when the report passed every rule but was not alike enough, with its likeness', () => {
    const settings = { ...DEFAULT_GROUPING_SETTINGS, similarityThreshold: 0.9 };
    const grouper = new StoryGrouper(settings);
    place(grouper, [election[0] as StoryItem]);
    const decision = grouper.decide(election[1] as StoryItem);
    expect(decision).toMatchObject({
      kind: 'new-story',
      reason: 'not-alike',
      nearestStoryId: 'story-e1',
    });
    // The likeness that fell short is the one a join at a lower threshold records.
    const joined = new StoryGrouper();
    place(joined, [election[0] as StoryItem]);
    const join = joined.decide(election[1] as StoryItem);
    expect(join.kind).toBe('same-story');
    expect(decision.kind === 'new-story' && decision.similarity).toBe(
      join.kind === 'same-story' && join.similarity,
    );
  });

  it('names the story that passed the most checks as the nearest', () => {
    // The footballer's story shares no name with the reporter held in Lisbon; the complaint's
    // story shares the city and fails only on its people, so it came nearer.
    const grouper = new StoryGrouper();
    place(grouper, [{ ...(twoNoticesOneDay[0] as StoryItem), at: T0 }, complaint]);
    expect(grouper.decide(airport)).toMatchObject({
      reason: 'different-people',
      nearestStoryId: 'story-p1',
    });
  });
});

describe('names', () => {
  it('does not take a capitalised common word (General Assembly) for a name of the story', () => {
    const grouper = new StoryGrouper();
    const report = item(
      'g1',
      0,
      'Rights monitor says abusive states still use alerts against exiles',
      'A report by the Brussels-based monitor Fairwatch says the general assembly should act, as delegates gather for the General Assembly.',
      ['red-notice-abuse'],
      ['Interpol'],
    );
    const vote = item(
      'g2',
      2,
      'Members vote to create review panel for alerts on journalists',
      'The General Assembly voted to set up an independent panel of lawyers to review alerts concerning journalists before they circulate.',
      ['red-notice-abuse'],
      ['Interpol'],
    );
    expect(place(grouper, [report, vote])).toEqual(['story-g1', 'story-g2']);
  });
});

describe('splitLead', () => {
  it('takes whole sentences until the lead has the words asked for, the rest is background', () => {
    const summary = 'One two three. Four five six seven. Eight nine. Ten.';
    expect(splitLead(summary, 5)).toEqual({
      opening: 'One two three. ',
      lead: 'One two three. Four five six seven. ',
      background: 'Eight nine. Ten.',
    });
  });

  it('keeps a short summary whole as its lead', () => {
    expect(splitLead('A short summary without a full stop', 40)).toEqual({
      opening: 'A short summary without a full stop',
      lead: 'A short summary without a full stop',
      background: '',
    });
  });
});

describe('matchedTermsOf', () => {
  it('gives the words of the rules that carry a topic, not of the rules that name who is involved', () => {
    expect(
      matchedTermsOf([
        { weight: 1, terms: [{ text: 'Red Notice' }, { text: 'activist' }] },
        { weight: 0.5, terms: [{ text: 'Inter-Parliamentary Alliance on China' }] },
        { weight: 2, terms: [{ text: 'INTERPOL' }] },
      ]),
    ).toEqual(['Red Notice', 'activist', 'INTERPOL']);
  });
});
