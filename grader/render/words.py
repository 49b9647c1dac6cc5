"""The words of the reports, in each language of the course. Templates look labels up here.

Every table is key -> {en, ko}, as every catalogue of texts (`grading.phrases`); a template or
a format string gets one language of it, key -> text (`in_language`).
"""
from __future__ import annotations

from ..grading.phrases import in_language, language

STATUSES = {
    "passed": {"en": "passed", "ko": "통과"},
    "failed": {"en": "failed", "ko": "실패"},
    "error": {"en": "error", "ko": "오류"},
    "timeout": {"en": "timeout", "ko": "시간 초과"},
    "missing": {"en": "missing", "ko": "없음"},
    "skipped": {"en": "skipped", "ko": "건너뜀"},
}
"""an exercise's or a check's status, in words (the terminal and the pages)"""

LABELS = {
    "report": {"en": "Grading report", "ko": "채점 결과"},
    "total": {"en": "Total", "ko": "합계"},
    "points": {"en": "points", "ko": "점"},
    "exercise": {"en": "Exercise", "ko": "문제"},
    "status": {"en": "Status", "ko": "상태"},
    "score": {"en": "Score", "ko": "점수"},
    "checks": {"en": "checks passed", "ko": "검사 통과"},
    "check": {"en": "Check", "ko": "검사"},
    "inputs": {"en": "Inputs", "ko": "입력"},
    "expected": {"en": "Expected", "ko": "기대값"},
    "actual": {"en": "Your result", "ko": "내 결과"},
    "shape": {"en": "shape", "ko": "형상"},
    "first_diff": {"en": "first difference at index", "ko": "처음 다른 위치"},
    "largest_diff": {"en": "largest difference", "ko": "가장 큰 차이"},
    "abs": {"en": "absolute", "ko": "절대"},
    "rel": {"en": "relative", "ko": "상대"},
    "marked": {"en": "differing elements are marked", "ko": "다른 원소를 표시했습니다"},
    "hint": {"en": "Likely mistake", "ko": "예상되는 실수"},
    "ran": {"en": "The check ran", "ko": "검사한 코드"},
    "traceback": {"en": "Where your code raised", "ko": "오류가 난 곳"},
    "line": {"en": "line", "ko": "줄"},
    "in": {"en": "in", "ko": "함수"},
    "stdout": {"en": "Printed (stdout)", "ko": "출력 (stdout)"},
    "stderr": {"en": "Errors (stderr)", "ko": "오류 출력 (stderr)"},
    "bytes": {"en": "bytes", "ko": "바이트"},
    "truncated": {"en": "cut: only the beginning is shown", "ko": "잘림: 앞부분만 보입니다"},
    "skipped_note": {"en": "skipped: needs the reference solution's results",
                     "ko": "건너뜀: 참조 답안의 결과가 필요합니다"},
    "curves": {"en": "Training curves: accuracy per iteration", "ko": "학습 곡선: 반복별 정확도"},
    "train": {"en": "train", "ko": "훈련"},
    "test": {"en": "test", "ko": "시험"},
    "iterations": {"en": "iterations", "ko": "반복"},
    "accuracy": {"en": "accuracy", "ko": "정확도"},
    "seed": {"en": "seed", "ko": "시드"},
    "repeat": {"en": "to repeat this run exactly", "ko": "같은 입력으로 다시 채점하려면"},
    "version": {"en": "grader", "ko": "채점기"},
    "dashboard": {"en": "Class dashboard", "ko": "학급 현황"},
    "students": {"en": "students", "ko": "명"},
    "mean": {"en": "mean", "ko": "평균"},
    "median": {"en": "median", "ko": "중앙값"},
    "distribution": {"en": "Score distribution", "ko": "점수 분포"},
    "pass_rate": {"en": "Pass rate per exercise", "ko": "문제별 통과율"},
    "mistakes": {"en": "Most frequent diagnosed mistakes", "ko": "가장 많이 진단된 실수"},
    "mistake": {"en": "Mistake", "ko": "실수"},
    "count": {"en": "Students", "ko": "학생 수"},
    "no_mistakes": {"en": "none diagnosed", "ko": "진단된 실수 없음"},
    "table": {"en": "Students, best score first", "ko": "학생 (점수 높은 순)"},
    "rank": {"en": "#", "ko": "#"},
    "student": {"en": "Student", "ko": "학생"},
    "percent": {"en": "%", "ko": "%"},
    "min": {"en": "lowest", "ko": "최저"},
    "max": {"en": "highest", "ko": "최고"},
    "ungraded": {"en": "Not graded (no results)", "ko": "채점되지 않음 (결과 없음)"},
    "folded_missing": {"en": "not handed in ({count})", "ko": "제출하지 않은 문제 ({count}개)"},
    "classroom_records": {"en": "**GitHub Classroom records {score} / {max_score} points**, the "
                                "sum of the exercises' points. The reporter's \"Total points\" "
                                "line in the log counts the exercises passed instead, so it is "
                                "lower when an exercise earns part of its points.",
                          "ko": "**GitHub Classroom에 기록되는 점수는 {score} / "
                                "{max_score}점**으로, 문제별 점수의 합입니다. 로그의 \"Total "
                                "points\" 줄은 점수가 아니라 통과한 문제 수로 계산하므로, 부분 "
                                "점수를 받은 문제가 있으면 더 낮게 나옵니다."},
    # the instructor's class: policies, the way back to the class, the legend
    "class_page": {"en": "Class dashboard", "ko": "학급 현황"},
    "graded_score": {"en": "as graded", "ko": "채점 점수"},
    "by_hand": {"en": "set by hand", "ko": "직접 정한 점수"},
    "hidden_checks": {"en": "{count} hidden check(s) not run here: they count at the final "
                            "grading, where this exercise's points are shared by all its checks",
                      "ko": "숨은 검사 {count}개는 여기서 실행하지 않습니다: 최종 채점에서 "
                            "실행되며, 그때 이 문제의 점수는 모든 검사에 나누어 매겨집니다"},
    "days_late": {"en": "days late", "ko": "지각 일수"},
    "due": {"en": "due", "ko": "마감"},
    "on_time": {"en": "on time", "ko": "기한 내 제출"},
    "submitted": {"en": "submitted", "ko": "제출"},
    "time_unknown": {"en": "submission time unknown: no late penalty",
                     "ko": "제출 시각을 알 수 없어 감점하지 않음"},
    "late_penalty": {"en": "late penalty", "ko": "지각 감점"},
    "per_day": {"en": "per day", "ko": "하루에"},
    "at_most": {"en": "at most", "ko": "최대"},
    "overrides": {"en": "scores set by hand", "ko": "직접 정한 점수"},
    "adjustments": {"en": "Adjustments", "ko": "점수 조정"},
    "legend": {"en": "One square per exercise", "ko": "칸 하나가 문제 하나"},
    "mixed_seeds": {"en": "graded with another seed (the next run regrades them)",
                    "ko": "다른 시드로 채점됨 (다음 실행에서 다시 채점)"},
    "graded": {"en": "Graded", "ko": "채점한 것"},
    "notes": {"en": "Notes", "ko": "참고"},
    "cell": {"en": "cell", "ko": "셀"},
    # the notebook's output (%grade): what is folded
    "passed_checks": {"en": "checks passed: {count}", "ko": "통과한 검사 {count}개"},
    "failed_more": {"en": "other checks failed: {count}", "ko": "실패한 검사 {count}개 더"},
    "hint_from": {"en": "Likely mistake (check {check})", "ko": "예상되는 실수 (검사 {check})"},
}

SIMILARITY = {
    "similar": {"en": "Similar code", "ko": "비슷한 코드"},
    "similar_intro": {"en": "Pairs of students whose code for an exercise is alike beyond what "
                            "everyone was given (the stub, the prompt, the course's own code); "
                            "renamed names, reordered functions and changed comments do not hide "
                            "it. Most alike first. Alike is not proof: read the two files.",
                      "ko": "모두가 받은 코드(뼈대 파일, 문제 설명, 강의 코드)를 빼고도 한 "
                            "문제의 코드가 닮은 학생 쌍입니다. 이름을 바꾸거나 함수 순서나 "
                            "주석을 바꿔도 찾아냅니다. 많이 닮은 순서입니다. 닮았다고 베낀 것은 "
                            "아니니 두 파일을 직접 읽어 보세요."},
    "similar_none": {"en": "No pair of students wrote code alike beyond what everyone was given.",
                     "ko": "모두가 받은 코드 말고는 닮은 코드를 쓴 학생 쌍이 없습니다."},
    "similar_off": {"en": "Not computed (--no-similarity).",
                    "ko": "계산하지 않음 (--no-similarity)."},
    "alike": {"en": "Alike", "ko": "닮은 정도"},
    "shared_prints": {"en": "Shared fingerprints", "ko": "공통 지문"},
    "pair": {"en": "Students", "ko": "학생"},
    "side_by_side": {"en": "side by side", "ko": "나란히 보기"},
    "similar_marked": {"en": "Marked lines: what the two files share beyond what everyone was "
                             "given (the stub, the prompt, the course's own code).",
                       "ko": "표시한 줄: 모두가 받은 코드(뼈대 파일, 문제 설명, 강의 코드) 말고 "
                             "두 파일이 함께 가진 부분입니다."},
    "alike_note": {"en": "the share of the own fingerprints of the file with fewer that the "
                         "other has too",
                   "ko": "지문이 적은 쪽 파일의 지문 중 다른 파일에도 있는 비율"},
    "back": {"en": "Class dashboard", "ko": "학급 현황"},
}
"""the labels of similar code: the dashboard's section and the side-by-side pages"""


CAUSE_NAMES = {
    "blocks": {"en": "makes p{exercise} fail too (p{exercise} imports {file})",
               "ko": "p{exercise}도 함께 실패시킴 (p{exercise}이(가) {file}을(를) import함)"},
}
"""a file that makes another exercise fail, under the exercise it belongs to"""


def mistake_name(mistake_id: str, lang: str | None, spec_label: str | None = None) -> str:
    """A diagnosis as the dashboard names it: the spec's label, a family's name (each family's
    module names it, `grading.diagnosis.families`), else its id."""
    if spec_label:
        return spec_label
    from ..grading.diagnosis.families import NAMES  # the families, only for a class's pages

    return in_language(NAMES, lang).get(mistake_id, mistake_id)


PROGRESS = {
    "s": {"en": "{s} s", "ko": "{s}초"},
    "min": {"en": "{m} min {s:02d} s", "ko": "{m}분 {s:02d}초"},
    "h": {"en": "{h} h {m:02d} min", "ko": "{h}시간 {m:02d}분"},
    "eta": {"en": "ETA {time}", "ko": "남은 시간 {time}"},
    "took": {"en": "({seconds:.1f} s)", "ko": "({seconds:.1f}초)"},
    "up_to_date": {"en": "{count} of {total} students up to date, not regraded (--force regrades "
                         "them)",
                   "ko": "학생 {total}명 중 {count}명은 이미 최신이라 다시 채점하지 않습니다 "
                         "(--force로 다시 채점)"},
    "interrupted": {"en": "interrupted: finishing what is in progress for {names} (Ctrl-C again "
                          "to abandon it)",
                    "ko": "중단됨: 진행 중인 {names}의 채점을 마치는 중입니다 (한 번 더 "
                          "Ctrl-C를 누르면 버립니다)"},
    "worker_stopped": {"en": "grader: a worker stopped{on}: {problem}",
                       "ko": "grader: 채점 작업자가 멈췄습니다{on}: {problem}"},
    "on": {"en": " on {name}", "ko": " ({name})"},
    "finished": {"en": "{graded} graded, {skipped} up to date, {problems} with problems, "
                       "{ungraded} not graded; mean {mean} / {top}, median {median}; "
                       "{seconds:.1f} s",
                 "ko": "{graded}명 채점, {skipped}명 최신, {problems}명 문제 있음, {ungraded}명 "
                       "채점되지 않음; 평균 {mean} / {top}, 중앙값 {median}; {seconds:.1f}초"},
    "kept": {"en": "grader: interrupted; the finished results are kept{abandoned}",
             "ko": "grader: 중단됨; 끝난 결과는 남겨 둡니다{abandoned}"},
    "abandoned": {"en": " (abandoned: {names})", "ko": " (버림: {names})"},
    "partial": {"en": "{count} students keep their results and get only the exercises they lack "
                      "or that this run regrades",
                "ko": "학생 {count}명은 결과를 그대로 두고, 없는 문제와 이번에 다시 채점하는 "
                      "문제만 채점합니다"},
    "regrading_all": {"en": "regrading every student: the output folder was graded with "
                            "{differences}",
                      "ko": "모든 학생을 다시 채점합니다: 출력 폴더는 다른 설정으로 "
                            "채점되었습니다 ({differences})"},
    "recorded_seed": {"en": "seed {seed}, as recorded in the output folder",
                      "ko": "출력 폴더에 기록된 시드 {seed}를 씁니다"},
    "again_alone": {"en": "grading again, alone: {names} (a job was killed by a signal while "
                          "other students' code ran)",
                    "ko": "혼자 다시 채점합니다: {names} (다른 학생의 코드가 실행되는 동안 "
                          "작업이 신호로 종료되었습니다)"},
    "busy": {"en": "another grader is writing {out} (`{command}`, pid {pid}, started {started}): "
                   "wait until it ends, or write into another --out",
             "ko": "다른 채점기가 {out}에 쓰고 있습니다 (`{command}`, pid {pid}, {started} "
                   "시작): 끝날 때까지 기다리거나 다른 --out에 쓰세요"},
    "busy_unknown": {"en": "another grader is writing {out}: wait until it ends, or write into "
                           "another --out",
                     "ko": "다른 채점기가 {out}에 쓰고 있습니다: 끝날 때까지 기다리거나 다른 "
                           "--out에 쓰세요"},
    "adding": {"en": "adding {names} to the {count} exercises already graded",
               "ko": "이미 채점한 {count}문제에 {names}을(를) 더합니다"},
    "seed": {"en": "seed {seed}", "ko": "시드 {seed}"},
    "isolation": {"en": "isolation: {said}", "ko": "격리: {said}"},
    "merged": {"en": "{students} students merged; mean {mean} / {top}",
               "ko": "{students}명 병합; 평균 {mean} / {top}"},
    "similar": {"en": "similar code: {count} pair(s), the most alike p{exercise} {students} "
                      "({similarity:.0%}): {page}",
                "ko": "비슷한 코드: {count}쌍, 가장 비슷한 쌍은 p{exercise} {students} "
                      "({similarity:.0%}): {page}"},
}
"""the batch's progress lines and its closing line"""


PYTEST = {
    "header": {"en": "backprop-grader {version}: seed {seed} (--grader-seed {seed} repeats it); "
                     "messages in English",
               "ko": "backprop-grader {version}: 시드 {seed} (--grader-seed {seed}로 같은 입력 "
                     "반복); 메시지는 한국어"},
    "at": {"en": "at {file}:{line}", "ko": "위치 {file}:{line}"},
    "check": {"en": "check", "ko": "검사"},
    "hint": {"en": "hint", "ko": "힌트"},
    "skipped": {"en": "needs the reference solution", "ko": "참조 답안이 필요합니다"},
}
"""what the pytest plugin adds to a check's own words"""


SUMMARY = {
    "title": {"en": "backprop-grader: {score} / {max_score} points",
              "ko": "backprop-grader: {score} / {max_score}점"},
    "passed_count": {"en": "{passed} of {count} exercises passed",
                     "ko": "{count}문제 중 {passed}문제 통과"},
    "seed": {"en": "seed {seed}", "ko": "시드 {seed}"},
    "platform": {"en": "{score} / {max_score} points; {passed} of {count} exercises passed (seed "
                       "{seed}, grader {version}).",
                 "ko": "{score} / {max_score}점; {count}문제 중 {passed}문제 통과 (시드 {seed}, "
                       "채점기 {version})."},
    "exercise": {"en": "exercise", "ko": "문제"},
    "points": {"en": "points", "ko": "점수"},
    "status": {"en": "status", "ko": "상태"},
    "nothing": {"en": "nothing was graded", "ko": "채점한 것이 없습니다"},
    "no_exercises": {"en": "no exercises", "ko": "문제 없음"},
}
"""the score as the CI and platform formats state it: GitHub's job summary, Gradescope's
`output`, Classroom's stand-in when nothing was graded"""

GRADEBOOK = {
    "not_graded": {"en": "not graded yet", "ko": "아직 채점하지 않음"},
    "by_hand": {"en": "p{exercise} set to {points} by hand",
                "ko": "p{exercise}: {points}점으로 직접 정함"},
    "reason": {"en": ": {reason}", "ko": " ({reason})"},
    "time_unknown": {"en": "submission time unknown: no late penalty",
                     "ko": "제출 시각을 알 수 없어 감점하지 않음"},
    "late_day": {"en": "late 1 day: -{percent}% (-{points} points)",
                 "ko": "1일 지각: -{percent}% (-{points}점)"},
    "late_days": {"en": "late {days} days: -{percent}% (-{points} points)",
                  "ko": "{days}일 지각: -{percent}% (-{points}점)"},
}
"""the notes column of gradebook.csv"""


USAGE = {
    "no_target": {"en": "{given} does not exist: `grader check` takes {kinds}",
                  "ko": "{given}이(가) 없습니다: `grader check`는 {kinds}을(를) 채점합니다"},
    "not_a_target": {"en": "{given} is not what `grader check` takes: {kinds}",
                     "ko": "{given}은(는) `grader check`가 채점하는 것이 아닙니다: "
                           "{kinds}을(를) 주세요"},
    "not_an_exercise_file": {"en": "{given} is not an exercise file: name it p<ID>.py (p209.py)",
                             "ko": "{given}은(는) 문제 파일이 아닙니다: p<ID>.py 이름으로 "
                                   "저장하세요 (p209.py)"},
    "a_class": {"en": "{given} is a GitHub Classroom download, a class of submissions: grade "
                      "it with `grader batch {given} --out OUT`",
                "ko": "{given}은(는) GitHub Classroom에서 내려받은 반 전체의 제출물입니다: "
                      "`grader batch {given} --out OUT`으로 채점하세요"},
    "output_needs_format": {"en": "--output FILE names where --format writes: give --format too",
                            "ko": "--output FILE은 --format이 쓸 곳입니다: --format도 주세요"},
    "watch_no_format": {"en": "--watch shows its report in the terminal: --format is for one run",
                        "ko": "--watch는 결과를 터미널에 보여 줍니다: --format은 한 번 채점할 "
                              "때 쓰세요"},
    "watch_a_folder": {"en": "--watch watches a folder: give the folder that holds {name}",
                       "ko": "--watch는 폴더를 지켜봅니다: {name}이(가) 있는 폴더를 주세요"},
    "no_exercise": {"en": "no exercise {id} in the bank (see `grader list`)",
                    "ko": "문제 은행에 {id}번 문제가 없습니다 (`grader list` 참고)"},
    "comma": {"en": ", ", "ko": ", "},
    "or": {"en": " or ", "ko": ", "},
}
"""`grader check`'s and `grader show`'s usage errors about what they were given"""


WORKFLOW = {
    "install_title": {"en": "The grader could not be installed",
                      "ko": "채점기를 설치하지 못했습니다"},
    "install_failed": {"en": "The grader could not be installed, so nothing was graded and this "
                             "run counts 0 points. It is not your code: tell your instructor, "
                             "who can read why in the step \"Install the grader\" of this log.",
                       "ko": "채점기를 설치하지 못해 아무것도 채점하지 않았고, 이번 실행은 "
                             "0점으로 기록됩니다. 여러분의 코드 문제가 아닙니다: 강사에게 알려 "
                             "주세요. 이유는 이 로그의 \"Install the grader\" 단계에 있습니다."},
    "stopped_title": {"en": "The grader stopped without a result",
                      "ko": "채점기가 결과 없이 멈췄습니다"},
    "stopped": {"en": "The grader stopped before it wrote a result, so this run counts 0 points. "
                      "The step \"Grade\" of this log says why; if it is not your code, tell "
                      "your instructor.",
                "ko": "채점기가 결과를 쓰기 전에 멈춰서 이번 실행은 0점으로 기록됩니다. 이유는 "
                      "이 로그의 \"Grade\" 단계에 있습니다. 여러분의 코드 문제가 아니라면 "
                      "강사에게 알려 주세요."},
}
"""what a Classroom repository's workflow says when the grader could not be installed or run
(its log, and the reporter's result: platforms/classroom_template.py)"""


def workflow_words(lang: str | None) -> dict[str, str]:
    return in_language(WORKFLOW, lang)


def usage_words(lang: str | None) -> dict[str, str]:
    return in_language(USAGE, lang)


def summary_words(lang: str | None) -> dict[str, str]:
    return {**statuses(lang), **in_language(SUMMARY, lang)}


def gradebook_words(lang: str | None) -> dict[str, str]:
    return in_language(GRADEBOOK, lang)


def plugin_words(lang: str | None) -> dict[str, str]:
    return {**statuses(lang), **in_language(PYTEST, lang)}


def progress_words(lang: str | None) -> dict[str, str]:
    return in_language(PROGRESS, lang)


def check_title(name: str, label: str | None, lang: str | None) -> str:
    """A check as the reports name it: in English its name and its label; in Korean its label
    alone (a check's name is an English identifier, for pytest items and mistakes' `checks:`)."""
    if lang == "ko" and label:
        return f'"{label}"'
    return f'"{name}"' + (f" ({label})" if label else "")


def cause_name(lang: str | None, exercise: str, file: str) -> str:
    return in_language(CAUSE_NAMES, lang)["blocks"].format(exercise=exercise, file=file)


KINDS = {
    "api": {"en": "api", "ko": "구현"},
    "output": {"en": "output", "ko": "출력"},
}
"""an exercise's kind (api: code the grader calls; output: a script whose printed numbers it
reads), as `grader list` and `grader show` name it"""


def kind_word(kind: str, lang: str | None) -> str:
    """A kind of exercise or check in words (templates: `{{ s.kind | kind(lang) }}`): a check
    kind's module names it (`grading.checks`, loaded with the bank); an unknown kind as it is."""
    if kind in KINDS:
        return in_language(KINDS, lang)[kind]
    from ..grading.checks import JUDGES  # what `grader list` and `show` read the bank with

    return JUDGES[kind].kind_word[language(lang)] if kind in JUDGES else kind


def points(x) -> str:
    """Points as people read them, in every output (the terminal, --watch, the pages, the
    dashboard, the gradebook, the CI and platform summaries; templates: `{{ x | points }}`):
    rounded to 2 decimals, trailing zeros dropped (`8.22`, `11`, `0.5`). The exact values stay
    in what machines read: the results JSON, Gradescope's `score`, Classroom's payload. A
    value that is no number (odd data in a results file) is written as it is."""
    try:
        value = float(x)
    except (TypeError, ValueError, OverflowError):
        return str(x)
    if value != value or value in (float("inf"), float("-inf")):
        return str(x)
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def points_change(x: float) -> str:
    """A change of points, signed: `+0.78`, `-1`."""
    text = points(x)
    return text if text.startswith("-") or text == "0" else f"+{text}"


def id_ranges(ids: list[str]) -> str:
    """Exercise numbers as runs: p101–103, p151, p209–218."""
    runs: list[list[int]] = []
    for n in sorted(int(i) for i in ids):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(f"p{r[0]}" if len(r) == 1 else f"p{r[0]}–{r[-1]}" for r in runs)


def statuses(lang: str | None) -> dict[str, str]:
    return in_language(STATUSES, lang)


def labels(lang: str | None) -> dict[str, str]:
    """The pages' labels, the status words among them."""
    return {**statuses(lang), **in_language(LABELS, lang), **in_language(SIMILARITY, lang),
            "isolation": isolation_words(lang)["label"]}


WATCH = {
    "watching": {"en": "watching {folder}: an exercise is graded again when its file, or a file "
                       "it imports, is saved (Ctrl-C stops)",
                 "ko": "{folder}을(를) 지켜보는 중: 문제 파일이나 그 파일이 불러오는 파일을 "
                       "저장하면 그 문제를 다시 채점합니다 (Ctrl-C로 멈춤)"},
    "changed": {"en": "changed: {files}", "ko": "바뀐 파일: {files}"},
    "regraded": {"en": "graded again: {ids}", "ko": "다시 채점: {ids}"},
    "unused": {"en": "no exercise uses it", "ko": "이 파일을 쓰는 문제가 없습니다"},
    "no_code": {"en": "no code changed (comments or spacing only): nothing graded again",
                "ko": "코드는 바뀌지 않았습니다 (주석이나 공백만 바뀜): 다시 채점하지 않습니다"},
    "unchanged": {"en": "unchanged", "ko": "변화 없음"},
    "was": {"en": "was", "ko": "이전:"},
    "gone": {"en": "{folder} cannot be read ({why}); waiting for it",
             "ko": "{folder}을(를) 읽을 수 없습니다 ({why}); 다시 생길 때까지 기다립니다"},
    "stopped": {"en": "stopped watching {folder}", "ko": "{folder} 지켜보기를 멈췄습니다"},
}
"""`grader check --watch`: what it says between gradings"""


def watch_labels(lang: str | None) -> dict[str, str]:
    return in_language(WATCH, lang)


ISOLATION = {
    "label": {"en": "isolation", "ko": "격리"},
    "namespaces": {"en": "each job in namespaces of its own (pid, mount, network, ipc{user}), "
                         "seeing only its copy, Python and the grader's code",
                   "ko": "작업마다 독립된 네임스페이스(pid, mount, network, ipc{user})에서 자기 "
                         "사본, 파이썬, 채점기 코드만 보며 실행"},
    "user": {"en": ", user", "ko": ", user"},
    "process": {"en": "jobs as plain processes, without namespaces ({why})",
                "ko": "네임스페이스 없이 일반 프로세스로 실행 ({why})"},
    "cgroup": {"en": "memory and processes limited per job ({limits})",
               "ko": "메모리와 프로세스 수를 작업 단위로 제한 ({limits})"},
    "rlimits": {"en": "memory limited per process, processes per user (rlimits)",
                "ko": "메모리는 프로세스 단위, 프로세스 수는 사용자 단위로 제한 (rlimit)"},
    "nothing": {"en": "no job ran", "ko": "실행한 작업 없음"},
    "shared": {"en": "shared with every job: {folders}",
               "ko": "모든 작업이 함께 쓰는 폴더: {folders}"},
    "fallback": {"en": "grader: no namespaces here ({why}): each job runs as a plain process "
                       "that can see the machine's files, network and other jobs (see `grader "
                       "doctor`; --isolation strict refuses to grade without them)",
                 "ko": "grader: 이 컴퓨터에서는 네임스페이스를 쓸 수 없습니다 ({why}): 작업마다 "
                       "컴퓨터의 파일, 네트워크, 다른 작업이 보이는 일반 프로세스로 실행합니다 "
                       "(`grader doctor` 참고; --isolation strict는 네임스페이스 없이 채점하지 "
                       "않습니다)"},
    "refused": {"en": "--isolation strict: this machine gives the grader no namespaces ({why}); "
                      "nothing was graded (see `grader doctor`)",
                "ko": "--isolation strict: 이 컴퓨터는 채점기에 네임스페이스를 주지 않습니다 "
                      "({why}); 아무것도 채점하지 않았습니다 (`grader doctor` 참고)"},
}
"""what the jobs ran in (`grading/sandbox/isolation.py`'s report), said by the terminal's
footer, the reports, the dashboard, the batch and `grader doctor`"""

DOCTOR = {
    "title": {"en": "grader doctor: what this machine allows the sandbox, and what the grader "
                    "will use",
              "ko": "grader doctor: 이 컴퓨터가 샌드박스에 허용하는 것과 채점기가 쓸 것"},
    "machine": {"en": "machine", "ko": "컴퓨터"},
    "machine_is": {"en": "{system} {release} ({arch}), Python {python}, the grader as {user} "
                         "(uid {uid})",
                   "ko": "{system} {release} ({arch}), 파이썬 {python}, 채점기 사용자 {user} "
                         "(uid {uid})"},
    "user": {"en": "user namespaces", "ko": "user 네임스페이스"},
    "pid": {"en": "pid namespace", "ko": "pid 네임스페이스"},
    "mount": {"en": "mount namespace", "ko": "mount 네임스페이스"},
    "network": {"en": "network namespace", "ko": "network 네임스페이스"},
    "ipc": {"en": "ipc namespace", "ko": "ipc 네임스페이스"},
    "uts": {"en": "uts namespace", "ko": "uts 네임스페이스"},
    "allowed": {"en": "allowed", "ko": "허용"},
    "refused": {"en": "refused: {why}", "ko": "거부: {why}"},
    "max_user": {"en": " (user.max_user_namespaces = {count})",
                 "ko": " (user.max_user_namespaces = {count})"},
    "not_needed_root": {"en": "; not needed as root (the jobs run as nobody)",
                        "ko": "; root로 실행하면 필요 없음 (작업은 nobody로 실행)"},
    "cgroups": {"en": "cgroups", "ko": "cgroup"},
    "cgroup_ok": {"en": "{name}: memory and pids, below the grader's own cgroup",
                  "ko": "{name}: memory와 pids, 채점기 자신의 cgroup 아래"},
    "cgroup_no": {"en": "none the grader may make ({why}): limits per process (rlimits)",
                  "ko": "채점기가 만들 수 있는 것 없음 ({why}): 프로세스 단위 제한 (rlimit)"},
    "tool_found": {"en": "{path}: not needed", "ko": "{path}: 필요 없음"},
    "tool_missing": {"en": "not installed: not needed", "ko": "설치되지 않음: 필요 없음"},
    "tools_why": {"en": "the grader gives each job its namespaces itself (unshare(2), mount(2), "
                        "pivot_root(2)): a job is a fork of a warm worker, which a tool that "
                        "starts a program cannot wrap",
                  "ko": "채점기가 작업마다 네임스페이스를 직접 만듭니다 (unshare(2), mount(2), "
                        "pivot_root(2)): 작업은 미리 띄운 작업자의 fork라서 프로그램을 실행하는 "
                        "도구로는 감쌀 수 없습니다"},
    "uses": {"en": "the grader will use", "ko": "채점기가 쓸 것"},
    "strict": {"en": "--isolation strict", "ko": "--isolation strict"},
    "strict_yes": {"en": "grades here", "ko": "여기서 채점합니다"},
    "strict_no": {"en": "refuses to grade here", "ko": "여기서는 채점하지 않습니다"},
    "no_worker": {"en": "the warm worker did not start", "ko": "작업자가 시작되지 않았습니다"},
}
"""`grader doctor`'s words"""


def doctor_words(lang: str | None) -> dict[str, str]:
    return in_language(DOCTOR, lang)


def isolation_words(lang: str | None) -> dict[str, str]:
    return in_language(ISOLATION, lang)


def isolation_said(report, lang: str | None) -> str:
    """A worker's report in a line: what the jobs ran in, and how their limits held."""
    words = isolation_words(lang)
    if not isinstance(report, dict):
        return words["nothing"]
    if report.get("level") == "namespaces":
        said = words["namespaces"].format(user=words["user"] if report.get("user_namespace")
                                          else "")
    else:
        said = words["process"].format(why=report.get("why") or "?")
    if report.get("limits") and report.get("limits") != "rlimits":
        limits = words["cgroup"].format(limits=report["limits"])
    else:
        limits = words["rlimits"]
    shared = report.get("shared") if report.get("level") == "namespaces" else None
    if shared:
        limits += "; " + words["shared"].format(folders=", ".join(map(str, shared)))
    return f"{said}; {limits}"


BANK = {
    "local": {"en": "grader: the exercises of this course folder: {folder} (not the installed "
                    "bank)",
              "ko": "grader: 이 강의 폴더의 문제를 씁니다: {folder} (설치된 문제 은행이 아님)"},
    "broken": {"en": "grader: exercise {id} cannot be used: {problem}",
               "ko": "grader: 문제 {id}을(를) 쓸 수 없습니다: {problem}"},
    "stray": {"en": "grader: {problem}", "ko": "grader: {problem}"},
}
"""what a command says of the bank it reads: a course folder's, a spec that does not load"""


def bank_words(lang: str | None) -> dict[str, str]:
    return in_language(BANK, lang)
