-- Written by hand (schema.prisma cannot express it): customer search at scale.
-- Substring search (ILIKE '%ann%') cannot seek in a B-tree index; pg_trgm's GIN indexes serve it. Where the
-- extension cannot be created (a role without the privilege), the migration still applies and search scans.
DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN RAISE NOTICE 'pg_trgm is not available: customer search scans its tables'; END $$;

DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN CREATE INDEX "Customer_uname_trgm_idx" ON "Customer" USING gin ("uname" gin_trgm_ops); CREATE INDEX "Customer_realname_trgm_idx" ON "Customer" USING gin ("realname" gin_trgm_ops); CREATE INDEX "CustomerEmail_email_trgm_idx" ON "CustomerEmail" USING gin ("email" gin_trgm_ops); CREATE INDEX "CustomerPhone_phone_trgm_idx" ON "CustomerPhone" USING gin ("phone" gin_trgm_ops); CREATE INDEX "CustomerPhone_normalized_trgm_idx" ON "CustomerPhone" USING gin ("normalized" gin_trgm_ops); CREATE INDEX "ExternalId_value_trgm_idx" ON "ExternalId" USING gin ("value" gin_trgm_ops); END IF; END $$;
