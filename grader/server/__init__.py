"""The warm grader: a per-user server that `grader check` reuses, so that a student's answer no
longer waits for numpy, the bank and jinja2 to load.

`client` is what `grader check` runs first (standard library only, before anything heavy is
imported): it finds or starts the server and hands it the call; `serve` is the server, which
keeps the grader loaded and warm workers started, and answers each call in a fork of itself
exactly as a cold `grader check` would. Nothing is imported here.
"""
