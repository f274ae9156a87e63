// Journey stage and touchpoint: which step of the customer journey a document is about, and through which channel.
// Each gets at most one label: the one whose cues sum highest; null when no cue matches. A text that names no
// touchpoint takes the one its channel names (channels.tsv: an e-mail ticket that says only "my refund is late" was
// met at the e-mail touchpoint; an app-store review is about the app); what the text names comes first.
import type { JourneyStage, Token, Touchpoint, TokenizedDoc } from '../types.js';
import { dictionaryPath } from '../paths.js';
import { loadCueFile, type Cue } from './cue-dictionary.js';
import { matchingCues, scoreByLabel, viewOfText } from './match-cues.js';

export const JOURNEY_STAGES: readonly JourneyStage[] = ['discover', 'purchase', 'delivery', 'onboarding', 'use', 'support', 'billing', 'cancel'];
export const TOUCHPOINTS: readonly Touchpoint[] = ['web', 'app', 'store', 'call_centre', 'email', 'chat', 'delivery'];

export interface JourneyCues {
  stages: Cue<JourneyStage>[];
  touchpoints: Cue<Touchpoint>[];
  /** Read on the channel name when the text names no touchpoint. */
  channels: Cue<Touchpoint>[];
}

export function loadJourneyCues(
  stagesFile: string = dictionaryPath('journey', 'stages.tsv'),
  touchpointsFile: string = dictionaryPath('journey', 'touchpoints.tsv'),
  channelsFile: string = dictionaryPath('journey', 'channels.tsv'),
): JourneyCues {
  return {
    stages: loadCueFile(stagesFile, 'stage', JOURNEY_STAGES),
    touchpoints: loadCueFile(touchpointsFile, 'touchpoint', TOUCHPOINTS),
    channels: loadCueFile(channelsFile, 'touchpoint', TOUCHPOINTS),
  };
}

let defaultCues: JourneyCues | undefined;

export interface JourneyTags {
  stage: JourneyStage | null;
  touchpoint: Touchpoint | null;
}

/** Tags one document with the default journey dictionaries. */
export function tagJourney(doc: TokenizedDoc): JourneyTags {
  defaultCues ??= loadJourneyCues();
  return tagJourneyWith(doc, defaultCues);
}

export function tagJourneyWith(
  doc: Pick<TokenizedDoc, 'text'> & { tokens: readonly Token[]; channel?: string | null },
  cues: JourneyCues,
): JourneyTags {
  const view = viewOfText(doc.text, doc.tokens);
  return {
    stage: strongestLabel(matchingCues(cues.stages, view)),
    touchpoint: strongestLabel(matchingCues(cues.touchpoints, view)) ?? channelTouchpoint(doc.channel, cues),
  };
}

/** The touchpoint a channel name names (channels.tsv), null for none (survey, review) or no channel. */
export function channelTouchpoint(channel: string | null | undefined, cues: JourneyCues): Touchpoint | null {
  if (!channel) return null;
  const name = channel.normalize('NFKC').replace(/[_\-./]+/g, ' ').trim();
  return name === '' ? null : strongestLabel(matchingCues(cues.channels, viewOfText(name, NO_TOKENS)));
}
const NO_TOKENS: readonly Token[] = [];

/** The label with the highest positive total; ties go to the label whose first cue comes first in the file. */
function strongestLabel<L extends string>(hits: readonly Cue<L>[]): L | null {
  let best: L | null = null;
  let bestScore = 0;
  for (const [label, score] of scoreByLabel(hits)) {
    if (score > bestScore) {
      best = label;
      bestScore = score;
    }
  }
  return best;
}
