import { describe, expect, it } from '@jest/globals';
import { developmentsOf, tellsOtherEvent } from './developments.js';

describe('developmentsOf', () => {
  it('tells the developments a headline reports, by whole words or stems', () => {
    expect(developmentsOf('Turkey deports exiled blogger to Tajikistan')).toEqual(
      new Set(['removal']),
    );
    expect(developmentsOf('Court frees activist held on Chinese red notice')).toEqual(
      new Set(['arrest', 'release', 'ruling']),
    );
  });

  it('does not take the name of proceedings for the event', () => {
    expect(
      developmentsOf("China's extradition request for Uyghur teacher: hearing postponed"),
    ).toEqual(new Set(['ruling']));
    expect(developmentsOf('Court issues arrest warrant for exiled blogger')).toEqual(
      new Set(['ruling']),
    );
    expect(developmentsOf('Turkish court rejects extradition of Uyghur teacher')).toEqual(
      new Set(['ruling', 'removal']),
    );
  });

  it('tells a ruling of the European court apart from a national court', () => {
    expect(developmentsOf('European rights court halts extradition of Turkish teacher')).toEqual(
      new Set(['european-court', 'ruling', 'removal']),
    );
    expect(developmentsOf('ECHR blocks Montenegro from sending Gulen suspect to Turkey')).toEqual(
      new Set(['european-court', 'ruling']),
    );
    expect(developmentsOf('Montenegro court clears extradition of Turkish teacher')).toEqual(
      new Set(['ruling', 'release', 'removal']),
    );
  });

  it('tells an election apart from a vote on a rule', () => {
    expect(developmentsOf('Interpol assembly elects Egyptian general vice-president')).toEqual(
      new Set(['election']),
    );
    expect(developmentsOf('Interpol members vote to tighten checks on refugee notices')).toEqual(
      new Set(['vote']),
    );
    expect(developmentsOf('Assembly adopts reform of the files commission')).toEqual(
      new Set(['vote']),
    );
  });

  it('tells the events of a conference day besides its votes', () => {
    expect(developmentsOf('Exiles protest outside OSCE meeting in Vienna')).toEqual(
      new Set(['protest']),
    );
    // `as assembly opens` dates the rally; the opening is a story of its own.
    expect(developmentsOf('Hundreds rally in Lisbon as Interpol assembly opens')).toEqual(
      new Set(['protest']),
    );
    expect(developmentsOf('Interpol head opens Lisbon assembly')).toEqual(new Set(['opening']));
    expect(
      developmentsOf('Belarusian diaspora demonstrates in front of the Council of Europe'),
    ).toEqual(new Set(['protest']));
    expect(developmentsOf('Azerbaijan delegation walks out of OSCE session')).toEqual(
      new Set(['walkout']),
    );
    expect(
      developmentsOf('34 states sign Vienna declaration against transnational repression'),
    ).toEqual(new Set(['declaration']));
    expect(
      developmentsOf('Governments hunting critics abroad at record rate, report says'),
    ).toEqual(new Set(['report']));
    expect(developmentsOf('UK sanctions Iranian officials over threats to journalists')).toEqual(
      new Set(['sanction']),
    );
  });

  it('takes Strasbourg for the European court only when its court is named', () => {
    expect(developmentsOf('Strasbourg court orders Serbia to halt extradition')).toEqual(
      new Set(['european-court', 'ruling']),
    );
    expect(
      developmentsOf('Lithuania will not act on Belarusian requests, minister tells Strasbourg'),
    ).toEqual(new Set());
  });

  it('does not take who someone is, or walking out of jail, for a conference event', () => {
    expect(developmentsOf('Lithuania will not hand over Hrodna protester')).toEqual(new Set());
    expect(developmentsOf('Tajik dissident walks out of Warsaw jail')).toEqual(
      new Set(['release']),
    );
  });

  it('does not tell a development the headline only says may come, or calls to halt', () => {
    expect(developmentsOf('Tajik activist detained in Germany, faces deportation')).toEqual(
      new Set(['arrest']),
    );
    expect(developmentsOf('Tajik dissident held in Dortmund ahead of removal')).toEqual(
      new Set(['arrest']),
    );
    expect(developmentsOf('Morocco: Halt extradition of Uyghur engineer')).toEqual(new Set());
    expect(
      developmentsOf("Torture complaint lodged against UAE's Interpol hopeful on eve of vote"),
    ).toEqual(new Set());
    // The rally is an event of its own; the vote is still to come.
    expect(developmentsOf('Exiles rally in Lyon before Interpol vote')).toEqual(
      new Set(['protest']),
    );
    expect(developmentsOf('Court halts extradition of Uyghur engineer')).toEqual(
      new Set(['ruling', 'removal']),
    );
  });

  it('does not tell a development a headline calls for', () => {
    expect(developmentsOf("Spain: Don't Extradite Uzbek Blogger")).toEqual(new Set());
    expect(developmentsOf('Malaysia must release Uyghur campaigner')).toEqual(new Set());
    expect(developmentsOf('Rights groups urge release of detained poet')).toEqual(
      new Set(['arrest']),
    );
  });

  it('does not take a word of a thing for a cue: a press release, an official in charge', () => {
    expect(developmentsOf('Press release: Uyghur campaigner held at airport')).toEqual(
      new Set(['arrest']),
    );
    expect(
      developmentsOf('Interpol elects Chinese officer in charge of pursuing fugitives'),
    ).toEqual(new Set(['election']));
    expect(developmentsOf('Rwanda rejects claims over missing refugee')).toEqual(new Set());
  });

  it('tells an execution as a death, not an executive', () => {
    expect(developmentsOf('Iran executes German-Iranian dissident')).toEqual(new Set(['death']));
    expect(developmentsOf('China wins INTERPOL executive committee seat')).toEqual(
      new Set(['election']),
    );
  });

  it('tells pressure on relatives as a development of its own', () => {
    expect(developmentsOf('Police question mother and sister of exiled rapper in Minsk')).toEqual(
      new Set(['family']),
    );
    expect(developmentsOf('Uyghur activist says relatives held in Xinjiang')).toEqual(
      new Set(['family', 'arrest']),
    );
    expect(developmentsOf('Relatives of blogger made to disown him on Grozny television')).toEqual(
      new Set(['family']),
    );
  });

  it('does not tell relatives who speak or fear, nor relatives no one presses', () => {
    expect(developmentsOf('Spain holds Belarusian critic on Interpol notice, family says')).toEqual(
      new Set(['arrest']),
    );
    expect(developmentsOf('Kuwait detains Egyptian critic, family fears return to Cairo')).toEqual(
      new Set(['arrest']),
    );
    expect(developmentsOf("'I fear for his life': wife of missing educator speaks")).toEqual(
      new Set(),
    );
  });

  it('tells nothing from words that only contain a whole-word cue', () => {
    expect(developmentsOf('Upheld concerns over press freedom at Interpol')).toEqual(new Set());
  });
});

describe('tellsOtherEvent', () => {
  const kinds = (...developments: string[]): Set<string> => new Set(developments);

  it('tells two events of a conference day apart', () => {
    expect(tellsOtherEvent(kinds('protest'), kinds('report'))).toBe(true);
    expect(tellsOtherEvent(kinds('walkout'), kinds('vote'))).toBe(true);
    expect(tellsOtherEvent(kinds('arrest'), kinds('declaration'))).toBe(true);
    expect(tellsOtherEvent(kinds('opening'), kinds('arrest'))).toBe(true);
  });

  it('does not when they share a development, or one tells none', () => {
    expect(tellsOtherEvent(kinds('protest', 'arrest'), kinds('protest'))).toBe(false);
    expect(tellsOtherEvent(kinds('report'), kinds())).toBe(false);
    expect(tellsOtherEvent(kinds(), kinds('protest'))).toBe(false);
  });

  it("leaves a case's other developments to the time rules: they are retold in other words", () => {
    // `Court sentences exiled presenters` and `Cairo hands 10-year terms to broadcasters`.
    expect(tellsOtherEvent(kinds('removal'), kinds('verdict', 'ruling'))).toBe(false);
  });

  it('tells an election apart from an arrest the same day', () => {
    expect(tellsOtherEvent(kinds('election'), kinds('arrest'))).toBe(true);
  });
});
