"""The sandbox: a warm worker (`zygote`) forks one process per job, where `child` loads the
student's code and runs the checks' routines; `client` is the grader's side; `plain` is the
only form data takes between them."""

import os

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.realpath(__file__)))))
"""the folder holding the `grader` package, which the warm worker imports"""
