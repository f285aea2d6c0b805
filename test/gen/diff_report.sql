--
-- diff_report.sql
--	Test helper, read with \i by the regression tests (sql/seeds.sql,
--	sql/real.sql, sql/forms.sql, sql/cells.sql, sql/structure.sql):
--	pg_temp.diff_report(actual, expected) lists every place where the
--	report JSON `actual` (gip_to_jsonb) differs from the expected JSON of a
--	test file, over the keys agency, year, template, published,
--	active_disclosure, requests and review_litigation.  No row: identical.
--
--	path is 'agency' ... 'published', 'active_disclosure/ITEM/MEASURE',
--	'requests/ROW/COLUMN', 'review_litigation/CATEGORY/COLUMN' (a whole
--	row when one side lacks it), or '.../order' when the items or rows are
--	the same but in another order.
--
CREATE FUNCTION pg_temp.diff_report(actual_doc jsonb, expected_doc jsonb)
RETURNS TABLE(path text, actual jsonb, expected jsonb)
LANGUAGE sql IMMUTABLE AS $$
WITH
ad AS (SELECT el->>0 AS item, el->>1 AS measure, el->2 AS value, o
		 FROM jsonb_array_elements(actual_doc->'active_disclosure')
			  WITH ORDINALITY AS t(el, o)),
ed AS (SELECT el->>0 AS item, el->>1 AS measure, el->2 AS value, o
		 FROM jsonb_array_elements(expected_doc->'active_disclosure')
			  WITH ORDINALITY AS t(el, o)),
t3cols(name, i) AS (SELECT * FROM unnest(ARRAY['natural_person', 'commercial',
		'research', 'public_interest', 'legal_service', 'other_org', 'total'])
		WITH ORDINALITY),
t4cols(name, i) AS (SELECT * FROM unnest(ARRAY['upheld', 'corrected', 'other',
		'pending', 'total']) WITH ORDINALITY),
rows AS (SELECT 'requests' AS part, coalesce(a.key, e.key) AS code,
				a.value AS av, e.value AS ev
		   FROM jsonb_each(actual_doc->'requests') AS a
		   FULL JOIN jsonb_each(expected_doc->'requests') AS e ON a.key = e.key
		 UNION ALL
		 SELECT 'review_litigation', coalesce(a.key, e.key), a.value, e.value
		   FROM jsonb_each(actual_doc->'review_litigation') AS a
		   FULL JOIN jsonb_each(expected_doc->'review_litigation') AS e
			 ON a.key = e.key)
SELECT k, actual_doc->k, expected_doc->k
  FROM unnest(ARRAY['agency', 'year', 'template', 'published']) AS k
 WHERE (actual_doc->k) IS DISTINCT FROM (expected_doc->k)
UNION ALL
SELECT 'active_disclosure/' || coalesce(ad.item, ed.item) || '/' ||
	   coalesce(ad.measure, ed.measure), ad.value, ed.value
  FROM ad FULL JOIN ed ON ad.item = ed.item AND ad.measure = ed.measure
 WHERE ad.value IS DISTINCT FROM ed.value
	OR ad.item IS NULL OR ed.item IS NULL
UNION ALL
SELECT 'active_disclosure/order',
	   (SELECT jsonb_agg(item || '/' || measure ORDER BY o) FROM ad),
	   (SELECT jsonb_agg(item || '/' || measure ORDER BY o) FROM ed)
 WHERE (SELECT jsonb_agg(item || '/' || measure ORDER BY o) FROM ad)
	   IS DISTINCT FROM
	   (SELECT jsonb_agg(item || '/' || measure ORDER BY o) FROM ed)
UNION ALL
SELECT r.part || '/' || r.code, r.av, r.ev
  FROM rows r
 WHERE r.av IS NULL OR r.ev IS NULL
	OR jsonb_array_length(r.av) <> jsonb_array_length(r.ev)
UNION ALL
SELECT r.part || '/' || r.code || '/' || c.name, r.av->(c.i::int - 1),
	   r.ev->(c.i::int - 1)
  FROM rows r
  JOIN (SELECT 'requests' AS part, * FROM t3cols
		UNION ALL SELECT 'review_litigation', * FROM t4cols) c
	ON c.part = r.part
 WHERE r.av IS NOT NULL AND r.ev IS NOT NULL
   AND jsonb_array_length(r.av) = jsonb_array_length(r.ev)
   AND (r.av->(c.i::int - 1)) IS DISTINCT FROM (r.ev->(c.i::int - 1))
ORDER BY 1
$$;
