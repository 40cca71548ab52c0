import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { proposeWatchlist, type ProposedEntity } from './watchlist.builder.js';
import type { WatchlistDefinition } from './watchlist.compiler.js';
import { validateWatchlist } from './watchlist.validator.js';

const corpus = [
  {
    name: 'election.txt',
    text:
      'The election of Chinese Communist Party (CCP) candidate Hu Binchen to INTERPOL’s ' +
      'Executive Committee worries the Inter-Parliamentary Alliance on China (IPAC), which ' +
      'said on Nov. 25 that exiled dissidents in Asia were at risk.\n\n' +
      'Hu’s election was opposed by 20 countries, IPAC said. “It is sad to see this,” said ' +
      'Peter Dahlin, director of the rights group Safeguard Defenders.',
  },
  {
    name: 'president.txt',
    text:
      'Emerati Major-General Ahmed Nasser al-Raisi was elected Interpol president on Thursday. ' +
      'Matthew Hedges said Raisi oversaw his abuse.\n\n' +
      'The Chinese Ministry of Public Security operates “Operation Fox Hunt,” which coerces ' +
      'Chinese dissidents abroad to return. Hu Binchen joined Interpol’s Executive Committee.',
  },
  {
    name: 'fox-hunt.txt',
    text:
      'Safeguard Defenders said China’s surveillance network is known domestically as Skynet ' +
      'and as Fox Hunt abroad, where teams harass dissidents.\n\n' +
      'Uyghur activist Idris Hasan faces extradition to China on a Red Notice, said Amnesty ' +
      'International. Hasan was arrested in Morocco in July.',
  },
];

/** Topics as an analyst keeps them: leadership news and the hunt for critics abroad. */
const reference: WatchlistDefinition = {
  aliases: {
    interpol: ['INTERPOL'],
    interpol_band: ['band', 'album'],
    interpol_officials: ['Hu Binchen'],
  },
  topics: [
    {
      id: 'leadership',
      title: 'INTERPOL leadership',
      rules: [
        {
          id: 'elected',
          query: '(@interpol OR @interpol_officials) AND elect* NOT @interpol_band',
        },
      ],
    },
    {
      id: 'repression',
      title: 'Transnational repression',
      rules: [
        { id: 'abroad', query: 'dissidents AND (abroad OR exiled OR harass*)' },
        { id: 'fox-hunt', query: '"fox hunt" AND China NOT (hounds OR riders)' },
      ],
    },
  ],
};

const byName = (entities: readonly ProposedEntity[], name: string) => {
  const entity = entities.find((candidate) => candidate.name === name);
  if (!entity) throw new Error(`${name} not proposed: ${entities.map((e) => e.name).join(', ')}`);
  return entity;
};

describe('proposeWatchlist', () => {
  it('proposes the people, organisations and operations the reports name, and nothing else', () => {
    const { entities } = proposeWatchlist(corpus, { reference });
    const names = entities.map((entity) => `${entity.kind}: ${entity.name}`);

    expect(names).toEqual(
      expect.arrayContaining([
        'person: Hu Binchen',
        'person: Peter Dahlin',
        'person: Ahmed Nasser al-Raisi',
        'person: Matthew Hedges',
        'person: Idris Hasan',
        'organisation: Chinese Communist Party',
        'organisation: Inter-Parliamentary Alliance on China',
        'organisation: Safeguard Defenders',
        'organisation: Amnesty International',
        'organisation: Ministry of Public Security',
        'organisation: Executive Committee',
        'operation: Fox Hunt',
        'operation: Skynet',
      ]),
    );
    // Months, regions, places, demonyms, titles and two names glued across a parenthesis.
    for (const junk of ['Nov', 'Asia', 'China', 'Chinese', 'Morocco', 'Uyghur', 'July', 'Major']) {
      expect(names.join('\n')).not.toMatch(new RegExp(`: ${junk}$`, 'm'));
    }
    expect(names.join('\n')).not.toMatch(/China IPAC|Party CCP|Thursday/);
  });

  it('gives each name its acronyms, spellings and short forms, ambiguous ones only in context', () => {
    const { entities } = proposeWatchlist(corpus, { reference });

    expect(byName(entities, 'Chinese Communist Party').variants).toEqual([
      'Chinese Communist Party',
      'CCP',
    ]);
    const raisi = byName(entities, 'Ahmed Nasser al-Raisi');
    expect(raisi.variants).toEqual(
      expect.arrayContaining(['Ahmed al-Raisi', 'Ahmed Nasser Raisi', 'Ahmed Naser al-Raisi']),
    );
    expect(raisi.contextual).toEqual(['al-Raisi', 'Raisi']);
    // Surname first, as the corpus writes "Hu" alone: the Western order too, and "Hu" only
    // near what it is named with, never on its own (Hu Jintao).
    const hu = byName(entities, 'Hu Binchen');
    expect(hu.variants).toEqual(['Hu Binchen', 'Binchen Hu']);
    expect(hu.contextual).toEqual(['Hu']);
    expect(hu.query).toMatch(/^\(@hu_binchen OR \(\("Hu"\) NEAR\/10 \(@/);
    expect(hu.query).not.toContain('"China"');
    // A body whose name any organisation could have is named with its owner.
    const committee = byName(entities, 'Executive Committee');
    expect(committee.variants).toEqual(['INTERPOL Executive Committee']);
    expect(committee.query).toContain('("Executive Committee") NEAR/6 (@interpol');
  });

  it('keeps operations named with ordinary words to their context, and splits Skynet', () => {
    const { entities } = proposeWatchlist(corpus, { reference });

    const foxHunt = byName(entities, 'Fox Hunt');
    expect(foxHunt.variants).toEqual(['Operation Fox Hunt']);
    expect(foxHunt.contextual).toEqual(['Fox Hunt', 'FoxHunt']);
    const skynet = byName(entities, 'Skynet');
    expect(skynet.variants).toEqual([]);
    expect(skynet.contextual).toEqual(['Skynet', 'Sky Net']);
    expect(skynet.query).toMatch(/^\(\("Skynet" OR "Sky Net"\) NEAR\/15 \(/);
  });

  it('groups names into the topics their paragraphs match, and keeps out what the topics exclude', () => {
    const { entities } = proposeWatchlist(corpus, { reference });

    expect(byName(entities, 'Ahmed Nasser al-Raisi').topics).toEqual(['leadership']);
    expect(byName(entities, 'Fox Hunt').topics).toEqual(['repression']);
    // Named where no topic matched: the topic of the group he speaks for.
    expect(byName(entities, 'Peter Dahlin').topics).toEqual(
      byName(entities, 'Safeguard Defenders').topics,
    );
    expect(byName(entities, 'Fox Hunt').query).toMatch(/ NOT \(hounds OR riders\)$/);
    expect(byName(entities, 'Hu Binchen').query).toMatch(/ NOT @interpol_band$/);
  });

  it('writes YAML that is a valid watchlist, with counts and what the reference covers', () => {
    const { yaml } = proposeWatchlist(corpus, { reference });
    const validation = validateWatchlist(parse(yaml));

    expect(validation.ok).toBe(true);
    expect(yaml).toContain("  hu_binchen: ['Hu Binchen', 'Binchen Hu']");
    expect(yaml).toContain("  interpol_band: ['band', 'album'] # from the watchlist in force");
    expect(yaml).toMatch(
      /# Hu Binchen \(person\): \d+ paragraph\(s\) in 2 document\(s\); the watchlist in force names it here/,
    );
    expect(yaml).not.toMatch(/query: '(public|international|security|Nov|Asia)'/i);
  });

  it('puts every name in one topic to choose from when there is no watchlist to group by', () => {
    const proposal = proposeWatchlist(corpus);
    const validation = validateWatchlist(parse(proposal.yaml));

    expect(validation.ok && validation.definition.topics.map((topic) => topic.id)).toEqual([
      'unplaced',
    ]);
    expect(proposal.entities.every((entity) => entity.topics.length === 0)).toBe(true);
  });

  it('names aliases in ASCII, keeps hyphenated given names whole, and leaves no name out of YAML', () => {
    const proposal = proposeWatchlist([
      {
        name: 'a.txt',
        text: 'German writer Doğan Akhanlı was held in Spain. Delegates elected Kim Jong-yang.',
      },
      { name: 'b.txt', text: 'Doğan Akhanlı was freed. Kim Jong-yang took office in Dubai.' },
    ]);

    expect(proposal.entities.map((entity) => entity.name)).toEqual(
      expect.arrayContaining(['Doğan Akhanlı', 'Kim Jong-yang']),
    );
    expect(proposal.yaml).toContain("  dogan_akhanli: ['Doğan Akhanlı']");
    expect(validateWatchlist(parse(proposal.yaml)).ok).toBe(true);
  });

  it('proposes no headline words, datelines, peoples, languages or role words as names', () => {
    const { entities } = proposeWatchlist([
      {
        name: 'headline.txt',
        text:
          'Missing Interpol Chief Faces Deportation Hearing In Lyon Over Beijing Request\n\n' +
          'MANAGUA — The wife of Interpol president Meng Hongwei said he was held in Beijing. ' +
          'Two Turkish teachers, a Tajik activist and a Persian-language presenter were detained. ' +
          'Financier Bill Browder urged delegates to act. Last August Paul Rusesabagina was ' +
          'lured to Kigali, and Britons Matthew Hedges and Ali Issa Ahmad filed a complaint.',
      },
      {
        name: 'follow-up.txt',
        text:
          'Hu Binchen of China’s Ministry of Public Security sat beside Chen Weiguo on Interpol ' +
          'business. Images of Hakeem al-Araibi in chains spread. Roman Protasevich was arrested ' +
          'in Minsk with Sofia Sapega; Roman, a blogger, was on a Ryanair flight. Doğan Akhanlı and Dogan ' +
          'Akhanli are one man, and so is Bill Browder. Police said the New IRA planted the bomb.',
      },
    ]);
    const names = entities.map((entity) => entity.name);

    expect(names).toEqual(
      expect.arrayContaining([
        'Meng Hongwei',
        'Bill Browder',
        'Paul Rusesabagina',
        'Matthew Hedges',
        'Hakeem al-Araibi',
        'Chen Weiguo',
        'Roman Protasevich',
        'Sofia Sapega',
      ]),
    );
    for (const junk of [
      /Faces|Deportation|Missing|Chief|Hearing/,
      /^(MANAGUA|Managua|Turkish|Tajik|Persian-language|Interpol Business)$/,
      /^(Financier|Last|August|Britons|Images)\b/,
      /\bon Interpol\b/,
    ]) {
      expect(names.filter((name) => junk.test(name))).toEqual([]);
    }
    expect(names.filter((name) => /Akhanl/.test(name))).toHaveLength(1);
    const ministry = byName(entities, 'Ministry of Public Security');
    expect(ministry.variants.join('|')).not.toContain('Hu Binchen');
    expect(byName(entities, 'Roman Protasevich').variants).not.toContain('Protasevich Roman');
    expect(byName(entities, 'New IRA').kind).toBe('organisation');
  });

  it('reports progress per document and gives the same proposal for the same corpus', () => {
    const progress: string[] = [];
    const first = proposeWatchlist(corpus, {
      reference,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });

    expect(progress).toEqual(['1/3', '2/3', '3/3']);
    expect(proposeWatchlist(corpus, { reference }).yaml).toBe(first.yaml);
  });
});
