-- An unanswered call has no talk seconds and no answer time (call-row.ts mergeCallRecords). Asterisk's
-- cdr bills a lost queue call from the IVR's answer of the caller: its NO ANSWER leg rows, and the
-- caller's own ANSWERED row when no agent was rung, carry an answer time and billed seconds
-- (fixtures s03), which earlier versions kept in the merged row, so an abandoned call showed
-- "talk 0:26". This clears them in the shared history, as new versions the consoles pull (each
-- console clears its own cache in its migration 017). In `field_ranks` (call-row.ts callFields
-- order) answered_at is the 9th character and talk_seconds the 14th; a NULL means every field came
-- from the row's source.
UPDATE calls SET txid = pg_current_xact_id(),
  talk_seconds = 0,
  answered_at  = NULL,
  field_ranks  = CASE WHEN field_ranks IS NULL THEN NULL
    ELSE substr(field_ranks, 1, 8) || '-' || substr(field_ranks, 10, 4) || '-' || substr(field_ranks, 15) END
WHERE is_answered = 0 AND (talk_seconds > 0 OR answered_at IS NOT NULL);

-- The other way round: a cdr row of an agent rung in vain, pushed after the one who answered,
-- used to leave an answered call with the disposition NO ANSWER. A call answered by any leg is ANSWERED.
UPDATE calls SET txid = pg_current_xact_id(), disposition = 'ANSWERED' WHERE is_answered = 1 AND disposition <> 'ANSWERED';
