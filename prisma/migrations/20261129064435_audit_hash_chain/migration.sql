-- The audit log becomes a hash chain kept by the database itself, and TRUNCATE is refused like
-- UPDATE and DELETE. `npm run audit:verify` (lib/server/audit-chain.ts) recomputes every hash.
--
-- Canonical text of a row, version 1 (lib/server/audit-chain.ts implements the same definition):
--
--   'AuditLog/v1' || F(id) || F(at) || F(actorId) || F(action) || F(entity) || F(entityId)
--                 || F(regionCode) || F(before) || F(after) || F(prevHash)
--
--   F(NULL) = '|-'
--   F(v)    = '|' || <number of UTF-8 bytes of v, in decimal> || ':' || v
--
-- with each field as text: id and actorId in decimal; at, the stored timestamp (UTC by convention:
-- Prisma writes UTC), as to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.US') (microseconds, no zone suffix);
-- action, entity, entityId and regionCode as stored; before and after as PostgreSQL's canonical
-- jsonb text ("before"::text); prevHash as its 64 hex digits. The length prefix makes the encoding
-- injective: no choice of field values (even ones containing '|' or ':') can give two different rows
-- the same canonical text.
--
--   hash     = lowercase hex of sha256(convert_to(canonical text, 'UTF8'))   (built-in sha256, no pgcrypto)
--   prevHash = hash of the row with the next lower id, or 64 '0's for the first row.

CREATE FUNCTION "audit_log_field"(v text) RETURNS text AS $$
  SELECT CASE WHEN v IS NULL THEN '|-' ELSE '|' || octet_length(convert_to(v, 'UTF8'))::text || ':' || v END
$$ LANGUAGE sql STABLE;

CREATE FUNCTION "audit_log_hash"(r "AuditLog") RETURNS text AS $$
  SELECT encode(sha256(convert_to(
           'AuditLog/v1'
           || "audit_log_field"(r.id::text)
           || "audit_log_field"(to_char(r.at, 'YYYY-MM-DD"T"HH24:MI:SS.US'))
           || "audit_log_field"(r."actorId"::text)
           || "audit_log_field"(r.action)
           || "audit_log_field"(r.entity)
           || "audit_log_field"(r."entityId")
           || "audit_log_field"(r."regionCode"::text)
           || "audit_log_field"(r.before::text)
           || "audit_log_field"(r.after::text)
           || "audit_log_field"(r."prevHash"::text),
         'UTF8')), 'hex')
$$ LANGUAGE sql STABLE;

-- BEFORE INSERT, for each row. Appends are serialised by a transaction-scoped advisory lock (key
-- 7022629598041763687 = the bytes of 'auditlog'), held until the appending transaction ends. Only
-- after taking it is the row's id drawn from the sequence (replacing the one the column default drew),
-- so the chain order is the id order even when transactions append concurrently: a transaction that
-- drew an id earlier but commits later cannot slip in below a row that is already chained. Ids
-- therefore have gaps (two sequence values per row). The chain head is read after the lock, which is
-- only sound when every statement takes a new snapshot: appends under REPEATABLE READ or SERIALIZABLE
-- are refused rather than risk forking the chain. The head is found by a backward scan of the primary
-- key; the function's SET clauses keep the planner from choosing a sequential scan and sort on a table
-- whose statistics are stale (which would make every append read the whole table).
CREATE FUNCTION "audit_log_chain"() RETURNS trigger AS $$
DECLARE
  head "AuditLog"%ROWTYPE;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'AuditLog appends need READ COMMITTED isolation (got %)', current_setting('transaction_isolation');
  END IF;
  PERFORM pg_advisory_xact_lock(7022629598041763687);
  NEW.id := nextval('"AuditLog_id_seq"'::regclass);
  SELECT * INTO head FROM "AuditLog" ORDER BY id DESC LIMIT 1;
  IF FOUND THEN
    NEW."prevHash" := head.hash;
  ELSE
    NEW."prevHash" := repeat('0', 64);
  END IF;
  NEW.hash := "audit_log_hash"(NEW);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql VOLATILE SET enable_seqscan = off SET enable_bitmapscan = off;

-- Backfill the rows already present, in id order, with writers kept out meanwhile.
LOCK TABLE "AuditLog" IN EXCLUSIVE MODE;
ALTER TABLE "AuditLog" DISABLE TRIGGER "AuditLog_append_only";
DO $$
DECLARE
  r "AuditLog"%ROWTYPE;
  prev text := repeat('0', 64);
BEGIN
  FOR r IN SELECT * FROM "AuditLog" ORDER BY id LOOP
    r."prevHash" := prev;
    r.hash := "audit_log_hash"(r);
    UPDATE "AuditLog" SET "prevHash" = r."prevHash", hash = r.hash WHERE id = r.id;
    prev := r.hash;
  END LOOP;
END;
$$;
ALTER TABLE "AuditLog" ENABLE TRIGGER "AuditLog_append_only";

CREATE TRIGGER "AuditLog_chain"
  BEFORE INSERT ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_chain"();

-- TRUNCATE bypasses row triggers: refuse it with a statement trigger (audit_log_append_only raises).
CREATE TRIGGER "AuditLog_no_truncate"
  BEFORE TRUNCATE ON "AuditLog"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();
