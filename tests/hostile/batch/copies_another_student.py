# attack: finds the grader's command line in /proc (`grader batch ROOT --out OUT`), runs another student's p209.py as its own, and reads the class's output folder (OUT: run.json, the other students' results)
# before: passed, with alice's code; it listed OUT and read run.json (the run's seed) and the other results
# outcome: error, `does not define MulLayer`: no grader, no ROOT and no OUT in its world
import os

found = {}
for entry in os.listdir("/proc"):
    if not entry.isdigit():
        continue
    try:
        with open(f"/proc/{entry}/cmdline", "rb") as f:
            words = [w.decode("utf-8", "replace") for w in f.read().split(b"\0")]
    except OSError:
        continue
    if "batch" in words and "--out" in words:
        rest = words[words.index("batch") + 1:]
        found["root"] = next(w for w in rest if not w.startswith("-"))
        found["out"] = words[words.index("--out") + 1]
print("found", found)
if "out" in found:
    try:
        print("read OUT", sorted(os.listdir(found["out"])))
        with open(os.path.join(found["out"], "run.json")) as f:
            print("read run.json", len(f.read()))
    except OSError as e:
        print("refused OUT", type(e).__name__)
if "root" in found:
    for other in sorted(os.listdir(found["root"])):
        path = os.path.join(found["root"], other, "p209.py")
        if other != "mallory" and os.path.exists(path):
            with open(path) as f:
                exec(f.read())
            print("copied", other)
            break
