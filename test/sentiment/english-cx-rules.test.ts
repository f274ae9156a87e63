// Customer-service rules of the English sentence scorer: service-failure events, wasted time, sarcasm, demands,
// information requests and resolutions. Sentences are written for these tests.
import { describe, expect, it } from 'vitest';
import { scoreSentimentRules } from '../../src/sentiment/index.js';
import type { SentimentLabel } from '../../src/types.js';
import { makeDoc } from './make-doc.js';

async function result(text: string): Promise<{ score: number; label: SentimentLabel }> {
  const r = scoreSentimentRules(await makeDoc(text));
  return { score: r.score, label: r.label };
}

describe('English CX rules: sign of the score', () => {
  // [text, expected sign, why]
  const cases: [string, 1 | -1, string][] = [
    ['We sat on the train for 45min.', -1, 'wasted time with no polar word (number glued to its unit)'],
    ['I spent two hours at the counter.', -1, 'wasted time, number word + unit'],
    ['The replacement arrived in two days. Great service.', 1, '"in two days" is a speed, not time spent waiting'],
    ['They fixed it within an hour, very happy.', 1, '"within an hour" is a speed'],
    ['I got my refund yesterday.', 1, 'a refund received is the problem over'],
    ['Refund processed in two days, thanks.', 1, 'a refund given, and "in two days" after it a speed: its unit is no wait'],
    ['My refund still has not been processed.', -1, 'a refund not given stays a complaint'],
    ['They never processed my refund.', -1, 'nor does a refund never given'],
    ['My flight is in 4 hours and I am still on hold.', -1, '"in 4 hours" after no completed act is no speed'],
    ['I still have not received my refund.', -1, 'a refund not received stays a complaint'],
    ['Fast refund, no questions asked.', 1, 'a prompt refund is praise'],
    ['The refund was quick.', 1, 'a refund praised is praise, not a request for one'],
    ["The refund wasn't quick.", -1, 'and negated it is a complaint'],
    ['None of the agents were helpful.', -1, '"none of" negates the predicate after its noun phrase'],
    ['None of the rooms were dirty.', 1, '"none of" negates a trouble as well'],
    ['Two of the eggs arrived cracked.', -1, 'a damaged item in the words an online shop hears'],
    ['The yogurt was out of date.', -1, 'a product past its date'],
    ['Great service as always #worstserviceever', -1, 'run-together hashtag split into lexicon words'],
    ['Our family flew #Emirates to Dubai and the crew was lovely.', 1, 'a lexicon word inside a hashtag (irate) is not a word'],
    ['The whole trip was a nightmare.', -1, 'a failure word VADER and AFINN lack, from the CX lexicon'],
    ['The call disconnected twice.', -1, 'dropped support call'],
    ['The check-in agent was stellar.', 1, 'praise word VADER and AFINN lack'],
    ['Landed on time. 👏👏', 1, 'applause emoji, which VADER scores 0'],
    ['The support team would not help me.', -1, 'negated near-neutral service verb is a failure'],
    ['Customer service did not answer.', -1, 'negation with nothing to negate still reports a failure'],
    ['Love being on hold all morning.', -1, 'praise opening a clause that names a failure is sarcasm'],
    ['Thanks for the delay.', -1, 'thanks followed by a failure is sarcasm'],
    ['Thanks for getting us home after the cancellation.', 1, 'thanks for a good deed before the failure is sincere'],
    ['Thank you so much for the quick reply.', 1, '"so much for" inside thanks is not sarcasm'],
    ['You should offer better seats.', -1, 'an improvement demanded is a complaint'],
    ['You need better customer service.', -1, 'an improvement needed is a complaint, not praise of "better"'],
    ['The checkout page needs improvement.', -1, 'an improvement needed is a complaint'],
    ["The scanner does what it's supposed to.", 1, 'an expectation met is not an expectation unmet'],
    ["The scanner doesn't do what it's supposed to.", -1, 'negated, it is unmet again'],
    ['The flight was supposed to leave at 6.', -1, 'an expectation unmet'],
    ['Please improve the app.', -1, 'improvement request'],
    ['Never ordering again.', -1, 'a customer lost, in the -ing form "order again" praise does not match'],
    ["Won't be buying again.", -1, 'a customer lost, said with will not'],
    ['Will order again!', 1, 'a customer kept'],
    ['They fixed the broken link.', 1, 'a resolved trouble is not a complaint'],
    ['Thank you for fixing the login bug so fast!', 1, 'thanks for a fix: the trouble is resolved'],
    ['They are still not fixing the bug.', -1, 'a fix that does not happen'],
    ['Still not fixed.', -1, 'the negator inside "still not" negates the resolution'],
    ['Crisis averted, the bag was found.', 1, 'resolution word after the trouble'],
    ['Why would you cancel my order', -1, 'rhetorical why opener'],
    ['How come nobody told us', -1, 'rhetorical how come opener'],
    ['Answer your phone.', -1, 'imperative demand'],
    ['This is the last time I order from you.', -1, 'churn intent'],
    ['I was charged twice for one ticket.', -1, 'billing failure'],
    ['Your website keeps logging me out.', -1, 'second-person blame on the company website'],
    ['The agent got me on an earlier flight.', 1, 'positive service event'],
    ['The staff went above and beyond.', 1, 'staff praise phrase'],
    ['There was no delay at all.', 1, 'a negated failure event flips'],
    ['It packs well to avoid any damage.', 1, 'avoid negates the damage it keeps away'],
    ['Avoid this seller.', -1, 'avoid alone is a warning'],
  ];
  it.each(cases)('%s → sign %i (%s)', async (text, sign) => {
    expect(Math.sign((await result(text)).score)).toBe(sign);
  });
});

describe('English CX rules: app failures no general lexicon scores', () => {
  it.each([
    ['It keeps logging me out.', 'a dropped session'],
    ['I keep getting kicked out.', 'a dropped session'],
    ['It keeps freezing.', 'a frozen screen (freezing alone is the weather)'],
  ])('%s is negative (%s)', async (text) => {
    expect((await result(text)).label).toBe('negative');
  });

  it('a request to log out is not a failure', async () => {
    expect((await result('Please log me out of all devices.')).label).toBe('neutral');
  });
});

describe('English CX rules: neutral information and scope', () => {
  it.each([
    // [text, why]
    ['Any delays on the 6pm train?', 'information request: its topic word weighs little'],
    ['Will my order be cancelled?', 'information request about a possible failure'],
    ['We just boarded!', 'exclamation marks with no cue do not push the prior out of the band'],
    ['The parcel arrived in two days.', 'a speed stated: "days" after "arrived in" is no wait'],
  ])('%s is neutral (%s)', async (text) => {
    expect((await result(text)).label).toBe('neutral');
  });

  it.each([
    // [wasted, not wasted, why]
    ['We waited 20 minutes.', 'We arrived 20 minutes early.', 'time given in advance is not wasted'],
    ['The refund took 3 days.', 'I ordered it 3 days ago.', 'a past date is not wasted time'],
  ])('duration scope: %s < %s (%s)', async (wasted, notWasted) => {
    expect((await result(wasted)).score).toBeLessThan((await result(notWasted)).score);
  });

  it('an information request weighs less than the same words stated', async () => {
    expect(Math.abs((await result('Any delays on the 6pm train?')).score)).toBeLessThan(
      Math.abs((await result('Delays on the 6pm train.')).score),
    );
  });

  it('a failure still fixed is not resolved ("still not fixed")', async () => {
    expect((await result('The broken link is still not fixed.')).score).toBeLessThan(0);
  });
});

describe('English CX rules: single-unit waits and "still" + ongoing event', () => {
  it.each([
    // [wait, not a wait, why]
    ['The train sat at the platform for over an hour.', 'The train sat at the platform.', '"over an hour" is wasted time like "2 hours"'],
    ['We sat on the tarmac for almost an hour.', 'We sat on the tarmac.', '"almost an hour" is a wait too'],
  ])('single unit: %s < %s (%s)', async (wait, plain) => {
    expect((await result(wait)).score).toBeLessThan((await result(plain)).score);
  });

  it('a single unit with no wait lead is not a wait ("a day pass")', async () => {
    expect((await result('I bought a day pass.')).score).toBeGreaterThan((await result('I waited for a day.')).score);
  });

  it.each([
    // [still + event, still alone, why]
    ['I am still trying to reach the help desk.', 'I am still at the help desk.', 'still + ongoing -ing verb is unresolved'],
    ["We still haven't heard from the shop.", 'We still heard from the shop.', 'still + negator is unresolved'],
  ])('still: %s < %s (%s)', async (unresolved, plain) => {
    expect((await result(unresolved)).score).toBeLessThan((await result(plain)).score);
  });

  it('still + ongoing event is labelled negative', async () => {
    expect((await result('My order is still showing as processing.')).label).toBe('negative');
  });
});

describe('English CX rules: information requests without a question mark', () => {
  it('an inverted-verb question without "?" weighs its topic words little', async () => {
    // "great" is a topic of the question, not praise.
    expect(Math.abs((await result('Is there a great seat left on the late train')).score)).toBeLessThan(
      Math.abs((await result('There is a great seat left on the late train')).score),
    );
  });

  it.each([
    // [statement, why]
    ['When I called they hung up on me.', 'when opens a statement without "?", so the failure keeps its weight'],
    ['Any help would be wasted on this broken app.', 'any opens a statement without "?"'],
  ])('%s stays negative (%s)', async (text) => {
    expect((await result(text)).label).toBe('negative');
  });
});
