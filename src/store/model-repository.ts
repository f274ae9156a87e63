// Trained models in the `models` table (004-models.sql): save makes the new model the active one for its task.
import { assertTrainedModel, type TrainedModel, type TrainedTask } from '../models/trained-model.js';
import type { Db } from './open-store.js';

export interface StoredModelInfo {
  id: number;
  task: TrainedTask;
  version: number;
  createdAt: string;
  trainedOn: number;
  labelSource: string;
  metrics: TrainedModel['metrics'];
  active: boolean;
}

/** Saves a trained model as the next version for its task and makes it active. Returns it with its version. */
export function saveTrainedModel(db: Db, model: TrainedModel): TrainedModel & { id: number } {
  assertTrainedModel(model);
  return db.transaction(() => {
    const last = db.prepare('SELECT MAX(version) FROM models WHERE task = ?').pluck().get(model.task) as number | null;
    const saved = { ...model, version: (last ?? 0) + 1 };
    db.prepare('UPDATE models SET active = 0 WHERE task = ? AND active = 1').run(model.task);
    const info = db
      .prepare(
        `INSERT INTO models (task, version, created_at, trained_on, label_source, cv_metrics, model, active)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
      )
      .run(
        saved.task,
        saved.version,
        saved.createdAt,
        saved.trainedOn,
        saved.labelSource,
        JSON.stringify(saved.metrics),
        JSON.stringify(saved),
      );
    return { ...saved, id: Number(info.lastInsertRowid) };
  })();
}

/** The active model for a task, or null when none was trained (or the database predates the models table). */
export function loadActiveModel(db: Db, task: TrainedTask): TrainedModel | null {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'models'").get();
  if (!hasTable) return null;
  const row = db.prepare('SELECT id, model FROM models WHERE task = ? AND active = 1').get(task) as
    | { id: number; model: string }
    | undefined;
  if (!row) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.model);
  } catch (err) {
    throw new Error(`models row ${row.id} (${task}): model JSON does not parse: ${(err as Error).message}`);
  }
  try {
    assertTrainedModel(parsed);
  } catch (err) {
    throw new Error(`models row ${row.id} (${task}): ${(err as Error).message}`);
  }
  return parsed;
}

/** Every stored model of a task (newest first), without the weights. */
export function listModels(db: Db, task: TrainedTask): StoredModelInfo[] {
  const rows = db
    .prepare(
      `SELECT id, task, version, created_at, trained_on, label_source, cv_metrics, active
       FROM models WHERE task = ? ORDER BY version DESC`,
    )
    .all(task) as {
    id: number;
    task: TrainedTask;
    version: number;
    created_at: string;
    trained_on: number;
    label_source: string;
    cv_metrics: string;
    active: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    task: r.task,
    version: r.version,
    createdAt: r.created_at,
    trainedOn: r.trained_on,
    labelSource: r.label_source,
    metrics: JSON.parse(r.cv_metrics) as TrainedModel['metrics'],
    active: r.active === 1,
  }));
}
