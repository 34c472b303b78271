# mf backfill and mf ingest: arguments and the errors before anything is fetched (the runs
# themselves are tested over HTTP in tests/contract/test_ingest.c and per connector).

db="$work/ingest.db"
"$mf" --db "sqlite:$db" init --no-catalog >/dev/null
expect_status "backfill --help" 0 "" -- backfill --help
expect_status "ingest --help" 0 "" -- ingest --help
expect "backfill needs --from" 2 "" "mf backfill: --from is required: the first date to fetch" -- --db "sqlite:$db" backfill
expect "backfill --to before --from" 2 "" "mf backfill: --to is before --from" -- --db "sqlite:$db" backfill --from 2020-02-01 --to 2020-01-01
expect "backfill bad date" 2 "" "--from" -- --db "sqlite:$db" backfill --from 2020-02-30
expect "ingest has no --to" 2 "" "mf ingest: --to is for backfill; ingest runs to today" -- --db "sqlite:$db" ingest --to 2020-01-01
expect "backfill bad concurrency" 2 "" "--concurrency" -- --db "sqlite:$db" backfill --from 2020-01-01 --concurrency 0
expect "backfill unknown source" 2 "" "mf backfill: unknown source 'nosuch'" -- --db "sqlite:$db" backfill --source nosuch --from 2020-01-01
expect "backfill unknown series" 2 "" "mf backfill: unknown series or instrument 'NO.SUCH'" -- --db "sqlite:$db" backfill --series NO.SUCH --from 2020-01-01
expect "backfill empty --series" 2 "" "mf backfill: --series: expected CODE[,CODE...]" -- --db "sqlite:$db" backfill --series , --from 2020-01-01
expect "backfill stray argument" 2 "" "mf backfill: unexpected argument 'x'" -- --db "sqlite:$db" backfill --from 2020-01-01 x
