"""Grading one submission: run each exercise's code apart, judge what came back, score it.

`engine` drives it (inputs -> run -> reference -> judge -> score) from a `job`; `running` owns
the `sandbox` where the student's code runs; `judging` turns raw data into check results with
the `checks` kinds, `compare`, `messages` and `details`; `cache` keeps what a run shares.
Nothing is imported here: the warm worker imports `grading.sandbox` and nothing else.
"""
