--
-- test/clients/setup.sql: the store the client tests read (run from the
-- root of the repository as the superuser, with -v password=...): a few
-- reports (one with a blank cell), two refused documents, and the
-- read-only login role gip_bi made as the README says.
--
CREATE EXTENSION gipreport;
\set base `cat test/cases/validate/base.txt`
\set prev `cat test/cases/validate/prev.txt`
\set balance_blank `cat test/cases/validate/balance_blank.txt`
\set hongze2023 `cat test/corpus/real/hongze-district-2023.txt`
\set hongze2024 `cat test/corpus/real/hongze-district-2024.txt`
\set huaian2024 `cat test/corpus/real/huaian-city-2024.txt`
SET gipreport.on_invalid = quarantine;
INSERT INTO gip_reports (source, source_name) VALUES
	(:'prev', 'prev.txt'), (:'base', 'base.txt'), (:'hongze2023', 'hongze2023.txt'),
	(:'hongze2024', 'hongze2024.txt'), (:'huaian2024', 'huaian2024.txt');
INSERT INTO gip_reports (source, source_name) VALUES ('不是报告', 'news.txt');
-- a second text for 测试县教育局 2023 with a blank cell, the first one superseded
INSERT INTO gip_reports (source, source_name) VALUES (:'balance_blank', 'balance_blank.txt');
UPDATE gip_reports SET is_current = false WHERE source_name = 'base.txt';
-- the read-only role of the README
CREATE ROLE gip_bi LOGIN PASSWORD :'password';
ALTER ROLE gip_bi SET default_transaction_read_only = on;
SELECT count(*) AS views_granted FROM gip_grant_reader('gip_bi');
