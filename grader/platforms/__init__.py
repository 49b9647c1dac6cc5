"""Where students and courses meet the grader besides the terminal: CI and platform `formats`,
the GitHub Classroom template, the Gradescope autograder zip, and the pytest plugin."""
