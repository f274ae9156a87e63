-- Feedback kinds (bug, feature_request, question, complaint, praise, other) per product.
-- A missing product shows as "(none)".
-- @param since    date   = 0000-01-01  first day included (UTC)
-- @param until    date   = 9999-12-31  last day included (UTC)
-- @column product           product, or "(none)"
-- @column kind              feedback kind
-- @column documents         documents of that kind for the product
-- @column share_of_product  documents / all documents of the product in the range
SELECT
  coalesce(d.product, '(none)') AS product,
  a.kind AS kind,
  count(*) AS documents,
  round(count(*) * 1.0 / sum(count(*)) OVER (PARTITION BY coalesce(d.product, '(none)')), 4) AS share_of_product
FROM documents d
JOIN analyses a ON a.doc_id = d.id
WHERE (d.created_at IS NULL AND :since = '0000-01-01' AND :until = '9999-12-31')
   -- The UTC days since..until read through the created_at index: each ISO instant of day `until` sorts below
   -- `until` || '~' (substr(created_at, 1, 10) BETWEEN read every document of the database).
   OR (d.created_at >= :since AND d.created_at < :until || '~')
GROUP BY product, kind
ORDER BY product, documents DESC, kind;
