"""Grading one submission: run each exercise's code apart, judge what came back, score it.

`engine` drives it (inputs -> run -> reference -> judge -> score) from a `job`; `sources/` says
what each exercise is graded on (a file, whatever its name; a notebook's section); `running`
owns the `sandbox/` where the student's code runs; `judging` turns raw data into check results
with the `checks/` kinds, `compare`, `messages`, `details` and the `diagnosis/` families;
`cache` keeps what a run shares, `freezing` the reference results the bank carries.
Nothing is imported here: the warm worker imports `grading.sandbox` and nothing else.
"""
