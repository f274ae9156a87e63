import type { IngestOptions, PresetName } from './ingest-options.js';

/** A known export layout: the options it implies, what it expects, and what is still left to the user. */
export interface Preset {
  name: PresetName;
  /** One line for `koe run --help`. */
  summary: string;
  options: Omit<IngestOptions, 'preset'>;
  /** What a user still has to do by hand (README's presets table). */
  byHand: string;
}

/**
 * The presets, as the exports look (headers matched case-insensitively; every option can still be overridden by a
 * flag or the config). Each has a fixture in that layout under test/ingest/fixtures/presets/.
 */
export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  'google-play': {
    name: 'google-play',
    summary: 'Google Play Console reviews CSV (UTF-16): title + text, star rating, submit date, package as product',
    options: {
      fieldMap: {
        text: ['Review Title', 'Review Text'],
        created_at: 'Review Submit Date and Time',
        rating: 'Star Rating',
        product: 'Package Name',
      },
      ratingScale: 'stars',
      set: { channel: 'google_play', source: 'google-play-console' },
    },
    byHand:
      'download the monthly reviews_*.csv files from Google Cloud Storage (Play Console → Download reports → Reviews); ' +
      'the export has no review id, so rows are identified by file + occurrence: keep the file names, and an edited ' +
      'review is a new document',
  },
  'app-store': {
    name: 'app-store',
    summary: 'App Store Connect ratings & reviews CSV: title + review, 1–5 stars, dates like "Sep 01, 2026"',
    options: {
      fieldMap: { id: 'Review ID', text: ['Title', 'Review'], created_at: 'Date', rating: 'Rating', product: 'App' },
      ratingScale: 'stars',
      dateFormat: 'MMM dd, yyyy',
      set: { channel: 'app_store', source: 'app-store-connect' },
      dropFields: ['Nickname'],
    },
    byHand:
      'dates carry no time zone: add --timezone (e.g. +09:00) when the export is in local time; without a Review ID ' +
      'column rows are identified by file + occurrence',
  },
  zendesk: {
    name: 'zendesk',
    summary: 'Zendesk ticket CSV export: subject + description, ticket id, created at, channel from Via',
    options: {
      fieldMap: { id: 'Id', text: ['Subject', 'Description'], created_at: 'Created at', channel: 'Via' },
      set: { source: 'zendesk' },
      dropFields: ['Requester', 'Requester email', 'Assignee', 'Submitter'],
    },
    byHand:
      'Satisfaction Score is Good / Bad (not a 1–5 rating), so it stays metadata; "Created at" is in the account ' +
      'time zone: add --timezone; the description is the first comment only',
  },
  intercom: {
    name: 'intercom',
    summary: 'Intercom conversations as JSONL (API export): source.body HTML → text, conversation rating as CSAT',
    options: {
      fieldMap: { id: 'id', text: ['source.subject', 'source.body'], created_at: 'created_at', rating: 'conversation_rating.rating' },
      ratingScale: 'csat',
      html: true,
      set: { channel: 'chat', source: 'intercom' },
      dropFields: ['source.author', 'contacts', 'teammates'],
    },
    byHand:
      'export with the Conversations API (one JSON object per line; a JSON array must be turned into JSON Lines, ' +
      'e.g. jq -c ".conversations[]"); only the first message is read, not later conversation parts',
  },
  'ja-survey': {
    name: 'ja-survey',
    summary: 'Japanese survey CSV (Shift_JIS, Excel): 回答ID, 回答日時 (JST), おすすめ度 NPS, 満足度 CSAT, 自由記述',
    options: {
      fieldMap: { id: '回答ID', text: '自由記述', created_at: '回答日時' },
      ratings: { nps: 'おすすめ度', csat: '満足度' },
      timezone: '+09:00',
      set: { channel: 'survey' },
    },
    byHand:
      'column names differ between survey tools: map yours with --text-field / --rating nps=COLUMN when they are not ' +
      'these; answers with only ratings are stored as rating-only documents',
  },
};

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

/** The options of a preset under the options given (those win; `set` and `fieldMap` merge key by key). */
export function applyPreset(options: IngestOptions): IngestOptions {
  if (options.preset === undefined) return options;
  const preset = PRESETS[options.preset];
  if (!preset) throw new Error(`unknown preset "${String(options.preset)}" (presets: ${PRESET_NAMES.join(', ')})`);
  const base = preset.options;
  return {
    ...base,
    ...options,
    fieldMap: { ...base.fieldMap, ...options.fieldMap },
    ratings: { ...base.ratings, ...options.ratings },
    set: { ...base.set, ...options.set },
    dropFields: [...(base.dropFields ?? []), ...(options.dropFields ?? [])],
  };
}
