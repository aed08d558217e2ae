-- The time zone each PBX's local hours (calls.local_hour, queue_calls.local_hour) are counted in:
-- a core started with another --time-zone regroups that PBX's rows once (pg-time-zone.ts), as the
-- SQLite cache regroups its own.
CREATE TABLE pbx_zones (
  pbx        text COLLATE "C" PRIMARY KEY,
  time_zone  text NOT NULL
);
