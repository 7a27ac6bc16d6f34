-- Written by hand (schema.prisma cannot express it): the search indexes of migrations 0014 and 0015 keep
-- new entries short of the index itself for no more than 64 kB. A GIN index writes new entries to a pending
-- list, merged into the index when the list reaches gin_pending_list_limit (4 MB by default) or when
-- autovacuum comes by; every search reads the whole list of each index it uses. With twelve such indexes,
-- a search among a million customers read some 3,000 pages of lists after a bulk load, and up to 500 per
-- index at any time. The lists already written are merged now.
DO $$ DECLARE i record; BEGIN FOR i IN SELECT c.oid, c.relname FROM pg_class c JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.amname = 'gin' AND n.nspname = current_schema() AND (c.relname LIKE '%\_trgm\_idx' OR c.relname LIKE '%\_pairs\_idx') LOOP EXECUTE format('ALTER INDEX %I SET (gin_pending_list_limit = 64)', i.relname); PERFORM gin_clean_pending_list(i.oid); END LOOP; END $$;
