"""What each exercise of a submission is graded on: the submission's files read (`submission`;
a zip is unpacked before, by `grader.openers`), the exercise's file found whatever its name
(`finder`, `choosing`, `spelling`), a notebook's cells cut into sections and made into modules
(`notebook`, `sections`, `views`), a file that cannot run graded on its definitions
(`definitions`), and the lines, places and imports a report names (`linemap`, `places`,
`locating`, `imports`). `resolution` decides it all once per submission (`source`: one
exercise's), in the grader's process, without running any student code.
"""
from .resolution import Resolution, Source

__all__ = ["Resolution", "Source"]
