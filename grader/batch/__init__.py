"""Grading a whole class: find the `students`, grade them with several graders at once (`run`),
show `progress`, and write each student's results, the `summary`, the `gradebook` and the
dashboard."""
