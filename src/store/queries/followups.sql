-- Feedback that asks for an answer: negative, NPS detractor (0–6), CSAT 1–2, bug or complaint.
-- Text is the stored, PII-masked text; raw text is never stored. Oldest first.
-- @param status  open|done|all  = open  which follow-ups to list
-- @param since   date           = null  only feedback from this day on (default: all)
-- @param until   date           = null  only feedback up to this day (default: all)
-- @param as_of   date           = null  day the age is counted to (default: today, UTC)
-- @param limit   int            = 100   most rows returned
-- @column doc_id       koe document id (give it to `koe followups done`)
-- @column source_id    the id in the source system, to find the customer there
-- @column created_at   when the feedback was given (ISO 8601 UTC)
-- @column age_days     calendar days from the day of created_at to as_of (UTC)
-- @column reasons      why it is listed: negative, detractor, dissatisfied, bug, complaint
-- @column theme_id     primary theme id
-- @column theme_label  primary theme label
-- @column channel      channel
-- @column status       open or done
-- @column text         masked feedback text
SELECT
  f.doc_id,
  f.source_id,
  f.created_at,
  CAST(julianday(coalesce(:as_of, date('now'))) - julianday(substr(f.created_at, 1, 10)) AS INTEGER) AS age_days,
  f.reasons,
  f.theme_id,
  f.theme_label,
  f.channel,
  f.status,
  f.text
FROM v_followups f
WHERE (:status = 'all' OR f.status = :status)
  AND (:since IS NULL OR substr(f.created_at, 1, 10) >= :since)
  AND (:until IS NULL OR substr(f.created_at, 1, 10) <= :until)
ORDER BY f.created_at IS NULL, f.created_at, f.doc_id
LIMIT :limit;
