"""The words of the reports, in each language of the course. Templates look labels up here."""
from __future__ import annotations

STATUSES = {
    "en": {"passed": "passed", "failed": "failed", "error": "error", "timeout": "timeout",
           "missing": "missing", "skipped": "skipped"},
    "ko": {"passed": "통과", "failed": "실패", "error": "오류", "timeout": "시간 초과",
           "missing": "없음", "skipped": "건너뜀"},
}
"""an exercise's or a check's status, in words (the terminal and the pages)"""

LABELS = {
    "en": {
        "report": "Grading report", "total": "Total", "points": "points", "exercise": "Exercise",
        "status": "Status", "score": "Score", "checks": "checks passed",
        "check": "Check", "inputs": "Inputs", "expected": "Expected", "actual": "Your result",
        "shape": "shape", "first_diff": "first difference at index",
        "largest_diff": "largest difference", "abs": "absolute", "rel": "relative",
        "marked": "differing elements are marked", "hint": "Likely mistake",
        "ran": "The check ran", "traceback": "Where your code raised",
        "line": "line", "in": "in", "stdout": "Printed (stdout)", "stderr": "Errors (stderr)",
        "bytes": "bytes", "truncated": "cut: only the beginning is shown",
        "skipped_note": "skipped: needs the reference solution's results",
        "curves": "Training curves: accuracy per iteration", "train": "train", "test": "test",
        "iterations": "iterations", "accuracy": "accuracy", "seed": "seed",
        "repeat": "to repeat this run exactly", "version": "grader",
        "dashboard": "Class dashboard", "students": "students", "mean": "mean",
        "median": "median", "distribution": "Score distribution",
        "pass_rate": "Pass rate per exercise", "mistakes": "Most frequent diagnosed mistakes",
        "mistake": "Mistake", "count": "Students", "no_mistakes": "none diagnosed",
        "table": "Students, best score first", "rank": "#", "student": "Student",
        "percent": "%", "min": "lowest", "max": "highest",
        "ungraded": "Not graded (no results)",
        "folded_missing": "not handed in ({count})",
        "classroom_records": "**GitHub Classroom records {score} / {max_score} points**, the sum "
                             "of the exercises' points. The reporter's \"Total points\" line in "
                             "the log counts the exercises passed instead, so it is lower when "
                             "an exercise earns part of its points.",
        # the instructor's class: policies, the way back to the class, the legend
        "class_page": "Class dashboard", "graded_score": "as graded",
        "by_hand": "set by hand", "days_late": "days late", "due": "due",
        "on_time": "on time", "submitted": "submitted",
        "time_unknown": "submission time unknown: no late penalty",
        "late_penalty": "late penalty", "per_day": "per day", "at_most": "at most",
        "overrides": "scores set by hand", "adjustments": "Adjustments",
        "legend": "One square per exercise",
        "mixed_seeds": "graded with another seed (the next run regrades them)",
        "graded": "Graded", "notes": "Notes", "cell": "cell",
        # the notebook's output (%grade): what is folded
        "passed_checks": "checks passed: {count}", "failed_more": "other checks failed: {count}",
        "hint_from": "Likely mistake (check {check})",
    },
    "ko": {
        "report": "채점 결과", "total": "합계", "points": "점", "exercise": "문제",
        "status": "상태", "score": "점수", "checks": "검사 통과",
        "check": "검사", "inputs": "입력", "expected": "기대값", "actual": "내 결과",
        "shape": "형상", "first_diff": "처음 다른 위치",
        "largest_diff": "가장 큰 차이", "abs": "절대", "rel": "상대",
        "marked": "다른 원소를 표시했습니다", "hint": "예상되는 실수",
        "ran": "검사한 코드", "traceback": "오류가 난 곳",
        "line": "줄", "in": "함수", "stdout": "출력 (stdout)", "stderr": "오류 출력 (stderr)",
        "bytes": "바이트", "truncated": "잘림: 앞부분만 보입니다",
        "skipped_note": "건너뜀: 참조 답안의 결과가 필요합니다",
        "curves": "학습 곡선: 반복별 정확도", "train": "훈련", "test": "시험",
        "iterations": "반복", "accuracy": "정확도", "seed": "시드",
        "repeat": "같은 입력으로 다시 채점하려면", "version": "채점기",
        "dashboard": "학급 현황", "students": "명", "mean": "평균",
        "median": "중앙값", "distribution": "점수 분포",
        "pass_rate": "문제별 통과율", "mistakes": "가장 많이 진단된 실수",
        "mistake": "실수", "count": "학생 수", "no_mistakes": "진단된 실수 없음",
        "table": "학생 (점수 높은 순)", "rank": "#", "student": "학생",
        "percent": "%", "min": "최저", "max": "최고",
        "ungraded": "채점되지 않음 (결과 없음)",
        "folded_missing": "제출하지 않은 문제 ({count}개)",
        "classroom_records": "**GitHub Classroom에 기록되는 점수는 {score} / {max_score}점**으로, "
                             "문제별 점수의 합입니다. 로그의 \"Total points\" 줄은 점수가 아니라 "
                             "통과한 문제 수로 계산하므로, 부분 점수를 받은 문제가 있으면 더 "
                             "낮게 나옵니다.",
        # the instructor's class: policies, the way back to the class, the legend
        "class_page": "학급 현황", "graded_score": "채점 점수",
        "by_hand": "직접 정한 점수", "days_late": "지각 일수", "due": "마감",
        "on_time": "기한 내 제출", "submitted": "제출",
        "time_unknown": "제출 시각을 알 수 없어 감점하지 않음",
        "late_penalty": "지각 감점", "per_day": "하루에", "at_most": "최대",
        "overrides": "직접 정한 점수", "adjustments": "점수 조정",
        "legend": "칸 하나가 문제 하나",
        "mixed_seeds": "다른 시드로 채점됨 (다음 실행에서 다시 채점)",
        "graded": "채점한 것", "notes": "참고", "cell": "셀",
        # the notebook's output (%grade): what is folded
        "passed_checks": "통과한 검사 {count}개", "failed_more": "실패한 검사 {count}개 더",
        "hint_from": "예상되는 실수 (검사 {check})",
    },
}

SIMILARITY = {
    "en": {
        "similar": "Similar code",
        "similar_intro": "Pairs of students whose code for an exercise is alike beyond what "
                         "everyone was given (the stub, the prompt, the course's own code); "
                         "renamed names, reordered functions and changed comments do not hide "
                         "it. Most alike first. Alike is not proof: read the two files.",
        "similar_none": "No pair of students wrote code alike beyond what everyone was given.",
        "similar_off": "Not computed (--no-similarity).",
        "alike": "Alike", "shared_prints": "Shared fingerprints", "pair": "Students",
        "side_by_side": "side by side",
        "similar_marked": "Marked lines: what the two files share beyond what everyone was "
                          "given (the stub, the prompt, the course's own code).",
        "alike_note": "the share of the own fingerprints of the file with fewer that the other "
                      "has too",
        "back": "Class dashboard",
    },
    "ko": {
        "similar": "비슷한 코드",
        "similar_intro": "모두가 받은 코드(뼈대 파일, 문제 설명, 강의 코드)를 빼고도 한 문제의 코드가 "
                         "닮은 학생 쌍입니다. 이름을 바꾸거나 함수 순서나 주석을 바꿔도 찾아냅니다. "
                         "많이 닮은 순서입니다. 닮았다고 베낀 것은 아니니 두 파일을 직접 읽어 보세요.",
        "similar_none": "모두가 받은 코드 말고는 닮은 코드를 쓴 학생 쌍이 없습니다.",
        "similar_off": "계산하지 않음 (--no-similarity).",
        "alike": "닮은 정도", "shared_prints": "공통 지문", "pair": "학생",
        "side_by_side": "나란히 보기",
        "similar_marked": "표시한 줄: 모두가 받은 코드(뼈대 파일, 문제 설명, 강의 코드) 말고 두 파일이 "
                          "함께 가진 부분입니다.",
        "alike_note": "지문이 적은 쪽 파일의 지문 중 다른 파일에도 있는 비율",
        "back": "학급 현황",
    },
}
"""the labels of similar code: the dashboard's section and the side-by-side pages"""


CAUSE_NAMES = {
    "en": {"blocks": "makes p{exercise} fail too (p{exercise} imports {file})"},
    "ko": {"blocks": "p{exercise}도 함께 실패시킴 (p{exercise}이(가) {file}을(를) import함)"},
}
"""a file that makes another exercise fail, under the exercise it belongs to"""


def mistake_name(mistake_id: str, lang: str | None, spec_label: str | None = None) -> str:
    """A diagnosis as the dashboard names it: the spec's label, a family's name (each family's
    module names it, `grading.diagnosis.families`), else its id."""
    if spec_label:
        return spec_label
    from ..grading.diagnosis.families import NAMES  # the families, only for a class's pages

    return NAMES.get(lang or "en", NAMES["en"]).get(mistake_id, mistake_id)


PROGRESS = {
    "en": {"s": "{s} s", "min": "{m} min {s:02d} s", "h": "{h} h {m:02d} min", "eta": "ETA {time}",
           "took": "({seconds:.1f} s)",
           "up_to_date": "{count} of {total} students up to date, not regraded (--force "
                         "regrades them)",
           "interrupted": "interrupted: finishing what is in progress for {names} (Ctrl-C again "
                          "to abandon it)",
           "worker_stopped": "grader: a worker stopped{on}: {problem}", "on": " on {name}",
           "finished": "{graded} graded, {skipped} up to date, {problems} with problems, "
                       "{ungraded} not graded; mean {mean} / {top}, median {median}; "
                       "{seconds:.1f} s",
           "kept": "grader: interrupted; the finished results are kept{abandoned}",
           "abandoned": " (abandoned: {names})",
           "partial": "{count} students keep their results and get only the exercises they lack "
                      "or that this run regrades",
           "regrading_all": "regrading every student: the output folder was graded with "
                            "{differences}",
           "recorded_seed": "seed {seed}, as recorded in the output folder",
           "again_alone": "grading again, alone: {names} (a job was killed by a signal while "
                          "other students' code ran)",
           "busy": "another grader is writing {out} (`{command}`, pid {pid}, started "
                   "{started}): wait until it ends, or write into another --out",
           "busy_unknown": "another grader is writing {out}: wait until it ends, or write into "
                           "another --out",
           "adding": "adding {names} to the {count} exercises already graded",
           "seed": "seed {seed}",
           "isolation": "isolation: {said}",
           "merged": "{students} students merged; mean {mean} / {top}",
           "similar": "similar code: {count} pair(s), the most alike p{exercise} {students} "
                      "({similarity:.0%}): {page}"},
    "ko": {"s": "{s}초", "min": "{m}분 {s:02d}초", "h": "{h}시간 {m:02d}분", "eta": "남은 시간 {time}",
           "took": "({seconds:.1f}초)",
           "up_to_date": "학생 {total}명 중 {count}명은 이미 최신이라 다시 채점하지 않습니다 "
                         "(--force로 다시 채점)",
           "interrupted": "중단됨: 진행 중인 {names}의 채점을 마치는 중입니다 (한 번 더 Ctrl-C를 "
                          "누르면 버립니다)",
           "worker_stopped": "grader: 채점 작업자가 멈췄습니다{on}: {problem}", "on": " ({name})",
           "finished": "{graded}명 채점, {skipped}명 최신, {problems}명 문제 있음, {ungraded}명 "
                       "채점되지 않음; 평균 {mean} / {top}, 중앙값 {median}; {seconds:.1f}초",
           "kept": "grader: 중단됨; 끝난 결과는 남겨 둡니다{abandoned}",
           "abandoned": " (버림: {names})",
           "partial": "학생 {count}명은 결과를 그대로 두고, 없는 문제와 이번에 다시 채점하는 문제만 "
                      "채점합니다",
           "regrading_all": "모든 학생을 다시 채점합니다: 출력 폴더는 다른 설정으로 채점되었습니다 "
                            "({differences})",
           "recorded_seed": "출력 폴더에 기록된 시드 {seed}를 씁니다",
           "again_alone": "혼자 다시 채점합니다: {names} (다른 학생의 코드가 실행되는 동안 작업이 "
                          "신호로 종료되었습니다)",
           "busy": "다른 채점기가 {out}에 쓰고 있습니다 (`{command}`, pid {pid}, {started} 시작): "
                   "끝날 때까지 기다리거나 다른 --out에 쓰세요",
           "busy_unknown": "다른 채점기가 {out}에 쓰고 있습니다: 끝날 때까지 기다리거나 다른 --out에 "
                           "쓰세요",
           "adding": "이미 채점한 {count}문제에 {names}을(를) 더합니다",
           "seed": "시드 {seed}",
           "isolation": "격리: {said}",
           "merged": "{students}명 병합; 평균 {mean} / {top}",
           "similar": "비슷한 코드: {count}쌍, 가장 비슷한 쌍은 p{exercise} {students} "
                      "({similarity:.0%}): {page}"},
}
"""the batch's progress lines and its closing line"""


PYTEST = {
    "en": {"header": "backprop-grader {version}: seed {seed} (--grader-seed {seed} repeats it); "
                     "messages in English",
           "at": "at {file}:{line}", "check": "check", "hint": "hint",
           "skipped": "needs the reference solution"},
    "ko": {"header": "backprop-grader {version}: 시드 {seed} (--grader-seed {seed}로 같은 입력 반복); "
                     "메시지는 한국어",
           "at": "위치 {file}:{line}", "check": "검사", "hint": "힌트",
           "skipped": "참조 답안이 필요합니다"},
}
"""what the pytest plugin adds to a check's own words"""


SUMMARY = {
    "en": {"title": "backprop-grader: {score} / {max_score} points",
           "passed_count": "{passed} of {count} exercises passed", "seed": "seed {seed}",
           "platform": "{score} / {max_score} points; {passed} of {count} exercises passed "
                       "(seed {seed}, grader {version}).",
           "exercise": "exercise", "points": "points", "status": "status",
           "nothing": "nothing was graded", "no_exercises": "no exercises"},
    "ko": {"title": "backprop-grader: {score} / {max_score}점",
           "passed_count": "{count}문제 중 {passed}문제 통과", "seed": "시드 {seed}",
           "platform": "{score} / {max_score}점; {count}문제 중 {passed}문제 통과 "
                       "(시드 {seed}, 채점기 {version}).",
           "exercise": "문제", "points": "점수", "status": "상태",
           "nothing": "채점한 것이 없습니다", "no_exercises": "문제 없음"},
}
"""the score as the CI and platform formats state it: GitHub's job summary, Gradescope's
`output`, Classroom's stand-in when nothing was graded"""

GRADEBOOK = {
    "en": {"not_graded": "not graded yet", "by_hand": "p{exercise} set to {points} by hand",
           "reason": ": {reason}", "time_unknown": "submission time unknown: no late penalty",
           "late_day": "late 1 day: -{percent}% (-{points} points)",
           "late_days": "late {days} days: -{percent}% (-{points} points)"},
    "ko": {"not_graded": "아직 채점하지 않음", "by_hand": "p{exercise}: {points}점으로 직접 정함",
           "reason": " ({reason})", "time_unknown": "제출 시각을 알 수 없어 감점하지 않음",
           "late_day": "1일 지각: -{percent}% (-{points}점)",
           "late_days": "{days}일 지각: -{percent}% (-{points}점)"},
}
"""the notes column of gradebook.csv"""


USAGE = {
    "en": {"no_target": "{given} does not exist: `grader check` takes {kinds}",
           "not_a_target": "{given} is not what `grader check` takes: {kinds}",
           "comma": ", ", "or": " or "},
    "ko": {"no_target": "{given}이(가) 없습니다: `grader check`는 {kinds}을(를) 채점합니다",
           "not_a_target": "{given}은(는) `grader check`가 채점하는 것이 아닙니다: {kinds}을(를) "
                           "주세요",
           "comma": ", ", "or": ", "},
}
"""`grader check`'s usage errors about what it was given"""


WORKFLOW = {
    "en": {"install_title": "The grader could not be installed",
           "install_failed": "The grader could not be installed, so nothing was graded and this "
                             "run counts 0 points. It is not your code: tell your instructor, "
                             "who can read why in the step \"Install the grader\" of this log.",
           "stopped_title": "The grader stopped without a result",
           "stopped": "The grader stopped before it wrote a result, so this run counts 0 "
                      "points. The step \"Grade\" of this log says why; if it is not your "
                      "code, tell your instructor."},
    "ko": {"install_title": "채점기를 설치하지 못했습니다",
           "install_failed": "채점기를 설치하지 못해 아무것도 채점하지 않았고, 이번 실행은 0점으로 "
                             "기록됩니다. 여러분의 코드 문제가 아닙니다: 강사에게 알려 주세요. 이유는 "
                             "이 로그의 \"Install the grader\" 단계에 있습니다.",
           "stopped_title": "채점기가 결과 없이 멈췄습니다",
           "stopped": "채점기가 결과를 쓰기 전에 멈춰서 이번 실행은 0점으로 기록됩니다. 이유는 이 "
                      "로그의 \"Grade\" 단계에 있습니다. 여러분의 코드 문제가 아니라면 강사에게 "
                      "알려 주세요."},
}
"""what a Classroom repository's workflow says when the grader could not be installed or run
(its log, and the reporter's result: platforms/classroom_template.py)"""


def workflow_words(lang: str | None) -> dict[str, str]:
    return WORKFLOW.get(lang or "en", WORKFLOW["en"])


def usage_words(lang: str | None) -> dict[str, str]:
    return USAGE.get(lang or "en", USAGE["en"])


def summary_words(lang: str | None) -> dict[str, str]:
    return {**statuses(lang), **SUMMARY.get(lang or "en", SUMMARY["en"])}


def gradebook_words(lang: str | None) -> dict[str, str]:
    return GRADEBOOK.get(lang or "en", GRADEBOOK["en"])


def plugin_words(lang: str | None) -> dict[str, str]:
    return {**statuses(lang), **PYTEST.get(lang or "en", PYTEST["en"])}


def progress_words(lang: str | None) -> dict[str, str]:
    return PROGRESS.get(lang or "en", PROGRESS["en"])


def check_title(name: str, label: str | None, lang: str | None) -> str:
    """A check as the reports name it: in English its name and its label; in Korean its label
    alone (a check's name is an English identifier, for pytest items and mistakes' `checks:`)."""
    if lang == "ko" and label:
        return f'"{label}"'
    return f'"{name}"' + (f" ({label})" if label else "")


def cause_name(lang: str | None, exercise: str, file: str) -> str:
    return CAUSE_NAMES.get(lang or "en", CAUSE_NAMES["en"])["blocks"].format(
        exercise=exercise, file=file)


KINDS = {
    "en": {"api": "api", "output": "output", "value": "value", "gradient": "gradient",
           "reference": "reference", "training": "training"},
    "ko": {"api": "구현", "output": "출력", "value": "값", "gradient": "기울기",
           "reference": "참조 답안", "training": "학습"},
}
"""an exercise's kind (api: code the grader calls; output: a script whose printed numbers it
reads) and a check's, as `grader list` and `grader show` name them"""


def kind_word(kind: str, lang: str | None) -> str:
    """A kind in words (templates: `{{ s.kind | kind(lang) }}`); an unknown kind as it is."""
    return KINDS.get(lang or "en", KINDS["en"]).get(kind, kind)


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
    return STATUSES.get(lang or "en", STATUSES["en"])


def labels(lang: str | None) -> dict[str, str]:
    """The pages' labels, the status words among them."""
    return {**statuses(lang), **LABELS.get(lang or "en", LABELS["en"]),
            **SIMILARITY.get(lang or "en", SIMILARITY["en"]),
            "isolation": isolation_words(lang)["label"]}


WATCH = {
    "en": {"watching": "watching {folder}: an exercise is graded again when its file, or a file "
                       "it imports, is saved (Ctrl-C stops)",
           "changed": "changed: {files}", "regraded": "graded again: {ids}",
           "unused": "no exercise uses it",
           "no_code": "no code changed (comments or spacing only): nothing graded again",
           "unchanged": "unchanged", "was": "was",
           "gone": "{folder} cannot be read ({why}); waiting for it",
           "stopped": "stopped watching {folder}"},
    "ko": {"watching": "{folder}을(를) 지켜보는 중: 문제 파일이나 그 파일이 불러오는 파일을 "
                       "저장하면 그 문제를 다시 채점합니다 (Ctrl-C로 멈춤)",
           "changed": "바뀐 파일: {files}", "regraded": "다시 채점: {ids}",
           "unused": "이 파일을 쓰는 문제가 없습니다",
           "no_code": "코드는 바뀌지 않았습니다 (주석이나 공백만 바뀜): 다시 채점하지 않습니다",
           "unchanged": "변화 없음", "was": "이전:",
           "gone": "{folder}을(를) 읽을 수 없습니다 ({why}); 다시 생길 때까지 기다립니다",
           "stopped": "{folder} 지켜보기를 멈췄습니다"},
}
"""`grader check --watch`: what it says between gradings"""


def watch_labels(lang: str | None) -> dict[str, str]:
    return WATCH.get(lang or "en", WATCH["en"])


ISOLATION = {
    "en": {"label": "isolation",
           "namespaces": "each job in namespaces of its own (pid, mount, network, ipc{user}), "
                         "seeing only its copy, Python and the grader's code",
           "user": ", user",
           "process": "jobs as plain processes, without namespaces ({why})",
           "cgroup": "memory and processes limited per job ({limits})",
           "rlimits": "memory limited per process, processes per user (rlimits)",
           "nothing": "no job ran",
           "shared": "shared with every job: {folders}",
           "fallback": "grader: no namespaces here ({why}): each job runs as a plain process "
                       "that can see the machine's files, network and other jobs (see `grader "
                       "doctor`; --isolation strict refuses to grade without them)",
           "refused": "--isolation strict: this machine gives the grader no namespaces ({why}); "
                      "nothing was graded (see `grader doctor`)"},
    "ko": {"label": "격리",
           "namespaces": "작업마다 독립된 네임스페이스(pid, mount, network, ipc{user})에서 자기 "
                         "사본, 파이썬, 채점기 코드만 보며 실행",
           "user": ", user",
           "process": "네임스페이스 없이 일반 프로세스로 실행 ({why})",
           "cgroup": "메모리와 프로세스 수를 작업 단위로 제한 ({limits})",
           "rlimits": "메모리는 프로세스 단위, 프로세스 수는 사용자 단위로 제한 (rlimit)",
           "nothing": "실행한 작업 없음",
           "shared": "모든 작업이 함께 쓰는 폴더: {folders}",
           "fallback": "grader: 이 컴퓨터에서는 네임스페이스를 쓸 수 없습니다 ({why}): 작업마다 "
                       "컴퓨터의 파일, 네트워크, 다른 작업이 보이는 일반 프로세스로 실행합니다 "
                       "(`grader doctor` 참고; --isolation strict는 네임스페이스 없이 채점하지 "
                       "않습니다)",
           "refused": "--isolation strict: 이 컴퓨터는 채점기에 네임스페이스를 주지 않습니다 "
                      "({why}); 아무것도 채점하지 않았습니다 (`grader doctor` 참고)"},
}
"""what the jobs ran in (`grading/sandbox/isolation.py`'s report), said by the terminal's
footer, the reports, the dashboard, the batch and `grader doctor`"""

DOCTOR = {
    "en": {"title": "grader doctor: what this machine allows the sandbox, and what the grader "
                    "will use",
           "machine": "machine", "machine_is": "{system} {release} ({arch}), Python {python}, "
                                               "the grader as {user} (uid {uid})",
           "user": "user namespaces", "pid": "pid namespace", "mount": "mount namespace",
           "network": "network namespace", "ipc": "ipc namespace", "uts": "uts namespace",
           "allowed": "allowed", "refused": "refused: {why}",
           "max_user": " (user.max_user_namespaces = {count})",
           "not_needed_root": "; not needed as root (the jobs run as nobody)",
           "cgroups": "cgroups", "cgroup_ok": "{name}: memory and pids, below the grader's own "
                                              "cgroup",
           "cgroup_no": "none the grader may make ({why}): limits per process (rlimits)",
           "tool_found": "{path}: not needed",
           "tool_missing": "not installed: not needed",
           "tools_why": "the grader gives each job its namespaces itself (unshare(2), "
                        "mount(2), pivot_root(2)): a job is a fork of a warm worker, which a tool "
                        "that starts a program cannot wrap",
           "uses": "the grader will use", "strict": "--isolation strict",
           "strict_yes": "grades here", "strict_no": "refuses to grade here",
           "no_worker": "the warm worker did not start"},
    "ko": {"title": "grader doctor: 이 컴퓨터가 샌드박스에 허용하는 것과 채점기가 쓸 것",
           "machine": "컴퓨터", "machine_is": "{system} {release} ({arch}), 파이썬 {python}, "
                                              "채점기 사용자 {user} (uid {uid})",
           "user": "user 네임스페이스", "pid": "pid 네임스페이스", "mount": "mount 네임스페이스",
           "network": "network 네임스페이스", "ipc": "ipc 네임스페이스",
           "uts": "uts 네임스페이스",
           "allowed": "허용", "refused": "거부: {why}",
           "max_user": " (user.max_user_namespaces = {count})",
           "not_needed_root": "; root로 실행하면 필요 없음 (작업은 nobody로 실행)",
           "cgroups": "cgroup", "cgroup_ok": "{name}: memory와 pids, 채점기 자신의 cgroup 아래",
           "cgroup_no": "채점기가 만들 수 있는 것 없음 ({why}): 프로세스 단위 제한 (rlimit)",
           "tool_found": "{path}: 필요 없음",
           "tool_missing": "설치되지 않음: 필요 없음",
           "tools_why": "채점기가 작업마다 네임스페이스를 직접 만듭니다 (unshare(2), mount(2), "
                        "pivot_root(2)): 작업은 미리 띄운 작업자의 fork라서 프로그램을 실행하는 "
                        "도구로는 감쌀 수 없습니다",
           "uses": "채점기가 쓸 것", "strict": "--isolation strict",
           "strict_yes": "여기서 채점합니다", "strict_no": "여기서는 채점하지 않습니다",
           "no_worker": "작업자가 시작되지 않았습니다"},
}
"""`grader doctor`'s words"""


def isolation_words(lang: str | None) -> dict[str, str]:
    return ISOLATION.get(lang or "en", ISOLATION["en"])


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
    "en": {"local": "grader: the exercises of this course folder: {folder} (not the installed "
                    "bank)",
           "broken": "grader: exercise {id} cannot be used: {problem}",
           "stray": "grader: {problem}"},
    "ko": {"local": "grader: 이 강의 폴더의 문제를 씁니다: {folder} (설치된 문제 은행이 아님)",
           "broken": "grader: 문제 {id}을(를) 쓸 수 없습니다: {problem}",
           "stray": "grader: {problem}"},
}
"""what a command says of the bank it reads: a course folder's, a spec that does not load"""


def bank_words(lang: str | None) -> dict[str, str]:
    return BANK.get(lang or "en", BANK["en"])
