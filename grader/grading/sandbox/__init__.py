"""The sandbox: a warm worker (`zygote`) forks one process per job, where `child` loads the
student's code and runs the checks' routines; `client` is the grader's side; `plain` is the
only form data takes between them."""
