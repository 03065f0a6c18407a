"""The `moodify` commands, one module each (the catalogue's in catalog/): options in, a function the
web uses too, text or --json out. Text comes from a pure function beside the command; moodify.cli
gathers the commands under one group. Heavy imports (torch, av, the models) stay inside the
commands, so `moodify --help` stays quick."""
