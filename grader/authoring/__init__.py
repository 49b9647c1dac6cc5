"""`grader new`: an exercise drafted from its reference solution, the one source of both the
solution and the student's stub.

`outline` reads what the solution defines (with `ast`: nothing of it runs in the grader's
process); `stub` makes the student's starting file from the solution's markers; `draft` plans
the spec's checks from the outline and takes their expected values from the solution, run apart
like any reference solution. The spec itself is rendered by templates/new_spec.yaml.j2.
"""
