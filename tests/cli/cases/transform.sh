# mf transform list|run on a SQLite file store: a monthly index with a revision and a new
# month, its month-on-month change worked out by hand (256 -> 320 -> 400: +25% each; March
# revised to 480: +50%; April 600: +25% on the revised March), a spread of two rates, a
# definition whose input is missing, and what an incremental run recomputes.

tdb="$work/transform.db"
TH='series_code,obs_date,value,available_at'
DH='code,transform,inputs,params,name,frequency,unit,country,category,description'
printf '%s\n' "$TH" \
    IDX,2024-01-01,256,2024-02-10 \
    IDX,2024-02-01,320,2024-03-10 \
    IDX,2024-03-01,400,2024-04-10 \
    RA,2024-03-04,5.25,2024-03-04 \
    RB,2024-03-04,3,2024-03-05 >"$work/t1.csv"
printf '%s\n' "$TH" \
    IDX,2024-03-01,480,2024-04-20 \
    IDX,2024-04-01,600,2024-05-10 >"$work/t2.csv"
printf '%s\n' "$DH" \
    'T.MOM,mom_pct,IDX,,index m/m,M,%,BR,inflation,' \
    'T.SPR,spread,RA;RB,,RA minus RB,D,p.p.,BR,rates,' \
    'T.MISS,spread,RA;NOPE,,missing input,D,p.p.,BR,rates,' >"$work/d.csv"
printf '%s\n' "$DH" 'T.MOM,yoy_pct,IDX,,index y/y,M,%,BR,inflation,' >"$work/d_changed.csv"
printf '%s\n' "$DH" 'T.X,nope,IDX,,x,M,%,BR,inflation,' >"$work/d_bad.csv"
printf '%s\n' "$DH" 'RA,mom_pct,IDX,,x,M,,,,' >"$work/d_clash.csv"
printf '%s\n' "$DH" 'T.X,vol_rolling,IDX,"{""window"":0}",x,M,%,BR,inflation,' >"$work/d_badp.csv"
printf '%s\n' "$DH" 'T.X,spread,T.Y;IDX,,x,M,,,,' 'T.Y,mom_pct,IDX,,y,M,,,,' >"$work/d_order.csv"

tf() { expect "$1" "$2" "$3" "$4" -- --db "sqlite:$tdb" "${@:6}"; }

expect "transform list shows the definitions of a catalogue file" 0 \
"T.MOM                    mom_pct          IDX 
T.SPR                    spread           RA;RB 
T.MISS                   spread           RA;NOPE " "" -- transform list --catalog d.csv
expect_status "transform list shows the embedded definitions" 0 "" -- transform list
expect_status "transform list --transforms" 0 "" -- transform list --transforms --format json

expect "init" 0 "store sqlite:$tdb ready: sqlite, schema version 5" "" -- \
    --db "sqlite:$tdb" init --no-catalog
expect_status "import the first releases" 0 "" -- --db "sqlite:$tdb" import observations t1.csv
tf "first run computes every defined series, skips one with a missing input" 0 \
"T.MOM computed from the start: 2 new, 0 revised, 0 unchanged vintages
T.SPR computed from the start: 1 new, 0 revised, 0 unchanged vintages
T.MISS skipped: input 'NOPE' is not in the store
transform: 2 computed (3 new, 0 revised vintages), 0 up to date, 1 skipped" "" -- \
    transform run --catalog d.csv
tf "m/m change: each month known when its release is" 0 "obs_date,available_at,value
2024-02-01,2024-03-10,25
2024-03-01,2024-04-10,25" "" -- obs get T.MOM --vintages
tf "the spread is known when its later input is" 0 "obs_date,available_at,value
2024-03-04,2024-03-05,2.25" "" -- obs get T.SPR --vintages
tf "a derived series is catalogued with source derived" 0 "T.MOM                    derived    M BR index m/m
T.SPR                    derived    D BR RA minus RB" "" -- series list --source derived
tf "a second run without new input rows does nothing" 0 "T.MOM up to date
T.SPR up to date
T.MISS skipped: input 'NOPE' is not in the store
transform: 0 computed (0 new, 0 revised vintages), 2 up to date, 1 skipped" "" -- \
    transform run --catalog d.csv
sleep 1 # ingested_at has whole seconds: the next rows come after the watermark
expect_status "import a revision of March and April's release" 0 "" -- \
    --db "sqlite:$tdb" import observations t2.csv
tf "--series runs one definition, from the earliest changed month" 0 \
"T.MOM computed from 2024-03-01: 1 new, 1 revised, 1 unchanged vintages
transform: 1 computed (1 new, 1 revised vintages), 0 up to date, 0 skipped" "" -- \
    transform run --catalog d.csv --series T.MOM
tf "the revision is a new vintage of March; April uses the revised March" 0 \
"obs_date,available_at,value
2024-02-01,2024-03-10,25
2024-03-01,2024-04-10,25
2024-03-01,2024-04-20,50
2024-04-01,2024-05-10,25" "" -- obs get T.MOM --vintages
tf "as known before the revision" 0 "obs_date,value
2024-02-01,25
2024-03-01,25" "" -- obs get T.MOM --as-of 2024-04-19
tf "the others are untouched" 0 "T.MOM up to date
T.SPR up to date
T.MISS skipped: input 'NOPE' is not in the store
transform: 0 computed (0 new, 0 revised vintages), 2 up to date, 1 skipped" "" -- \
    transform run --catalog d.csv

tf "a changed definition is refused" 1 "" \
    "mf transform: derived series 'T.MOM': stored with other transform (mom_pct {}): its vintages were computed under them; give the new definition a new code" -- \
    transform run --catalog d_changed.csv
tf "a definition may not take over a series of another source" 1 "" \
    "mf transform: derived series 'RA': the store has a series of that code from source 'user': choose another code" -- \
    transform run --catalog d_clash.csv
tf "--series names no definition" 1 "" "mf transform: no derived series 'T.NOPE' in the definitions" -- \
    transform run --catalog d.csv --series T.NOPE
expect "an unknown transform names the file and line" 1 "" \
    "mf transform: d_bad.csv:2: unknown transform 'nope'" -- transform list --catalog d_bad.csv
expect "bad parameters name the file, line and key" 1 "" \
    "mf transform: d_badp.csv:2: transform 'vol_rolling': parameter 'window' must be an integer in 1..100000" -- \
    transform list --catalog d_badp.csv
expect "a derived input must be defined above its user" 1 "" \
    "d_order.csv:2: input 'T.Y' is defined below, on line 3: define it first" -- \
    transform list --catalog d_order.csv
expect "a missing catalogue file" 1 "" "mf transform: cannot open 'none.csv'" -- \
    transform list --catalog none.csv
expect "transform needs a subcommand" 2 "" "mf transform: missing subcommand: expected list or run" -- transform
expect "unknown transform subcommand" 2 "" "unknown subcommand 'go': expected list or run" -- transform go
expect "--series belongs to run" 2 "" "--series is an option of 'run'" -- transform list --series X
expect "--format belongs to list" 2 "" "--format is an option of 'list'" -- transform run --format json

# The simulated world (mf backfill --source simulated, offline): every DRV.SIM.* definition
# of the embedded catalogue finds its inputs and is computed - none skipped - so the demo
# shows FCIs, cycle composites, naive surprises, fiscal changes, real rates and carry.
sim_db="sqlite:$work/transform_sim.db"
"$mf" --db "$sim_db" init >/dev/null 2>&1
"$mf" --db "$sim_db" backfill --source simulated --from 2018-01-01 --to 2024-12-31 \
    --today 2024-12-31 >/dev/null 2>&1
"$mf" --db "$sim_db" transform run >"$work/sim_run.out" 2>&1
sim_defs=$("$mf" transform list | grep -c '^DRV\.SIM\.')
sim_done=$(grep -c '^DRV\.SIM\.[A-Z0-9_]* computed from the start: [1-9][0-9]* new' "$work/sim_run.out")
[ "$sim_defs" -ge 23 ] && [ "$sim_done" -eq "$sim_defs" ] && pass=$((pass + 1)) || {
    fail=$((fail + 1))
    echo "FAIL every DRV.SIM definition computes: $sim_done of $sim_defs"
    grep '^DRV\.SIM\.' "$work/sim_run.out" | grep -v computed
}
