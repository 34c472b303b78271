# The simulated market as seen from the command line: mf init loads its catalogue (series
# flagged simulated, SIM. codes), and sim.seed is an integer key of the configuration.

sdb="sqlite:$work/sim.db"
expect_status "init loads the catalogue (other sources' too)" 0 "" -- --db "$sdb" init
expect "simulated series are flagged" 0 \
    "SIM.BR.SELIC_TARGET_PCT  simulated  D BR Selic target (simulated) [SIMULATED]" "" \
    -- --db "$sdb" series list --prefix SIM.BR.SELIC
expect "sim.seed default" 0 "sim.seed = 20050103  (from default)
    seed of the simulated market (source simulated): same seed, same world [env MF_SIM_SEED, default '20050103']" "" \
    -- config show sim
printf '[sim]\nseed = -1\n' >"$work/sim.ini"
expect "sim.seed must be a non-negative integer" 2 "" "sim.ini:2" -- --config sim.ini config show sim

# mf init --simulated: the whole catalogue as stand-ins (codes and names kept, flagged
# simulated, source_key naming the original); a store made one way refuses the other way.
stdb="sqlite:$work/standin.db"
expect "init --simulated loads the stand-in catalogue" 0 \
    "store $stdb ready: sqlite, schema version 5
catalogue (stand-ins: every series SIMULATED): 549 series (549 new, 0 updated), 478 instruments (478 new, 0 updated)" "" \
    -- --db "$stdb" init --simulated
expect "a stand-in keeps its code and name, flagged simulated" 0 \
    "SGS.432                  simulated  D BR Selic target (Copom) [SIMULATED]" "" \
    -- --db "$stdb" series list --prefix SGS.432
expect "init --simulated again: nothing new" 0 \
    "store $stdb ready: sqlite, schema version 5
catalogue (stand-ins: every series SIMULATED): 549 series (0 new, 0 updated), 478 instruments (0 new, 0 updated)" "" \
    -- --db "$stdb" init --simulated
expect "a stand-in store refuses a plain init" 1 "" "run \`mf init --simulated\` on it" \
    -- --db "$stdb" init
expect "a real store refuses init --simulated" 1 "" "\`mf init --simulated\` needs a new store" \
    -- --db "$sdb" init --simulated
expect "init takes --no-catalog or --simulated, not both" 2 "" "unexpected argument '--simulated'" \
    -- --db "$stdb" init --no-catalog --simulated
