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
    },
    "ko": {
        "report": "채점 결과", "total": "합계", "points": "점", "exercise": "문제",
        "status": "상태", "score": "점수", "checks": "검사 통과",
        "check": "검사", "inputs": "입력", "expected": "기대값", "actual": "내 결과",
        "shape": "모양", "first_diff": "처음 다른 위치",
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
    },
}


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
    return {**statuses(lang), **LABELS.get(lang or "en", LABELS["en"])}


WATCH = {
    "en": {"watching": "watching {folder}: an exercise is graded again when its file, or a file "
                       "it imports, is saved (Ctrl-C stops)",
           "changed": "changed: {files}", "regraded": "graded again: {ids}",
           "unused": "no exercise uses it", "unchanged": "unchanged", "was": "was",
           "gone": "{folder} cannot be read ({why}); waiting for it",
           "stopped": "stopped watching {folder}"},
    "ko": {"watching": "{folder}을(를) 지켜보는 중: 문제 파일이나 그 파일이 불러오는 파일을 "
                       "저장하면 그 문제를 다시 채점합니다 (Ctrl-C로 멈춤)",
           "changed": "바뀐 파일: {files}", "regraded": "다시 채점: {ids}",
           "unused": "이 파일을 쓰는 문제가 없습니다", "unchanged": "변화 없음", "was": "이전:",
           "gone": "{folder}을(를) 읽을 수 없습니다 ({why}); 다시 생길 때까지 기다립니다",
           "stopped": "{folder} 지켜보기를 멈췄습니다"},
}
"""`grader check --watch`: what it says between gradings"""


def watch_labels(lang: str | None) -> dict[str, str]:
    return WATCH.get(lang or "en", WATCH["en"])
