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
